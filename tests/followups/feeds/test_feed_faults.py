"""A large file uploaded while the broker is down (issue 15): the upload is kept, the page
says in Swedish that the work starts when the queue is available, and the dispatcher sends
it once Redis answers; a real Celery worker on a real Redis (db 7, a queue of its own)."""

import os
import time

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from followups.models import FeedImport, FeedImportStatus
from tests.celery_worker import broker_down, redis_broker, running_worker
from tests.followups.feeds.helpers import PURCHASE_HEADER, REFERENCE, csv_bytes
from uppfoljning.core import dispatch

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/7")

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.slow,  # a real Celery worker
    pytest.mark.skipif(os.environ.get("NO_REDIS") == "1", reason="NO_REDIS=1: told no Redis"),
]


def test_a_file_uploaded_while_the_broker_is_down_is_checked_when_it_is_back(
    client, strategist, settings, supplier
):
    Group.objects.get_or_create(name="strategist")
    client.force_login(strategist)
    settings.FEEDS_BACKGROUND_BYTES = 100
    rows = [[supplier.org_number, REFERENCE, f"{2000 + i}-01", "100", "1"] for i in range(5)]
    upload = SimpleUploadedFile("inkop.csv", csv_bytes([PURCHASE_HEADER, *rows]))
    with redis_broker(settings, REDIS_URL):
        with broker_down():
            response = client.post(
                reverse("followups:feed_upload"), {"kind": "purchases", "file": upload}
            )
            feed = FeedImport.objects.get()
            assert response.status_code == 302 and response.url == feed.get_absolute_url()
            page = client.get(feed.get_absolute_url()).content.decode()
            assert "Arbetet startar när kön är tillgänglig." in page
            assert dispatch.dispatch_pending() == 0  # still down: it waits
        assert dispatch.dispatch_pending() == 1
        with running_worker(concurrency=1, shutdown_timeout=60):
            deadline = time.monotonic() + 120
            while FeedImport.objects.get(pk=feed.pk).is_running:
                assert time.monotonic() < deadline, "the worker never checked the file"
                time.sleep(0.1)
    feed.refresh_from_db()
    assert feed.status == FeedImportStatus.PREVIEWED
    assert feed.summary["create"] == 5
    assert "Arbetet startar" not in client.get(feed.get_absolute_url()).content.decode()
