"""The benchmark's generator and runner keep working as the models grow (small size here)."""

import pytest
from django.db import transaction

from followups.models import Check, CheckKind
from suppliers.models import Contract, Exclusion, Supplier, Unit
from tests.bench import synthetic
from tests.bench.run import run_measurements

pytestmark = pytest.mark.django_db

SMALL = synthetic.Size(suppliers=40, agreements=4, contracts=80, checks=400, exclusions=40)


def _quiet(*_):
    pass


def test_fill_builds_the_requested_municipality():
    synthetic.fill(SMALL, log=_quiet)
    assert Supplier.objects.count() == 40
    assert Unit.objects.count() == 80
    assert Contract.objects.count() == 80
    assert Check.objects.count() == 400
    assert Exclusion.objects.count() == 40
    assert synthetic.is_filled(SMALL)
    # Criminal-record checks carry only outcome and reference, as the real ones must.
    records = Check.objects.filter(kind=CheckKind.CRIMINAL_RECORD)
    assert records.exists()
    assert not records.exclude(summary="").exists()
    assert not records.filter(representative__isnull=True).exists()


def test_two_fills_with_the_same_seed_build_the_same_data():
    def draw():
        with transaction.atomic():
            synthetic.fill(SMALL, log=_quiet)
            data = list(
                Check.objects.order_by("pk").values_list(
                    "kind", "result", "performed_on", "supplier__name"
                )
            )
            transaction.set_rollback(True)
        return data

    assert draw() == draw()


@pytest.mark.slow
def test_every_registered_measurement_runs():
    users = synthetic.fill(SMALL, log=_quiet)
    rows = run_measurements(users, iterations=2, warmup=1, out=_quiet)
    failed = [r for r in rows if r.get("skipped", "").startswith("FAILED")]
    assert not failed, failed
    assert rows[0]["name"] == "trivial"
    assert rows[0]["median"] > 0


def test_importing_the_runner_leaves_the_environment_alone():
    """The suite imports tests.bench.run; other tests' subprocesses read DATABASE_URL."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    code = "import os, tests.bench.run; print(os.environ.get('DATABASE_URL', 'unset'))"
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "unset"
