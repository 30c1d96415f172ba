// Checks strata's generated documentation with real tools:
// - the HTML site in headless Chromium (Debian's /usr/bin/chromium, driven by
//   playwright-core), opened from disk;
// - Mermaid text with Mermaid's own parser (in the same browser);
// - DOT text with Graphviz compiled to WebAssembly (@viz-js/viz).
//
//   node check.mjs JOB.json
//
// JOB.json: { "site": {...}, "mermaid": [...], "dot": [...] } (see
// crates/strata-docs/tests/common/mod.rs). Prints one line per check and
// exits 1 when any fails.
import { chromium } from "playwright-core";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const job = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
let failures = 0;
const ok = (msg) => console.log(`ok   ${msg}`);
const fail = (msg) => {
  failures++;
  console.log(`FAIL ${msg}`);
};
const check = (cond, msg) => (cond ? ok(msg) : fail(msg));

// playwright gives every launch a fresh, empty profile directory of its own.
const browser = await chromium.launch({
  executablePath: process.env.STRATA_CHROMIUM || "/usr/bin/chromium",
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
});

try {
  if (job.site) await checkSite(job.site);
  if (job.mermaid && job.mermaid.length) await checkMermaid(job.mermaid);
  if (job.dot && job.dot.length) await checkDot(job.dot);
} catch (e) {
  fail(`unexpected error: ${e && e.stack ? e.stack : e}`);
} finally {
  await browser.close();
}
console.log(`${failures === 0 ? "all checks passed" : failures + " check(s) failed"}`);
process.exit(failures === 0 ? 0 : 1);

function htmlFiles(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...htmlFiles(p));
    else if (entry.name.endsWith(".html")) out.push(p);
  }
  return out.sort();
}

async function checkSite(site) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  // Nothing may leave the machine: any non-file request fails the check.
  const network = [];
  await context.route(/^(?!file:).*/, (route) => {
    network.push(route.request().url());
    route.abort();
  });
  const page = await context.newPage();
  const errors = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`${page.url()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => errors.push(`${page.url()}: ${e.message}`));
  page.on("requestfailed", (r) => {
    if (r.url().startsWith("file:")) errors.push(`missing resource ${r.url()}`);
  });

  const index = pathToFileURL(path.join(site.dir, "index.html")).href;
  await page.goto(index, { waitUntil: "load" });
  check(errors.length === 0, `index loads without console errors ${errors.join("; ")}`);

  // The overview diagram: a node per table, an edge per foreign key.
  const tables = await page.$$eval("svg.erd.overview [data-table]", (els) =>
    els.map((e) => e.getAttribute("data-table")).sort());
  const expected = [...site.tables].sort();
  const missing = expected.filter((t) => !tables.includes(t));
  check(tables.length === expected.length && missing.length === 0,
    `overview has a node for each of ${expected.length} tables (found ${tables.length}; missing ${missing.slice(0, 5).join(", ")})`);
  const fks = await page.$$eval("svg.erd.overview path.edge[data-fk]", (els) => els.length);
  check(fks === site.foreign_keys, `overview has an edge for each of ${site.foreign_keys} foreign keys (found ${fks})`);
  if (site.screenshot) {
    await page.screenshot({ path: site.screenshot, fullPage: false });
    ok(`screenshot ${site.screenshot}`);
  }

  // Search finds a table by one of its column names.
  await page.fill("#search", site.search.query);
  const hits = await page.$$eval("#search-results a", (as) => as.map((a) => a.textContent));
  const hit = hits.find((h) => h.startsWith(site.search.expect + " "));
  check(hit !== undefined, `search '${site.search.query}' finds ${site.search.expect} (got ${hits.slice(0, 5).join(" | ")})`);
  if (hit !== undefined) {
    const link = page.locator("#search-results a", { hasText: site.search.expect + " " }).first();
    await Promise.all([page.waitForNavigation(), link.click()]);
    const h1 = await page.textContent("h1");
    check(h1.trim() === site.search.expect.split(".").pop(), `clicking the result opens the table page (h1 '${h1.trim()}')`);
    if (site.table_screenshot) await page.screenshot({ path: site.table_screenshot, fullPage: true });
  }

  // Every page: loads without errors, and every link resolves to a file.
  const pages = htmlFiles(site.dir);
  const broken = [];
  const before = errors.length;
  for (const file of pages) {
    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
    const targets = await page.$$eval("a[href], link[href], script[src]", (els) =>
      els.map((e) => e.href || e.src));
    for (const t of targets) {
      if (typeof t !== "string" || !t) continue;
      if (!t.startsWith("file:")) {
        broken.push(`${path.relative(site.dir, file)} -> ${t} (not a local file)`);
        continue;
      }
      const target = fileURLToPath(t.split("#")[0]);
      if (!fs.existsSync(target)) broken.push(`${path.relative(site.dir, file)} -> ${path.relative(site.dir, target)}`);
    }
  }
  check(broken.length === 0, `every link of ${pages.length} pages resolves ${broken.slice(0, 10).join("; ")}`);
  check(errors.length === before, `every page loads without console errors ${errors.slice(before, before + 5).join("; ")}`);
  check(network.length === 0, `no network request ${network.slice(0, 5).join(", ")}`);
  await context.close();
}

async function checkMermaid(items) {
  const page = await browser.newPage();
  const script = path.join(here, "node_modules", "mermaid", "dist", "mermaid.min.js");
  await page.setContent("<!doctype html><html><body></body></html>");
  await page.addScriptTag({ path: script });
  await page.evaluate(() => window.mermaid.initialize({ startOnLoad: false }));
  for (const item of items) {
    const text = fs.readFileSync(item.file, "utf8");
    const result = await page.evaluate(async (src) => {
      try {
        await window.mermaid.parse(src);
        const diagram = await window.mermaid.mermaidAPI.getDiagramFromText(src);
        const db = diagram.db;
        const entities = db.getEntities();
        const count = entities instanceof Map ? entities.size : Object.keys(entities).length;
        return { ok: true, entities: count, relationships: db.getRelationships().length };
      } catch (e) {
        return { ok: false, error: String(e && e.message ? e.message : e) };
      }
    }, text);
    if (!result.ok) {
      fail(`mermaid parses ${path.basename(item.file)}: ${result.error}`);
      continue;
    }
    check(result.entities === item.entities && result.relationships === item.relationships,
      `mermaid ${path.basename(item.file)}: ${result.entities}/${item.entities} entities, ${result.relationships}/${item.relationships} relationships`);
  }
  await page.close();
}

async function checkDot(items) {
  const { instance } = await import("@viz-js/viz");
  const viz = await instance();
  for (const item of items) {
    const text = fs.readFileSync(item.file, "utf8");
    const result = viz.render(text, { format: "json" });
    const problems = (result.errors || []).filter((e) => e.level === "error" || e.level === "warning");
    if (result.status !== "success" || problems.length) {
      fail(`graphviz renders ${path.basename(item.file)}: ${JSON.stringify(result.errors)}`);
      continue;
    }
    const graph = JSON.parse(result.output);
    const nodes = (graph.objects || []).filter((o) => !o.nodes).length;
    const edges = (graph.edges || []).length;
    check(nodes === item.nodes && edges === item.edges,
      `graphviz ${path.basename(item.file)}: ${nodes}/${item.nodes} nodes, ${edges}/${item.edges} edges`);
  }
}
