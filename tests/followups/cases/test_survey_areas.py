"""Survey answers summarised per assessment area."""

import datetime

import pytest
from django.urls import reverse

from followups.cases import selectors, services
from followups.models import Survey, SurveyAreaSummary
from tests.edit_forms import opened_version, second_save_is_refused
from tests.factories import AgreementFactory, UserFactory
from uppfoljning.core.errors import DomainError

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(followup, strategist):
    return services.method_record_save(
        record=Survey(
            followup=followup,
            audience="caseworkers",
            sent_on=datetime.date(2024, 10, 1),
            sent_count=12,
            answered_count=9,
        ),
        user=strategist,
    )


def test_summaries_are_saved_changed_and_removed(survey, strategist):
    area, other = selectors.assessment_areas(survey.followup.agreement)[:2]
    saved = services.survey_area_summaries_save(
        survey=survey, summaries={area.pk: "Nöjda med bemanningen.", other.pk: ""}, user=strategist
    )
    assert saved == 1
    assert survey.area_summaries.get().summary == "Nöjda med bemanningen."
    assert (
        services.survey_area_summaries_save(
            survey=survey, summaries={area.pk: "Nöjda med bemanningen."}, user=strategist
        )
        == 0
    )
    services.survey_area_summaries_save(survey=survey, summaries={area.pk: " "}, user=strategist)
    assert not SurveyAreaSummary.objects.exists()


def test_area_of_another_agreement_is_refused(survey, strategist):
    foreign = services.assessment_areas_seed(
        agreement=AgreementFactory(name="HVB barn och unga"), preset="hvb_children"
    )[0]
    with pytest.raises(DomainError, match="bedömningsmall"):
        services.survey_area_summaries_save(
            survey=survey, summaries={foreign.pk: "x"}, user=strategist
        )


def test_page_saves_answers_and_detail_shows_them(strategist_client, survey, client, caseworker):
    area = selectors.assessment_areas(survey.followup.agreement)[0]
    url = reverse("followups:survey_areas", args=[survey.pk])
    assert area.name in strategist_client.get(url).content.decode()
    response = strategist_client.post(
        url,
        {f"a-{area.pk}": "Bra kontaktpersoner."} | opened_version(strategist_client, url),
        follow=True,
    )
    assert "Bra kontaktpersoner." in response.content.decode()
    client.force_login(caseworker)
    assert client.get(url).status_code == 403


def test_event_driven_followup_planned_from_a_check(strategist_client, agreement, scope):
    from followups.models import FollowUp
    from tests.followups.factories import CheckFactory

    check = CheckFactory(supplier=scope[0], result="remark", agreement=agreement)
    response = strategist_client.post(
        reverse("followups:followup_add"),
        {
            "kind": "event_driven",
            "agreement": agreement.pk,
            "responsible": FollowUp._meta.get_field("responsible")
            .related_model.objects.get(username="strateg")
            .pk,
            "trigger_check": check.pk,
        },
    )
    assert response.status_code == 302
    followup = FollowUp.objects.get(kind="event_driven")
    assert followup.trigger_check == check


def test_checks_are_linked_on_the_edit_page(strategist_client, followup, scope):
    from tests.followups.factories import CheckFactory

    check = CheckFactory(supplier=scope[0])
    url = reverse("followups:followup_edit", args=[followup.pk])
    strategist_client.post(
        url,
        {"title": followup.title, "responsible": followup.responsible.pk, "checks": [check.pk]}
        | opened_version(strategist_client, url),
    )
    assert list(followup.checks.all()) == [check]


def test_a_stale_save_of_the_answers_per_area_is_refused(survey, strategist):
    first, second = selectors.assessment_areas(survey.followup.agreement)[:2]
    url = reverse("followups:survey_areas", args=[survey.pk])
    page = second_save_is_refused(
        url,
        strategist,
        UserFactory(username="strateg2", role="strategist"),
        {f"a-{first.pk}": "Bra kontaktpersoner."},
        {f"a-{second.pk}": "Svårt att nå jouren."},
        str(first),
    )
    assert "”(tomt)” → ”Bra kontaktpersoner.”" in page
    saved = {s.area_id: s.summary for s in survey.area_summaries.all()}
    assert saved == {first.pk: "Bra kontaktpersoner.", second.pk: "Svårt att nå jouren."}
