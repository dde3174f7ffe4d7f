"""'Skapa PDF' pressed on a page that was open while the report was finalised (issue 15 §7)."""

import pytest
from django.urls import reverse

from reports.models import ReportJob
from tests.factories import BoardFactory

from .helpers import finalised_report

pytestmark = pytest.mark.django_db


def test_htmx_create_pdf_of_a_finalised_report_reloads_the_page_with_the_reason(
    strategist_client, strategist
):
    report = finalised_report(
        BoardFactory(), strategist, "Uppföljning av privata utförare 2024", "SCN-1", pages=3
    )
    response = strategist_client.post(
        reverse("reports:report_generate", args=[report.pk]), HTTP_HX_REQUEST="true"
    )
    # Nothing for htmx to swap into #job-status; it loads the report's page instead.
    assert response.status_code == 204 and response.content == b""
    assert response["HX-Redirect"] == report.get_absolute_url()
    assert not ReportJob.objects.exists()
    page = strategist_client.get(response["HX-Redirect"]).content.decode()
    assert "Rapporten är fastställd och kan inte ändras" in page


def test_create_pdf_of_a_finalised_report_without_htmx_redirects(strategist_client, strategist):
    report = finalised_report(
        BoardFactory(), strategist, "Uppföljning av privata utförare 2024", "SCN-1", pages=3
    )
    response = strategist_client.post(reverse("reports:report_generate", args=[report.pk]))
    assert response.status_code == 302 and response["Location"] == report.get_absolute_url()
