#!/usr/bin/env python3
"""strata's benchmarks: each job against its peer and against the floor.

    bench/run.py [inspect|inspect-pg|inspect-mysql|diff|codegen|all] [--sizes 1000,5000] [--runs 3]

It builds strata in release mode, creates the synthetic schemas with
`strata-synth` (N tables, N/10 views) on the local PostgreSQL and MariaDB,
installs the peers into bench/.venv from bench/requirements.txt, and prints
median wall times, peak RSS and ratios measured in the same run. Absolute
times on a shared 2-core machine mean little; the ratios are the result.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / "bench" / ".venv"
PY = VENV / "bin" / "python"
TARGET = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
STRATA = TARGET / "release" / "strata"
SYNTH = TARGET / "release" / "strata-synth"
PG = "postgres://postgres@127.0.0.1:5432"
PG_PY = "postgresql+psycopg2://postgres@127.0.0.1:5432"
MY = "mysql://root@127.0.0.1:3306"
MY_PY = "mysql+pymysql://root@127.0.0.1:3306"


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def setup():
    sh(["cargo", "build", "--release", "--quiet", "-p", "strata-cli", "-p", "strata-bench"], cwd=ROOT)
    if not PY.exists():
        sh([sys.executable, "-m", "venv", str(VENV)])
    sh([str(PY), "-m", "pip", "install", "--quiet", "-r", str(ROOT / "bench" / "requirements.txt")])


def measure(cmd, runs, env=None):
    """Median wall seconds over `runs`, and peak RSS (MB) of one run."""
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        sh(cmd, stdout=subprocess.DEVNULL, env=env)
        times.append(time.perf_counter() - t)
    with tempfile.NamedTemporaryFile("r") as f:
        sh(["/usr/bin/time", "-f", "%M", "-o", f.name] + cmd, stdout=subprocess.DEVNULL, env=env)
        rss_mb = int(f.read().strip().splitlines()[-1]) / 1024
    return statistics.median(times), rss_mb


def pg_db(name, tables, changes=0):
    """A PostgreSQL database holding the synthetic schema (kept between runs)."""
    have = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-tAc",
         f"select 1 from pg_database where datname = '{name}'"],
        capture_output=True, text=True, check=True).stdout.strip()
    if have != "1":
        sh(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qc", f'create database "{name}"'])
        sql = subprocess.run([str(SYNTH), "--dialect", "postgres", "--tables", str(tables), "--changes", str(changes)],
                             capture_output=True, text=True, check=True).stdout
        sh(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", name, "-q", "-v", "ON_ERROR_STOP=1"],
           input=sql, text=True, stdout=subprocess.DEVNULL)
    return f"{PG}/{name}"


def my_db(name, tables, changes=0):
    """A MariaDB database holding the synthetic schema (kept between runs)."""
    have = subprocess.run(["mariadb", "-h127.0.0.1", "-uroot", "-N", "-e", f"show databases like '{name}'"],
                          capture_output=True, text=True, check=True).stdout.strip()
    if have != name:
        sh(["mariadb", "-h127.0.0.1", "-uroot", "-e", f"create database `{name}`"])
        sql = subprocess.run([str(SYNTH), "--dialect", "mysql", "--tables", str(tables), "--changes", str(changes)],
                             capture_output=True, text=True, check=True).stdout
        sh(["mariadb", "-h127.0.0.1", "-uroot", name], input=sql, text=True)
    return f"{MY}/{name}"


def report(title, rows):
    print(f"\n## {title}\n")
    print("| N | case | median s | peak RSS MB | ratio |")
    print("|---|---|---|---|---|")
    for n, case, secs, rss, ratio in rows:
        print(f"| {n} | {case} | {secs:.3f} | {rss:.0f} | {ratio} |")
    sys.stdout.flush()


def catalog_queries(dialect):
    """The inspector's own catalog queries, as the floor runs them."""
    out = subprocess.run([str(STRATA), "inspect", "--print-catalog-queries", f"--dialect={dialect}"],
                         capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"cannot get the catalog queries: {out.stderr}")
    return out.stdout


def bench_inspect_pg(sizes, runs):
    rows = []
    pg_floor = catalog_queries("postgres")
    for n in sizes:
        url = pg_db(f"strata_bench_{n}", n)
        db = url.rsplit("/", 1)[1]
        with tempfile.NamedTemporaryFile("w", suffix=".sql") as q:
            q.write(pg_floor)
            q.flush()
            floor, floor_rss = measure(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", db, "-X", "-q", "-A", "-t",
                                        "-o", "/dev/null", "-f", q.name], runs)
        ours, ours_rss = measure([str(STRATA), "inspect", url, "--format", "json", "-o", "/dev/null"], runs)
        peer, peer_rss = measure([str(PY), "-c",
                                  "import sys; from sqlbag import S; from schemainspect import get_inspector\n"
                                  f"with S('{PG_PY}/{db}') as s: get_inspector(s)"], runs)
        rows += [(n, "psql, same catalog queries (floor)", floor, floor_rss, "1.00"),
                 (n, "strata inspect --format json", ours, ours_rss, f"{ours / floor:.2f}x floor"),
                 (n, "schemainspect (migra's inspector)", peer, peer_rss, f"{peer / ours:.1f}x slower than strata")]
    report("Introspection, PostgreSQL", rows)


