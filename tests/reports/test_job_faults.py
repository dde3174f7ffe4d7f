"""Faults while a PDF is made (issue 15): the worker killed mid-render, and the broker down.

Real Redis (db 8, a queue of this test's own), real Celery workers and, for the kill, a real
worker *process* group (prefork, as in production) that is SIGKILLed, so it must share the
test database from another process: PostgreSQL only (DATABASE_URL), as in CI.
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.urls import reverse

from reports import services
from reports.models import ReportJob
from tests.celery_worker import broker_down, redis_broker, running_worker
from tests.factories import AgreementFactory, BoardFactory, ContractFactory, UserFactory
from uppfoljning.core import dispatch
from uppfoljning.core.dispatch import PendingDispatch
from uppfoljning.core.roles import ROLE_PERMISSIONS

REDIS_URL = os.environ.get("TEST_REPORTS_REDIS_URL", "redis://127.0.0.1:6379/8")
ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.pdf,
    pytest.mark.slow,  # real Celery workers
    pytest.mark.skipif(os.environ.get("NO_REDIS") == "1", reason="NO_REDIS=1: told no Redis"),
]


def draft_report():
    for role in ROLE_PERMISSIONS:  # a browser test's flush may have emptied the groups
        Group.objects.get_or_create(name=role)
    strategist = UserFactory(username="strateg", role="strategist")
    board = BoardFactory()
    ContractFactory(agreement=AgreementFactory(board=board, name="HVB barn och unga"))
    return strategist, services.report_create_annual(board=board, year=2024, user=strategist)


def wait_until(predicate, what, seconds=120):
    deadline = time.monotonic() + seconds
    while not predicate():
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.05)


def database_url():
    s = connection.settings_dict
    return f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


@contextmanager
def worker_process(queue, log_path, media_root):
    """`celery worker` (prefork, one child) in a process group of its own, on the test
    database; yields the Popen. The caller may SIGKILL the group; it is killed at the end."""
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="uppfoljning.settings.test",
        DATABASE_URL=database_url(),
        CELERY_BROKER_URL=REDIS_URL,
        REDIS_URL=REDIS_URL,
        MEDIA_ROOT=str(media_root),
        PYTHONPATH=str(ROOT),
    )
    command = [
        *(sys.executable, "-m", "celery", "-A", "uppfoljning", "worker"),
        *("-Q", queue, "-P", "prefork", "-c", "1", "-l", "INFO"),
        *("-n", f"fault-{uuid.uuid4().hex[:8]}@%h"),
        *("--without-gossip", "--without-mingle", "--without-heartbeat"),
    ]
    with log_path.open("w") as log:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            yield process
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def forget_unacked(client, queue):
    """The killed worker's task stays in Redis's unacked hash until the visibility timeout;
    drop it so no later run on this Redis database restores it to a queue nobody reads."""
    for tag, payload in client.hgetall("unacked").items():
        if queue.encode() in payload:
            client.hdel("unacked", tag)
            client.zrem("unacked_index", tag)


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")),
    reason="the worker process shares the test database: PostgreSQL (DATABASE_URL) only",
)
def test_worker_killed_mid_render_fails_the_job_visibly_and_a_new_one_succeeds(
    client, settings, tmp_path
):
    strategist, report = draft_report()
    client.force_login(strategist)
    generate = reverse("reports:report_generate", args=[report.pk])
    with redis_broker(settings, REDIS_URL) as (redis_client, queue):
        with worker_process(queue, tmp_path / "worker-1.log", settings.MEDIA_ROOT) as worker:
            client.post(generate, HTTP_HX_REQUEST="true")
            job = ReportJob.objects.get()
            wait_until(
                lambda: ReportJob.objects.filter(pk=job.pk, status="running").exists(),
                "the worker to take the job",
            )
            # The whole worker dies (as when its container is killed): parent and child.
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait()
        job.refresh_from_db()
        assert job.status == "running" and job.progress < 100, (
            tmp_path / "worker-1.log"
        ).read_text()

        # Within the set time the sweep leaves it alone: the job might still be alive.
        assert services.report_jobs_recover() == {"failed": 0, "requeued": 0}
        job.refresh_from_db()
        assert job.status == "running"
        # Pressing "Skapa PDF" meanwhile shows the same job, not a second one.
        client.post(generate, HTTP_HX_REQUEST="true")
        assert ReportJob.objects.count() == 1

        # Past the set time (shortened here to a second) the beat's sweep fails it, visibly.
        settings.REPORT_JOB_STALE_AFTER = 1
        wait_until(lambda: services.report_jobs_recover()["failed"] == 1, "the sweep", 10)
        status = client.get(reverse("reports:job_status", args=[job.pk]), HTTP_HX_REQUEST="true")
        page = status.content.decode()
        assert "PDF-filen kunde inte skapas: Arbetet avbröts" in page
        assert "hx-trigger" not in page  # the page stops polling

        # A new job starts at once and succeeds on a restarted worker.
        settings.REPORT_JOB_STALE_AFTER = 12 * 60
        client.post(generate, HTTP_HX_REQUEST="true")
        new = ReportJob.objects.exclude(pk=job.pk).get()
        with worker_process(queue, tmp_path / "worker-2.log", settings.MEDIA_ROOT):
            wait_until(
                lambda: ReportJob.objects.get(pk=new.pk).is_finished, "the new job", seconds=180
            )
        new.refresh_from_db()
        assert new.status == "done", new.error or (tmp_path / "worker-2.log").read_text()
        assert new.result.pages >= 3
        job.refresh_from_db()
        assert job.status == "failed"  # the killed one stays failed; it never ran twice
        forget_unacked(redis_client, queue)


def test_pdf_requested_while_the_broker_is_down_says_so_and_runs_when_it_is_back(client, settings):
    strategist, report = draft_report()
    client.force_login(strategist)
    generate = reverse("reports:report_generate", args=[report.pk])
    with redis_broker(settings, REDIS_URL) as (redis_client, queue):
        with broker_down():
            response = client.post(generate, HTTP_HX_REQUEST="true")
            assert response.status_code == 200
            assert "Arbetet startar när kön är tillgänglig" in response.content.decode()
            job = ReportJob.objects.get()
            assert job.status == "queued"
            # Without htmx: back to the report, whose page says the same.
            response = client.post(generate)
            assert response.status_code == 302
            page = client.get(response.url).content.decode()
            assert "Arbetet startar när kön är tillgänglig" in page
            assert ReportJob.objects.count() == 1  # the second click did not pile up a job
            # The dispatcher (beat, every minute) finds the broker still down: it waits.
            assert dispatch.dispatch_pending() == 0
            assert PendingDispatch.objects.count() == 1
        # Redis is back: the next dispatch sends it, and a worker runs it.
        assert dispatch.dispatch_pending() == 1
        assert not PendingDispatch.objects.exists()
        assert redis_client.llen(queue) == 1
        with running_worker(concurrency=1, shutdown_timeout=60):
            wait_until(lambda: ReportJob.objects.get(pk=job.pk).is_finished, "the job", 180)
    job.refresh_from_db()
    assert job.status == "done", job.error
    status = client.get(reverse("reports:job_status", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert "PDF-filen är skapad" in status.content.decode()
