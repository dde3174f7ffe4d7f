"""No client personal identity number gets stored through the follow-up pages (issue 13 §1):
the page says which field holds it, in Swedish, and nothing is saved; the numbers of the work
itself (org numbers, dates, diarienummer, amounts, phone numbers) pass."""

import datetime

import pytest
from django.urls import reverse

from followups.cases import services
from followups.cases.selectors import assessment_areas
from followups.models import Assessment, Deviation, Finding, Survey, SurveyAreaSummary

pytestmark = pytest.mark.django_db
D = datetime.date

PERSONAL_NUMBER = "080101-2386"  # valid: date and check digit
COORDINATION_NUMBER = "200801612383"  # samordningsnummer, century included
REFUSED = "innehåller något som ser ut som ett personnummer eller samordningsnummer"


def refusal(label: str) -> str:
    return f"”{label}” {REFUSED}"


def _deviation_data(agreement, supplier, description):
    return {
        "agreement": agreement.pk,
        "supplier": supplier.pk,
        "category": "invoicing",
        "occurred_on": "2024-05-02",
        "description": description,
        "source": "caseworker",
        "severity": "minor",
    }


def test_caseworker_cannot_report_a_deviation_naming_a_client(client, caseworker, agreement, scope):
    client.force_login(caseworker)
    response = client.post(
        reverse("followups:deviation_add"),
        _deviation_data(agreement, scope[0], f"Klienten Erik Svensson, {PERSONAL_NUMBER}"),
    )
    assert response.status_code == 200
    assert refusal("Vad hände") in response.content.decode()
    assert not Deviation.objects.exists()


def test_a_coordination_number_with_the_century_is_refused_too(
    client, caseworker, agreement, scope
):
    client.force_login(caseworker)
    response = client.post(
        reverse("followups:deviation_add"),
        _deviation_data(agreement, scope[0], f"Gäller {COORDINATION_NUMBER}."),
    )
    assert refusal("Vad hände") in response.content.decode()
    assert not Deviation.objects.exists()


def test_the_numbers_of_the_work_itself_are_accepted(client, caseworker, agreement, scope):
    text = (
        "Leverantören 556036-0793 fakturerade 12 345 kr (faktura 1234567890) den 2024-12-20, "
        "dnr SCN-2024/1234. Ring 070-123 45 67 eller 08-123 456 78."
    )
    client.force_login(caseworker)
    response = client.post(
        reverse("followups:deviation_add"), _deviation_data(agreement, scope[0], text)
    )
    assert response.status_code == 302
    assert Deviation.objects.get().description == text


def test_triage_reason_is_checked(client, strategist, agreement, scope, caseworker):
    deviation = services.deviation_report(
        agreement=agreement,
        supplier=scope[0],
        category="invoicing",
        description="Fakturerat för utflyttsdagen.",
        occurred_on=D(2024, 5, 2),
        reporter_role="caseworker",
        user=caseworker,
    )
    client.force_login(strategist)
    response = client.post(
        reverse("followups:deviation_triage", args=[deviation.pk]),
        {"status": "dismissed", "reason": f"Gäller {PERSONAL_NUMBER}, redan utrett."},
    )
    assert refusal("Skäl") in response.content.decode()
    deviation.refresh_from_db()
    assert deviation.status == "new" and deviation.triage_reason == ""


def test_a_finding_naming_a_client_is_refused(strategist_client, followup, scope):
    response = strategist_client.post(
        reverse("followups:finding_add", args=[followup.pk]),
        {
            "supplier": scope[0].pk,
            "severity": "minor",
            "description": f"Placerad ungdom {PERSONAL_NUMBER} fick ingen skolgång.",
        },
    )
    assert response.status_code == 200
    assert refusal("Beskrivning") in response.content.decode()
    assert not Finding.objects.exists()


def test_follow_up_edit_refuses_a_number_in_its_conclusion(strategist_client, followup):
    url = reverse("followups:followup_edit", args=[followup.pk])
    response = strategist_client.post(
        url,
        {
            "title": followup.title,
            "responsible": followup.responsible_id,
            "planned_start": "2024-09-01",
            "planned_end": "2024-12-20",
            "summary": "Bemanningen brister på kvällstid.",
            "conclusion": f"Se ärendet om {PERSONAL_NUMBER}.",
        },
    )
    assert response.status_code == 200
    assert refusal("Slutsats") in response.content.decode()
    followup.refresh_from_db()
    # Nothing of the post was saved, not even the harmless summary.
    assert followup.summary == "" and followup.conclusion == ""


def test_grid_comment_naming_a_client_saves_no_rating(strategist_client, followup, scope):
    area = assessment_areas(followup.agreement)[0]
    response = strategist_client.post(
        reverse("followups:assessment_grid", args=[followup.pk]),
        {
            f"r-{scope[1].pk}-{area.pk}": "fulfilled",
            f"r-{scope[0].pk}-{area.pk}": "not_fulfilled",
            f"c-{scope[0].pk}-{area.pk}": f"Klient {PERSONAL_NUMBER} saknade plan",
        },
        follow=True,
    )
    assert refusal(f"Kommentar om {area} för {scope[0]}") in response.content.decode()
    assert not Assessment.objects.exists()


def test_survey_answers_naming_a_client_are_refused(strategist_client, followup, strategist):
    survey = services.method_record_save(
        record=Survey(followup=followup, audience="caseworkers", sent_on=D(2024, 10, 1)),
        user=strategist,
    )
    area = assessment_areas(followup.agreement)[0]
    response = strategist_client.post(
        reverse("followups:survey_areas", args=[survey.pk]),
        {f"a-{area.pk}": f"En svarande skrev sitt personnummer {PERSONAL_NUMBER}."},
        follow=True,
    )
    assert refusal(str(area)) in response.content.decode()
    assert not SurveyAreaSummary.objects.exists()
