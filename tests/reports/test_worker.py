"""The "Create PDF" button with a real Celery worker consuming from Redis (db 8).

The worker runs in threads of the test process (celery.contrib.testing) and reads the same
test database. Set NO_REDIS=1 to skip where no Redis is available.
"""

import hashlib
import os
import time

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from reports import services
from reports.models import ReportJob
from tests.celery_worker import redis_broker, running_worker
from tests.factories import AgreementFactory, BoardFactory, ContractFactory, UserFactory
from uppfoljning.core.roles import ROLE_PERMISSIONS

REDIS_URL = os.environ.get("TEST_REPORTS_REDIS_URL", "redis://127.0.0.1:6379/8")

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.pdf,
    pytest.mark.slow,  # a real Celery worker
    pytest.mark.skipif(os.environ.get("NO_REDIS") == "1", reason="NO_REDIS=1: told no Redis"),
]


@pytest.fixture
def worker(settings):
    with (
        redis_broker(settings, REDIS_URL),
        running_worker(concurrency=1, shutdown_timeout=60) as w,
    ):
        yield w


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