def bench_inspect_mysql(sizes, runs):
    rows = []
    my_floor = catalog_queries("mysql")
    for n in sizes:
        url = my_db(f"strata_bench_{n}", n)
        db = url.rsplit("/", 1)[1]
        with tempfile.NamedTemporaryFile("w", suffix=".sql") as q:
            q.write(my_floor.replace("{{schema}}", db))
            q.flush()
            floor, floor_rss = measure(["sh", "-c", f"mariadb -h127.0.0.1 -uroot {db} < {q.name} > /dev/null"], runs)
        ours, ours_rss = measure([str(STRATA), "inspect", url, "--format", "json", "-o", "/dev/null"], runs)
        peer, peer_rss = measure([str(PY), "-c",
                                  "from sqlalchemy import create_engine, MetaData\n"
                                  f"MetaData().reflect(create_engine('{MY_PY}/{db}'), views=True)"], runs)
        rows += [(n, "mariadb client, same catalog queries (floor)", floor, floor_rss, "1.00"),
                 (n, "strata inspect --format json", ours, ours_rss, f"{ours / floor:.2f}x floor"),
                 (n, "SQLAlchemy MetaData.reflect (sqlacodegen's)", peer, peer_rss,
                  f"{peer / ours:.1f}x slower than strata")]
    report("Introspection, MariaDB", rows)


def bench_diff(sizes, runs):
    rows = []
    diffbench = TARGET / "release" / "strata-diffbench"
    for n in sizes:
        a = pg_db(f"strata_bench_{n}", n)
        b = pg_db(f"strata_bench_{n}_changed", n, changes=50)
        pa, pb = f"{PG_PY}/{a.rsplit('/', 1)[1]}", f"{PG_PY}/{b.rsplit('/', 1)[1]}"
        ours, ours_rss = measure(["sh", "-c", f"{STRATA} diff {a} {b} --unsafe > /dev/null; test $? -le 1"], runs)
        peer, peer_rss = measure(["sh", "-c", f"{VENV}/bin/migra --unsafe {pa} {pb} > /dev/null; test $? -le 2"], runs)
        with tempfile.TemporaryDirectory() as tmp:
            fa, fb = f"{tmp}/a.json", f"{tmp}/b.json"
            sh([str(STRATA), "inspect", a, "--format", "json", "-o", fa])
            sh([str(STRATA), "inspect", b, "--format", "json", "-o", fb])
            out = subprocess.run([str(diffbench), fa, fb, "--runs", "20"], capture_output=True, text=True,
                                 check=True).stdout
            alone = float(out.split("median_ms=")[1].split()[0]) / 1000
        rows += [(n, "diff alone: diff + plan + render, in process", alone, 0, "target < 0.200 s"),
                 (n, "strata diff URL URL (50 changes)", ours, ours_rss, "1.00"),
                 (n, "migra --unsafe URL URL", peer, peer_rss, f"{peer / ours:.1f}x slower than strata")]
    report("Diff, PostgreSQL", rows)


def bench_codegen(sizes, runs):
    """Models from a live database, end to end: strata codegen (SQLAlchemy
    declarative) against sqlacodegen on the same PostgreSQL database."""
    rows = []
    for n in sizes:
        url = pg_db(f"strata_bench_{n}", n)
        db = url.rsplit("/", 1)[1]
        ours, ours_rss = measure([str(STRATA), "codegen", url, "--target", "sqlalchemy"], runs)
        peer, peer_rss = measure([str(VENV / "bin" / "sqlacodegen"), f"{PG_PY}/{db}"], runs)
        rows += [(n, "strata codegen --target sqlalchemy", ours, ours_rss, "1.00"),
                 (n, "sqlacodegen 4", peer, peer_rss, f"{peer / ours:.1f}x slower than strata")]
    report("Codegen end to end, PostgreSQL", rows)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("what", nargs="?", default="all",
                   choices=["inspect", "inspect-pg", "inspect-mysql", "diff", "codegen", "all"])
    p.add_argument("--sizes", default="1000,5000")
    p.add_argument("--runs", type=int, default=3)
    args = p.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    setup()
    if args.what in ("inspect", "inspect-pg", "all"):
        bench_inspect_pg(sizes, args.runs)
    if args.what in ("inspect", "inspect-mysql", "all"):
        bench_inspect_mysql(sizes, args.runs)
    if args.what in ("diff", "all"):
        bench_diff(sizes, args.runs)
    if args.what in ("codegen", "all"):
        bench_codegen(sizes, args.runs)


if __name__ == "__main__":
    main()
