"""Profile of the yearly report: `python -m tests.bench.annual_report [--renders 100]`.

For the large synthetic municipality (the benchmark database) and for the demo (its own
database, loaded with load_demo): pages, wall time, peak memory and the share of the time
spent outside WeasyPrint (queries and templates). With --renders N it also renders the demo
report N times in one process, as a worker would, and prints the resident memory along the
way, to see whether a worker's memory stays flat (and set max tasks per child from it).
"""

import argparse
import gc
import os
import resource
import subprocess
import sys
import time

DEMO_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/uppfoljning_bench_demo"


def rss_mb() -> float:
    """Current resident memory of this process."""
    with open("/proc/self/statm") as fh:
        pages = int(fh.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3


def profile(board, year: int) -> dict:
    """Time the three steps of one report: context (queries), template, WeasyPrint."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from reports.periods import report_period
    from reports.rendering import html_to_pdf, render_html
    from reports.selectors import annual_report_context

    period = report_period(board, year)
    gc.collect()
    rss_before = rss_mb()
    reset_queries()
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        ctx = annual_report_context(board, period)
        context_done = time.perf_counter()
        html = render_html("annual", ctx, for_pdf=True)
    template_done = time.perf_counter()
    pdf = html_to_pdf(html)
    finished = time.perf_counter()
    total = finished - started
    return {
        "pages": pdf.pages,
        "bytes": len(pdf.content),
        "queries": len(queries),
        "context_s": context_done - started,
        "template_s": template_done - context_done,
        "weasyprint_s": finished - template_done,
        "total_s": total,
        "app_share": (template_done - started) / total,
        "rss_before_mb": rss_before,
        "peak_rss_mb": peak_rss_mb(),
    }


def print_profile(label: str, row: dict) -> None:
    print(
        f"{label}: {row['pages']} pages, {row['bytes'] / 1e3:.0f} kB, {row['queries']} queries; "
        f"wall {row['total_s']:.2f} s = context {row['context_s']:.2f} s + template "
        f"{row['template_s']:.2f} s + WeasyPrint {row['weasyprint_s']:.2f} s; "
        f"outside WeasyPrint {100 * row['app_share']:.1f} %; "
        f"peak RSS {row['peak_rss_mb']:.0f} MB (before {row['rss_before_mb']:.0f} MB)"
    )


def run_synthetic(year: int) -> None:
    from suppliers.models import Board
    from tests.bench.measurements.annual_report import SYNTHETIC_MUNICIPALITY
    from tests.bench.run import prepare

    prepare()
    board = Board.objects.get(municipality=SYNTHETIC_MUNICIPALITY)
    profile(board, year)  # warm caches (templates, fonts) as a running worker has them
    print_profile(f"synthetic {year}", profile(board, year))


def run_demo(renders: int) -> None:
    from django.core.management import call_command

    from suppliers.models import Board
    from uppfoljning.demo.loader import load_demo

    call_command("migrate", verbosity=0, interactive=False)
    if not Board.objects.filter(municipality="Uppsala kommun").exists():
        load_demo()
    board = Board.objects.get(municipality="Uppsala kommun")
    profile(board, 2024)
    print_profile("demo 2024", profile(board, 2024))
    if renders:
        from reports.periods import report_period
        from reports.rendering import render_pdf
        from reports.selectors import annual_report_context

        period = report_period(board, 2024)
        started = time.perf_counter()
        marks = {1, 10, 25, 50, 75, renders}
        for i in range(1, renders + 1):
            render_pdf("annual", annual_report_context(board, period))
            if i in marks:
                gc.collect()
                print(
                    f"  render {i:>3}: RSS {rss_mb():.0f} MB, peak {peak_rss_mb():.0f} MB, "
                    f"{(time.perf_counter() - started) / i:.2f} s per render"
                )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--year", type=int, default=2025, help="synthetic report year")
    parser.add_argument("--renders", type=int, default=0, help="demo renders in a row")
    parser.add_argument("--part", choices=["all", "synthetic", "demo"], default="all")
    args = parser.parse_args(argv)
    if args.part == "all":
        # Each part in its own process: its own database and a clean memory baseline.
        for part in ("synthetic", "demo"):
            env = dict(os.environ)
            if part == "demo":
                env["DATABASE_URL"] = os.environ.get("BENCH_DEMO_DATABASE_URL", DEMO_DATABASE_URL)
            cmd = [sys.executable, "-m", "tests.bench.annual_report", "--part", part]
            cmd += ["--year", str(args.year), "--renders", str(args.renders)]
            subprocess.run(cmd, env=env, check=True)
        return 0

    from tests.bench import run as bench_run

    os.environ.setdefault("DATABASE_URL", bench_run.DEFAULT_DATABASE_URL)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.bench.settings")
    bench_run.ensure_database(os.environ["DATABASE_URL"])
    import django

    django.setup()
    if args.part == "synthetic":
        run_synthetic(args.year)
    else:
        run_demo(args.renders)
    return 0


if __name__ == "__main__":
    sys.exit(main())
