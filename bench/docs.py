#!/usr/bin/env python3
"""strata docs on the synthetic schema: time and output size.

    bench/docs.py [--tables 5000] [--runs 3]

Builds strata and strata-synth in release mode (in $CARGO_TARGET_DIR, or
target/), loads `strata-synth --dialect postgres --tables N` into a
PostgreSQL database on the local server (kept between runs, named after N),
then measures:

- `strata inspect --format json` (the snapshot the other runs read, so that
  generation is timed apart from inspection);
- `strata docs SNAPSHOT --format html` and `--format markdown`;
- `strata docs --check` on the fresh output (read and compare every file);
- `strata inspect SNAPSHOT --format mermaid` and `--format dot`;
- `strata docs URL` end to end (inspection included).

It prints median wall seconds over --runs, peak RSS, the number of files and
their total size. Numbers on a shared 2-core machine are indicative.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
STRATA = TARGET / "release" / "strata"
SYNTH = TARGET / "release" / "strata-synth"
PG = "postgres://postgres@127.0.0.1:5432"


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def measure(cmd, runs):
    """Median wall seconds over `runs` and peak RSS (MB) of the last run."""
    times = []
    rss = 0.0
    for _ in range(runs):
        with tempfile.NamedTemporaryFile("r") as f:
            t = time.perf_counter()
            sh(["/usr/bin/time", "-f", "%M", "-o", f.name] + cmd,
               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            times.append(time.perf_counter() - t)
            rss = int(f.read().strip().splitlines()[-1]) / 1024
    return statistics.median(times), rss


def size_of(path):
    path = Path(path)
    if path.is_file():
        return 1, path.stat().st_size
    files = [p for p in path.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def pg_db(tables):
    name = f"strata_bench_docs_{tables}"
    have = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-tAc",
         f"select 1 from pg_database where datname = '{name}'"],
        capture_output=True, text=True, check=True).stdout.strip()
    if have != "1":
        sh(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qc", f'create database "{name}"'])
        sql = subprocess.run([str(SYNTH), "--dialect", "postgres", "--tables", str(tables)],
                             capture_output=True, text=True, check=True).stdout
        sh(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", name, "-q", "-v", "ON_ERROR_STOP=1"],
           input=sql, text=True, stdout=subprocess.DEVNULL)
    return f"{PG}/{name}"


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--tables", type=int, default=5000)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--keep", help="leave the generated docs in this directory")
    args = p.parse_args()
    sh(["cargo", "build", "--release", "--quiet", "-p", "strata-cli", "-p", "strata-bench"], cwd=ROOT)
    url = pg_db(args.tables)
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="strata-docs-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    snap = work / "schema.json"
    html, md = work / "html", work / "markdown"
    rows = []

    def row(title, cmd, output=None):
        secs, rss = measure(cmd, args.runs)
        files, size = size_of(output) if output else (0, 0)
        rows.append((title, secs, rss, files, size))

    row("inspect --format json (snapshot)", [str(STRATA), "inspect", url, "--format", "json", "-o", str(snap)], snap)
    row("docs --format html (from snapshot)", [str(STRATA), "docs", str(snap), "--out", str(html)], html)
    row("docs --format html --check (fresh)", [str(STRATA), "docs", str(snap), "--out", str(html), "--check"])
    row("docs --format markdown (from snapshot)",
        [str(STRATA), "docs", str(snap), "--out", str(md), "--format", "markdown"], md)
    row("inspect --format mermaid (from snapshot)",
        [str(STRATA), "inspect", str(snap), "--format", "mermaid", "-o", str(work / "erd.mmd")], work / "erd.mmd")
    row("inspect --format dot (from snapshot)",
        [str(STRATA), "inspect", str(snap), "--format", "dot", "-o", str(work / "erd.dot")], work / "erd.dot")
    row("docs --format html (from the database)", [str(STRATA), "docs", url, "--out", str(work / "html-live")],
        work / "html-live")

    print(f"\nstrata docs, synthetic PostgreSQL schema of {args.tables} tables ({args.runs} runs, median)\n")
    print(f"{'what':44} {'seconds':>8} {'peak MB':>8} {'files':>7} {'size MB':>8}")
    for title, secs, rss, files, size in rows:
        print(f"{title:44} {secs:8.2f} {rss:8.0f} {files or '':>7} {(f'{size / 1e6:.1f}' if size else ''):>8}")
    if not args.keep:
        print(f"\n(output in {work})")


if __name__ == "__main__":
    sys.exit(main())
