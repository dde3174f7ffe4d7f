"""The benchmark: `python -m tests.bench.run` (or `make bench`).

Creates the PostgreSQL database named by DATABASE_URL if missing (default
postgres://postgres@127.0.0.1:5432/uppfoljning_bench), migrates it, fills it once with the
synthetic municipality (reused on later runs), then times every registered measurement
through the whole Django stack (test Client, URL routing, middleware, templates) and prints
median, 95th percentile and the ratio to the trivial view.

Options: --only NAME (repeatable), --iterations N, --refill (drop and rebuild the data).
"""

import argparse
import os
import statistics
import sys
import time

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/uppfoljning_bench"


def ensure_database(url: str) -> None:
    """CREATE DATABASE if it does not exist (connecting to the server's `postgres` db)."""
    import environ
    import psycopg

    config = environ.Env.db_url_config(url)
    if "postgresql" not in config["ENGINE"]:
        return
    conninfo = {
        "host": config.get("HOST") or "127.0.0.1",
        "port": config.get("PORT") or 5432,
        "user": config.get("USER") or "postgres",
        "password": config.get("PASSWORD") or None,
        "dbname": "postgres",
        "autocommit": True,
    }
    with psycopg.connect(**{k: v for k, v in conninfo.items() if v is not None}) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (config["NAME"],)
        ).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{config["NAME"]}"')
            print(f"Created database {config['NAME']}")


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100)."""
    ordered = sorted(values)
    rank = max(1, round(p / 100 * len(ordered) + 0.5))
    return ordered[min(rank, len(ordered)) - 1]


def time_operation(operation, iterations: int, warmup: int) -> tuple[list[float], list[float]]:
    """Wall-clock and this process's CPU time per call, in ms.

    CPU time leaves out waiting (for PostgreSQL, or for a core on a busy machine), so it
    tells Python's share apart from the database's and the machine's.
    """
    for _ in range(warmup):
        operation()
    wall, cpu = [], []
    for _ in range(iterations):
        started, started_cpu = time.perf_counter(), time.process_time()
        operation()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return wall, cpu


def count_queries(operation) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        operation()
    return len(ctx.captured_queries)


def run_measurements(users: dict, *, only=None, iterations=200, warmup=20, out=print) -> list:
    """Time every registered measurement (or `only` those); returns result rows."""
    from tests.bench import measurements
    from tests.bench.registry import REGISTRY, TRIVIAL, BenchContext, BenchError

    measurements.load_all()
    ctx = BenchContext(users=users)
    names = [n for n in REGISTRY if not only or n in only or n == TRIVIAL]
    rows = []
    for name in names:
        m = REGISTRY[name]
        operation = m.setup(ctx)
        if operation is None:
            rows.append({"name": name, "skipped": "not available yet"})
            continue
        n = m.iterations or iterations
        try:
            timings, cpu = time_operation(operation, n, min(warmup, n))
            queries = count_queries(operation)
        except BenchError as exc:
            rows.append({"name": name, "skipped": f"FAILED: {exc}"})
            continue
        rows.append(
            {
                "name": name,
                "n": n,
                "median": statistics.median(timings),
                "p95": percentile(timings, 95),
                "cpu": statistics.median(cpu),
                "queries": queries,
                "measurement": m,
            }
        )
    trivial = next((r for r in rows if r["name"] == TRIVIAL and "median" in r), None)
    for row in rows:
        if "median" not in row:
            continue
        m = row["measurement"]
        row["ratio"] = row["median"] / trivial["median"] if trivial else None
        row["ratio_p95"] = row["p95"] / trivial["p95"] if trivial else None
        verdicts = []
        if m.ratio_goal is not None and row["ratio"] is not None:
            ok = row["ratio"] <= m.ratio_goal
            verdicts.append(f"median ≤{m.ratio_goal:g}x trivial: {'met' if ok else 'MISSED'}")
        if m.p95_goal_ms is not None:
            ok = row["p95"] <= m.p95_goal_ms
            verdicts.append(f"p95 <{m.p95_goal_ms:g} ms: {'met' if ok else 'MISSED'}")
        row["goal"] = "; ".join(verdicts)
    out(format_table(rows))
    return rows


def format_table(rows) -> str:
    lines = [
        f"{'measurement':<22} {'n':>5} {'median ms':>10} {'p95 ms':>9} "
        f"{'x trivial':>9} {'p95 x triv':>10} {'cpu ms':>7} {'queries':>7}  goal",
        "-" * 120,
    ]
    for row in rows:
        if "median" not in row:
            lines.append(f"{row['name']:<22} {'':>5} {row['skipped']}")
            continue
        ratio = f"{row['ratio']:.2f}" if row.get("ratio") is not None else "–"
        ratio95 = f"{row['ratio_p95']:.2f}" if row.get("ratio_p95") is not None else "–"
        lines.append(
            f"{row['name']:<22} {row['n']:>5} {row['median']:>10.2f} {row['p95']:>9.2f} "
            f"{ratio:>9} {ratio95:>10} {row['cpu']:>7.2f} {row['queries']:>7}  {row['goal']}"
        )
    return "\n".join(lines)


def prepare(*, refill: bool = False, out=print) -> dict:
    """Migrate and fill the database once; returns the users measurements log in as."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from tests.bench import synthetic

    call_command("migrate", verbosity=0, interactive=False)
    if refill:
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
        call_command("migrate", verbosity=0, interactive=False)
    if synthetic.is_filled():
        out("Reusing the synthetic municipality already in the database.")
    else:
        out("Filling the database with the synthetic municipality …")
        started = time.perf_counter()
        synthetic.fill(log=out)
        out(f"Filled in {time.perf_counter() - started:.1f} s")
        from django.db import connection

        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
    users = get_user_model().objects.in_bulk(
        ["bench_strateg_0", "bench_samordnare"], field_name="username"
    )
    return {"strategist": users["bench_strateg_0"], "coordinator": users["bench_samordnare"]}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", help="measure only this name (repeatable)")
    parser.add_argument("--iterations", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--refill", action="store_true", help="rebuild the synthetic data")
    args = parser.parse_args(argv)

    # Only when run as the benchmark: importing this module (the test suite does) must not
    # change the environment that other tests and their subprocesses see.
    os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.bench.settings")
    from django.conf import settings

    ensure_database(os.environ["DATABASE_URL"])
    import django

    django.setup()
    db = settings.DATABASES["default"]
    print(f"Database: {db['ENGINE'].rsplit('.', 1)[-1]} {db['NAME']}")
    users = prepare(refill=args.refill)
    print(f"Load average before: {_load()}")
    run_measurements(users, only=args.only, iterations=args.iterations, warmup=args.warmup)
    print(f"Load average after:  {_load()}  (on {os.cpu_count()} cores)")
    return 0


def _load() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


if __name__ == "__main__":
    sys.exit(main())
