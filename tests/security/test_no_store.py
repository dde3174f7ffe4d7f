"""Nothing a logged-in user reads is kept by a browser or proxy cache (issue 14: no
`Cache-Control: no-store` on check pages, CSV/XLSX exports or PDF downloads)."""

import pytest
from django.urls import reverse

from tests.factories import BoardFactory
from tests.reports.helpers import finalised_report

pytestmark = pytest.mark.django_db


def _never_stored(response):
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    return {"no-store", "private"} <= cache_control


@pytest.mark.parametrize(
    "url",
    [
        reverse("dashboard"),
        reverse("followups:check_list"),
        reverse("followups:check_export") + "?format=csv",
        reverse("followups:check_export") + "?format=xlsx",
        reverse("calloff:search"),
        reverse("reports:report_list"),
    ],
)
def test_pages_and_exports_for_a_user_are_never_stored(client, strategist, url):
    client.force_login(strategist)
    response = client.get(url)
    assert response.status_code == 200
    assert _never_stored(response)


def test_a_board_document_download_is_never_stored(client, board_reader, strategist):
    report = finalised_report(BoardFactory(), strategist, "Uppföljning 2024", "SCN-1", 3)
    client.force_login(board_reader)
    response = client.get(reverse("reports:file_download", args=[report.final_file.pk]))
    assert response.status_code == 200
    assert _never_stored(response)


def test_a_refusal_to_a_user_is_never_stored_either(client, board_reader):
    client.force_login(board_reader)
    response = client.get(reverse("followups:check_list"))
    assert response.status_code == 403
    assert _never_stored(response)
