"""A board document's narrative takes no client personal identity number (issue 13 §1)."""

import pytest
from django.urls import reverse

from reports import services
from tests.edit_forms import opened_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(fixture_year):
    return services.report_create_annual(
        board=fixture_year["board"],
        year=2024,
        user=fixture_year["strategist"],
        registry_reference="SCN-2025-00012",
    )


def _post(client, report, conclusions):
    url = reverse("reports:report_edit", args=[report.pk])
    return client.post(
        url,
        opened_version(client, url)
        | {
            "title": "Uppföljning av privata utförare 2024",
            "registry_reference": "SCN-2025-1",
            "document_date": "2025-01-08",
            "section_conclusions": conclusions,
        },
    )


def test_a_narrative_naming_a_client_is_refused_and_nothing_saved(report, client, fixture_year):
    client.force_login(fixture_year["strategist"])
    response = _post(client, report, "Ärendet om 20080101-2386 visar brister.")
    assert response.status_code == 200
    assert (
        "”Bedömning och slutsatser” innehåller något som ser ut som ett personnummer"
        in response.content.decode()
    )
    report.refresh_from_db()
    assert report.sections == {} and report.registry_reference == "SCN-2025-00012"


def test_a_narrative_with_amounts_dates_and_references_is_saved(report, client, fixture_year):
    client.force_login(fixture_year["strategist"])
    text = "Köpen uppgick till 2,7 mkr (2 700 000 kr) den 2024-12-20, dnr SCN-2024-00112."
    assert _post(client, report, text).status_code == 302
    report.refresh_from_db()
    assert report.sections == {"conclusions": text}
