"""Two strategists edit the same report's texts: the second save is refused, nothing is
lost (issue 15, lost updates: report_update replaces every section)."""

import pytest
from django.urls import reverse

from reports import services
from tests.edit_forms import second_save_is_refused
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_stale_save_of_the_texts_is_refused_and_the_first_text_kept(fixture_year):
    report = services.report_create_annual(
        board=fixture_year["board"], year=2024, user=fixture_year["strategist"]
    )
    other = UserFactory(username="strateg2", role="strategist")
    url = reverse("reports:report_edit", args=[report.pk])
    page = second_save_is_refused(
        url,
        fixture_year["strategist"],
        other,
        {"section_conclusions": "Nämnden bedömer att utförarna i stort håller avtalen."},
        {"section_background": "Uppföljningen bygger på avtalens krav."},
        "Bedömning och slutsatser",
    )
    assert "→ ”Nämnden bedömer att utförarna i stort håller avtalen.”" in page
    report.refresh_from_db()
    assert report.sections["conclusions"] == (
        "Nämnden bedömer att utförarna i stort håller avtalen."
    )
    assert report.sections["background"] == "Uppföljningen bygger på avtalens krav."
