#!/usr/bin/env python3
"""strata's benchmarks: each job against its peer and against the floor.

    bench/run.py [inspect|inspect-pg|inspect-mysql|diff|codegen|migrate|drift|all] [--sizes 1000,5000] [--runs 3]

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


def fresh_pg(name):
    sh(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qc", f'drop database if exists "{name}"'])
    sh(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qc", f'create database "{name}"'])
    return f"{PG}/{name}"


def migration_project(root, revisions):
    """`revisions` strata revisions and the equivalent Alembic project."""
    mig = Path(root) / "strata" / "migrations"
    alembic = Path(root) / "alembic"
    (alembic / "versions").mkdir(parents=True)
    ups = []
    parent = None
    for i in range(1, revisions + 1):
        rid = f"2026010100{i:04d}"
        up = (f"CREATE TABLE r{i:04d} (id bigint PRIMARY KEY, name text NOT NULL, "
              f"ref bigint{f' REFERENCES r{i - 1:04d} (id)' if i > 1 else ''}, created timestamptz DEFAULT now());\n"
              f"CREATE INDEX r{i:04d}_name ON r{i:04d} (name);\n"
              f"COMMENT ON TABLE r{i:04d} IS 'revision {i}';\n")
        down = f"DROP TABLE r{i:04d};\n"
        d = mig / f"{rid}_r{i}"
        d.mkdir(parents=True)
        parents = f'["{parent}"]' if parent else "[]"
        (d / "revision.toml").write_text(f'message = "r{i}"\nparents = {parents}\n')
        (d / "up.sql").write_text(up)
        (d / "down.sql").write_text(down)
        ups.append(up)
        down_rev = f"'{parent}'" if parent else "None"
        (alembic / "versions" / f"{rid}_r{i}.py").write_text(
            f"from alembic import op\nrevision = '{rid}'\ndown_revision = {down_rev}\n"
            f"branch_labels = None\ndepends_on = None\n"
            f"def upgrade():\n    op.execute({up!r})\n"
            f"def downgrade():\n    op.execute({down!r})\n")
        parent = rid
    (Path(root) / "all.sql").write_text("".join(ups))
    (alembic / "env.py").write_text(
        "from alembic import context\nfrom sqlalchemy import create_engine\n"
        "engine = create_engine(context.config.get_main_option('sqlalchemy.url'))\n"
        "with engine.connect() as connection:\n"
        "    context.configure(connection=connection, transaction_per_migration=True)\n"
        "    with context.begin_transaction():\n        context.run_migrations()\n")
    (alembic / "script.py.mako").write_text("")
    return mig, alembic


def bench_migrate(runs, revisions=200):
    rows = []
    with tempfile.TemporaryDirectory() as root:
        mig, alembic = migration_project(root, revisions)
        def alembic_ini(url):
            ini = Path(root) / "alembic.ini"
            ini.write_text(f"[alembic]\nscript_location = {alembic}\nsqlalchemy.url = {url}\n")
            return str(ini)
        floor_t, ours_t, peer_t = [], [], []
        for _ in range(runs):
            url = fresh_pg("strata_bench_mig")
            t = time.perf_counter()
            sh(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url, "-f", f"{root}/all.sql"], stdout=subprocess.DEVNULL)
            floor_t.append(time.perf_counter() - t)
            url = fresh_pg("strata_bench_mig")
            t = time.perf_counter()
            sh([str(STRATA), "migrate", "up", "--database", url, "--dir", str(mig)], stderr=subprocess.DEVNULL)
            ours_t.append(time.perf_counter() - t)
            url = fresh_pg("strata_bench_mig")
            ini = alembic_ini(f"{PG_PY}/strata_bench_mig")
            t = time.perf_counter()
            sh([str(VENV / "bin" / "alembic"), "-c", ini, "upgrade", "head"], stdout=subprocess.DEVNULL,
               stderr=subprocess.DEVNULL)
            peer_t.append(time.perf_counter() - t)
        floor, ours, peer = (statistics.median(x) for x in (floor_t, ours_t, peer_t))
        rows += [(revisions, "psql, the same SQL in one file (floor)", floor, 0, "1.00"),
                 (revisions, "strata migrate up", ours, 0, f"{ours / floor:.2f}x floor"),
                 (revisions, "alembic upgrade head", peer, 0, f"{peer / floor:.2f}x floor")]
        # The database is at head (alembic's run): status on a strata-managed one.
        url = fresh_pg("strata_bench_mig")
        sh([str(STRATA), "migrate", "up", "--database", url, "--dir", str(mig)], stderr=subprocess.DEVNULL)
        status, _ = measure([str(STRATA), "migrate", "status", "--database", url, "--dir", str(mig)], 10)
        # sqlx 0.9.0 leaves Nagle on (transact-rs/sqlx#4335, fixed upstream,
        # not yet released): the TLS handshake that sslmode=prefer makes
        # stalls twice on delayed ACKs. Without TLS there is no handshake.
        plain, _ = measure([str(STRATA), "migrate", "status", "--database", url + "?sslmode=disable",
                            "--dir", str(mig)], 10)
        url = fresh_pg("strata_bench_mig")
        ini = alembic_ini(f"{PG_PY}/strata_bench_mig")
        sh([str(VENV / "bin" / "alembic"), "-c", ini, "upgrade", "head"], stdout=subprocess.DEVNULL,
           stderr=subprocess.DEVNULL)
        current, _ = measure([str(VENV / "bin" / "alembic"), "-c", ini, "current"], 5)
        rows += [(revisions, "strata migrate status (sslmode=prefer: TLS)", status, 0, "target < 0.050 s"),
                 (revisions, "strata migrate status (sslmode=disable)", plain, 0, "target < 0.050 s"),
                 (revisions, "alembic current", current, 0, f"{current / status:.0f}x slower than strata")]
    report("Migrations, PostgreSQL", rows)


def bench_drift(runs, tenants=200, tables=50):
    rows = []
    name = f"strata_bench_tenants_{tenants}x{tables}"
    one = subprocess.run([str(SYNTH), "--dialect", "postgres", "--tables", str(tables)],
                         capture_output=True, text=True, check=True).stdout
    have = subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-tAc",
                           f"select 1 from pg_database where datname = '{name}'"],
                          capture_output=True, text=True, check=True).stdout.strip()
    if have != "1":
        fresh_pg(name)
        script = []
        for i in range(tenants):
            script.append(f'CREATE SCHEMA tenant_{i:03d}; SET search_path = tenant_{i:03d};\n{one}\n')
        sh(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", name, "-q", "-v", "ON_ERROR_STOP=1"],
           input="".join(script), text=True, stdout=subprocess.DEVNULL)
    single = "strata_bench_tenant_single"
    fresh_pg(single)
    sh(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", single, "-q", "-v", "ON_ERROR_STOP=1"],
       input=f"CREATE SCHEMA tenant_000; SET search_path = tenant_000;\n{one}", text=True, stdout=subprocess.DEVNULL)
    with tempfile.TemporaryDirectory() as root:
        Path(root, "reference.sql").write_text(one)
        Path(root, "strata.toml").write_text(f'dialect = "postgres"\nschema = "reference.sql"\ndev_url = "{PG}/postgres"\n')
        drift = [str(STRATA), "drift", "--against", "schema", "--schemas-like", "tenant\\_%", "--format", "json"]
        fleet_t, single_t = [], []
        for _ in range(runs):
            t = time.perf_counter()
            subprocess.run(drift + [f"{PG}/{name}"], cwd=root, stdout=subprocess.DEVNULL)
            fleet_t.append(time.perf_counter() - t)
            t = time.perf_counter()
            subprocess.run(drift + [f"{PG}/{single}"], cwd=root, stdout=subprocess.DEVNULL)
            single_t.append(time.perf_counter() - t)
        fleet, single_s = statistics.median(fleet_t), statistics.median(single_t)
        # migra compares one schema per run; measured on 5 tenants, times 200.
        ref = fresh_pg("strata_bench_tenant_ref")
        sh(["psql", "-d", ref, "-q", "-v", "ON_ERROR_STOP=1"],
           input=f"CREATE SCHEMA tenant_000; SET search_path = tenant_000;\n{one}", text=True, stdout=subprocess.DEVNULL)
        migra_t = []
        for i in range(5):
            t = time.perf_counter()
            subprocess.run([str(VENV / "bin" / "migra"), "--unsafe", "--schema", "tenant_000",
                            f"{PG_PY}/{name}", f"{PG_PY}/strata_bench_tenant_ref"], stdout=subprocess.DEVNULL)
            migra_t.append(time.perf_counter() - t)
        migra_total = statistics.median(migra_t) * tenants
        rows += [(tenants, "strata drift, one tenant schema x 200", single_s * tenants, 0, "1.00"),
                 (tenants, f"strata drift --schemas-like (fleet, {tables} tables each)", fleet, 0,
                  f"{single_s * tenants / fleet:.1f}x faster than one by one"),
                 (tenants, "migra once per tenant (5 measured, x 200)", migra_total, 0,
                  f"{migra_total / fleet:.0f}x slower than the fleet run")]
    report("Fleet drift, PostgreSQL schema-per-tenant", rows)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("what", nargs="?", default="all",
                   choices=["inspect", "inspect-pg", "inspect-mysql", "diff", "codegen", "migrate", "drift", "all"])
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
    if args.what in ("migrate", "all"):
        bench_migrate(args.runs)
    if args.what in ("drift", "all"):
        bench_drift(args.runs)


if __name__ == "__main__":
    main()
