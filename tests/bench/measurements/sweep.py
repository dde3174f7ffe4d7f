"""The daily sweep over the synthetic municipality: wall time and number of queries.

Each timed run is rolled back, so every iteration creates the full set of work items
(the expensive first sweep of a period), not the cheap rerun that finds them all.
"""

import time

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from tests.bench.registry import measurement
from tests.bench.synthetic import ANCHOR


class _Rollback(Exception):
    pass


def _sweep_rolled_back(on):
    from followups.control import services

    try:
        with transaction.atomic():
            result = services.sweep(on=on)
            raise _Rollback(result)
    except _Rollback as done:
        return done.args[0]


@measurement(
    "sweep",
    description="the daily sweep of every control rule on the synthetic municipality",
    iterations=5,
)
def sweep(ctx):
    try:
        from followups.control import services
    except ImportError:
        return None
    services.seed_control_rules()
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        result = _sweep_rolled_back(ANCHOR)
    elapsed = time.perf_counter() - started
    print(
        f"sweep on {ANCHOR:%Y-%m-%d}: {result.rules} rules, {result.created} work items "
        f"created, {len(queries.captured_queries)} queries, {elapsed:.2f} s (first run)"
    )
    return lambda: _sweep_rolled_back(ANCHOR)
