"""The start page gives each role what it needs first; the board its finalised documents
(issue 13 §5: the board reader's start page was empty)."""

import pytest
from django.urls import reverse

from reports import services
from tests.factories import BoardFactory
from tests.reports.helpers import finalised_report

pytestmark = pytest.mark.django_db


def test_the_board_readers_start_page_lists_the_finalised_documents(
    client, board_reader, strategist
):
    board = BoardFactory()
    final = finalised_report(board, strategist, "Uppföljning av privata utförare 2024", "SCN-1", 24)
    services.report_create_annual(board=board, year=2025, user=strategist)  # a draft
    client.force_login(board_reader)
    page = client.get(reverse("dashboard")).content.decode()
    assert "Fastställda dokument" in page
    assert "Uppföljning av privata utförare 2024" in page
    assert "Uppföljning av privata utförare 2025" not in page
    link = reverse("reports:file_download", args=[final.final_file_id])
    assert f'<a href="{link}">Ladda ner PDF (24 sidor)' in page
    assert client.get(link).status_code == 200
