"""Imports cannot exhaust the server, and an unreadable file gets a Swedish message.

Issue 13 §3: check the size before reading, cap the rows and the unpacked size and say so,
show the first 100 errors and the count, and handle large files in a task with progress.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from followups.feeds import services
from followups.models import FeedImport, FeedImportStatus
from suppliers.models import Purchase
from tests.factories import valid_org_number
from tests.followups.feeds.helpers import (
    PURCHASE_HEADER,
    REFERENCE,
    csv_bytes,
    errors,
    preview,
    xlsx_with_blank_rows,
)

pytestmark = pytest.mark.django_db


def test_an_upload_over_the_limit_is_refused_without_being_kept(
    strategist_client, settings, agreement
):
    settings.FEEDS_MAX_UPLOAD_BYTES = 2000
    content = csv_bytes([PURCHASE_HEADER] + [["x"] * 5] * 500)
    response = strategist_client.post(
        reverse("followups:feed_upload"),
        {"kind": "purchases", "file": SimpleUploadedFile("stor.csv", content)},
    )
    assert response.status_code == 200
    assert "Filen är större än 1\u00a0kB. Dela upp den i mindre filer." in response.content.decode()
    assert not FeedImport.objects.exists()


def test_the_upload_page_still_checks_the_csrf_token(strategist):
    client = Client(enforce_csrf_checks=True)
    client.force_login(strategist)
    upload = SimpleUploadedFile("a.csv", b"Ramavtal\r\nx")
    response = client.post(reverse("followups:feed_upload"), {"kind": "register", "file": upload})
    assert response.status_code == 403


def test_reading_stops_after_the_row_cap_and_says_so(strategist, settings, supplier):
    settings.FEEDS_MAX_ROWS = 50
    feed = preview("purchases", xlsx_with_blank_rows(PURCHASE_HEADER, 1000), strategist, "a.xlsx")
    assert errors(feed) == [
        (
            52,
            "",
            "Filen har fler än 50 rader under rubrikraden (tomma rader räknas också). "
            "Läsningen avbröts på rad 52: dela upp filen i mindre filer eller ta bort de "
            "tomma raderna.",
        )
    ]
    rows = [[supplier.org_number, REFERENCE, f"{2000 + i}-01", "100", "1"] for i in range(60)]
    feed = preview("purchases", csv_bytes([PURCHASE_HEADER, *rows]), strategist)
    assert feed.summary["rows"] == 50
    assert feed.summary["errors"][0]["line"] == 52
    with pytest.raises(services.DomainError):
        services.feed_import(feed=feed, user=strategist)
    assert not Purchase.objects.exists()


def test_an_xlsx_that_unpacks_beyond_the_limit_is_refused(strategist, settings):
    settings.FEEDS_MAX_UNCOMPRESSED_BYTES = 20_000
    content = xlsx_with_blank_rows(PURCHASE_HEADER, 2000)  # about 30 KB unpacked
    with pytest.raises(services.DomainError) as exc:
        preview("purchases", content, strategist, "a.xlsx")
    assert exc.value.messages[0].startswith("Uppackad skulle filen ta")
    assert not FeedImport.objects.exists()


def test_the_page_shows_the_first_hundred_errors_and_the_total(strategist_client, strategist):
    rows = [[valid_org_number(7), REFERENCE, f"{1900 + i}-01", "tolv", "1"] for i in range(150)]
    feed = preview("purchases", csv_bytes([PURCHASE_HEADER, *rows]), strategist)
    assert len(feed.summary["errors"]) == 100
    assert feed.summary["error_count"] == 150
    page = strategist_client.get(feed.get_absolute_url()).content.decode()
    assert "Fel: de första 100 av 150" in page
    assert page.count("<tr><td>") == 100
    assert "Importera filen" not in page


def test_a_large_file_is_checked_and_imported_by_a_task_with_progress(
    strategist_client, strategist, settings, supplier, django_capture_on_commit_callbacks
):
    settings.FEEDS_BACKGROUND_BYTES = 100
    rows = [[supplier.org_number, REFERENCE, f"{2000 + i}-01", "100", "1"] for i in range(5)]
    upload = SimpleUploadedFile("inkop.csv", csv_bytes([PURCHASE_HEADER, *rows]))
    with django_capture_on_commit_callbacks() as queued:
        response = strategist_client.post(
            reverse("followups:feed_upload"), {"kind": "purchases", "file": upload}
        )
    feed = FeedImport.objects.get()
    assert response.url == feed.get_absolute_url()
    assert feed.status == FeedImportStatus.CHECKING
    page = strategist_client.get(feed.get_absolute_url()).content.decode()
    assert "Filen kontrolleras." in page
    assert reverse("followups:feed_progress", args=[feed.pk]) in page
    services._reporter(feed.pk, importing=False)(250, 1000)  # as the worker reports
    page = strategist_client.get(feed.get_absolute_url()).content.decode()
    assert "Rad 250 av ungefär 1\u00a0000 kontrollerad." in page
    assert 'aria-valuenow="25"' in page

    for callback in queued:  # the worker's turn
        callback()
    feed.refresh_from_db()
    assert feed.status == FeedImportStatus.PREVIEWED
    assert feed.summary["create"] == 5
    poll = strategist_client.get(
        reverse("followups:feed_progress", args=[feed.pk]), headers={"HX-Request": "true"}
    )
    assert poll["HX-Refresh"] == "true"

    with django_capture_on_commit_callbacks(execute=True):
        response = strategist_client.post(
            reverse("followups:feed_import", args=[feed.pk]), follow=True
        )
    assert "Importen har startat" in response.content.decode()
    feed.refresh_from_db()
    assert feed.status == FeedImportStatus.IMPORTED
    assert feed.imported_by == strategist
    assert Purchase.objects.count() == 5


def test_a_file_in_no_known_encoding_gets_a_swedish_message_with_the_line(strategist):
    content = b"Organisationsnummer;Kreditv\xe4rdighet\r\n1;A\r\n2;\x81\r\n"
    with pytest.raises(services.DomainError) as exc:
        preview("credit", content, strategist)
    message = exc.value.messages[0]
    assert "codec" not in message
    assert message.startswith("Filen är inte text i UTF-8 eller Windows-1252: rad 3")


def test_a_file_named_xlsx_that_is_not_one_gets_a_swedish_message(strategist):
    with pytest.raises(services.DomainError) as exc:
        preview("credit", b"Organisationsnummer;Betyg\r\n", strategist, "kredit.xlsx")
    assert "zip" not in exc.value.messages[0]
    assert "kunde inte läsas som en Excelfil (.xlsx)" in exc.value.messages[0]
