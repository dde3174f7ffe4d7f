"""Work item notes and control round summaries take no client personal identity number
(issue 13 §1); the page says which field holds it and nothing is saved."""

import pytest
from django.urls import reverse

from followups.control import services
from followups.models import Check
from tests.followups.control.test_work_pages import round_item  # noqa: F401

pytestmark = pytest.mark.django_db
REFUSED = "innehåller något som ser ut som ett personnummer eller samordningsnummer"


def test_a_work_item_note_naming_a_client_is_refused(strategist_client, round_item):  # noqa: F811
    url = reverse("followups:workitem_status", args=[round_item.pk])
    response = strategist_client.post(
        url, {"status": "dismissed", "note": "Gäller 080101-2386"}, follow=True
    )
    assert f"”Anteckning” {REFUSED}" in response.content.decode()
    round_item.refresh_from_db()
    assert round_item.status == "open" and round_item.note == ""


def test_a_control_round_summary_naming_a_client_saves_no_line(strategist_client, round_item):  # noqa: F811
    target = services.round_targets(round_item)[0]
    response = strategist_client.post(
        reverse("followups:control_round", args=[round_item.pk]),
        {
            "line-TOTAL_FORMS": "1",
            "line-INITIAL_FORMS": "1",
            "line-0-key": target.key,
            "line-0-result": "ok",
            "line-0-performed_on": "2025-09-10",
            "line-0-reference": "IVO-1",
            "line-0-summary": "Klient 0801012386 placerad",
        },
    )
    assert f"”Översikt” {REFUSED}" in response.content.decode()
    assert not Check.objects.exists()
