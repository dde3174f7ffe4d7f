"""The "Create PDF" button with a real Celery worker consuming from Redis (db 8).

The worker runs in threads of the test process (celery.contrib.testing) and reads the same
test database. Set NO_REDIS=1 to skip where no Redis is available.
"""

import hashlib
import os
import time

import pytest
import redis
from celery.contrib.testing.worker import start_worker
from django.contrib.auth.models import Group
from django.urls import reverse

from reports import services
from reports.models import ReportJob
from tests.factories import AgreementFactory, BoardFactory, ContractFactory, UserFactory
from uppfoljning.celery import app
from uppfoljning.roles import ROLE_PERMISSIONS

REDIS_URL = os.environ.get("TEST_REPORTS_REDIS_URL", "redis://127.0.0.1:6379/8")

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(os.environ.get("NO_REDIS") == "1", reason="NO_REDIS=1: told no Redis"),
]


def _reset_pools():
    app._pool = None
    app.amqp._producer_pool = None
    app._backend_cache = None
    app._local.__dict__.pop("backend", None)


@pytest.fixture
def worker(settings):
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.ConnectionError as exc:  # pragma: no cover - CI always has Redis
        pytest.fail(f"Redis is not reachable at {REDIS_URL} ({exc}); set NO_REDIS=1 to skip.")
    queue = app.conf.task_default_queue
    client.delete(queue)
    saved = {key: app.conf[key] for key in ("task_always_eager", "result_backend", "broker_url")}
    app.conf.update(task_always_eager=False, result_backend=REDIS_URL, broker_url=REDIS_URL)
    _reset_pools()
    settings.CELERY_TASK_ALWAYS_EAGER = False
    try:
        with start_worker(
            app,
            pool="threads",
            concurrency=1,
            perform_ping_check=False,
            loglevel="WARNING",
            shutdown_timeout=60,
        ) as w:
            yield w
    finally:
        app.conf.update(saved)
        _reset_pools()
        client.delete(queue)


def test_create_pdf_is_generated_by_the_worker_and_progress_is_polled(client, worker):
    for role in ROLE_PERMISSIONS:  # a browser test's flush may have emptied the groups
        Group.objects.get_or_create(name=role)
    strategist = UserFactory(username="strateg", role="strategist")
    board = BoardFactory()
    ContractFactory(agreement=AgreementFactory(board=board, name="HVB barn och unga"))
    report = services.report_create_annual(board=board, year=2024, user=strategist)
    client.force_login(strategist)

    response = client.post(
        reverse("reports:report_generate", args=[report.pk]), HTTP_HX_REQUEST="true"
    )
    job = ReportJob.objects.get()
    # The request only queued the job: the page polls its progress.
    assert 'hx-trigger="every 1s"' in response.content.decode()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.is_finished:
            break
        time.sleep(0.5)
    assert job.status == "done", job.error
    status = client.get(reverse("reports:job_status", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert "PDF-filen är skapad" in status.content.decode()
    file = job.result
    assert file.generated_by == strategist and file.pages >= 3
    assert hashlib.sha256(file.file.open("rb").read()).hexdigest() == file.sha256
