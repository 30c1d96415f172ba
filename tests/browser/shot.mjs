// Screenshots of generated pages, for looking at them:
//   node shot.mjs OUT.png FILE.html [width height]
import { chromium } from "playwright-core";
import { pathToFileURL } from "node:url";
import path from "node:path";

const [out, file, width = "1400", height = "1000"] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.STRATA_CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const page = await browser.newPage({ viewport: { width: Number(width), height: Number(height) } });
await page.goto(pathToFileURL(path.resolve(file)).href, { waitUntil: "load" });
await page.screenshot({ path: out });
await browser.close();
