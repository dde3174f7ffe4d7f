"""What a strategist stumbled on in the follow-up forms (issue 13 §5): the selection's
message, the ranking button, a second special follow-up, and the board's decision."""

import datetime
import re

import pytest
from django.urls import reverse

from followups.cases import services
from followups.models import FindingStatus, FollowUp
from suppliers.models import ContractStatus, Exclusion
from tests.edit_forms import opened_version

pytestmark = pytest.mark.django_db
D = datetime.date


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_saving_the_selection_says_how_many_suppliers_are_in_scope(
    strategist_client, followup, scope
):
    url = reverse("followups:followup_selection", args=[followup.pk])
    period = "?start=2023-01-01&end=2024-04-30"
    response = strategist_client.post(
        url + period, opened_version(strategist_client, url + period), follow=True
    )
    assert _messages(response) == ["Ingen leverantör omfattas nu."]
    assert not followup.suppliers.exists()
    response = strategist_client.post(
        url + period,
        {"suppliers": [scope[1].pk]} | opened_version(strategist_client, url + period),
        follow=True,
    )
    assert _messages(response) == ["1 leverantör omfattas nu."]
    response = strategist_client.post(
        url + period,
        {"suppliers": [s.pk for s in scope]} | opened_version(strategist_client, url + period),
        follow=True,
    )
    assert _messages(response) == ["2 leverantörer omfattas nu."]


def test_the_ranking_button_says_rangordna(strategist_client, followup):
    page = strategist_client.get(
        reverse("followups:followup_selection", args=[followup.pk])
    ).content.decode()
    assert '<button type="submit" class="btn btn-secondary">Rangordna</button>' in page


def _plan(client, agreement, strategist, start, **extra):
    return client.post(
        reverse("followups:followup_add"),
        {
            "kind": "special",
            "agreement": agreement.pk,
            "responsible": strategist.pk,
            "planned_start": start,
            **extra,
        },
    )


def test_a_second_special_followup_in_the_same_year_needs_confirmation(
    strategist_client, strategist, followup, agreement
):
    response = _plan(strategist_client, agreement, strategist, "2024-11-01")
    page = response.content.decode()
    assert response.status_code == 200
    assert (
        "Stödboende för ungdomar har redan en särskild uppföljning 2024: "
        "Särskild uppföljning Stödboende för ungdomar 2024 (pågående, 2024-09-02)."
    ) in page
    assert "Planera den ändå" in page
    assert FollowUp.objects.count() == 1

    response = _plan(strategist_client, agreement, strategist, "2024-11-01", confirm="on")
    assert response.status_code == 302
    assert FollowUp.objects.count() == 2


def test_a_special_followup_in_another_year_is_planned_without_a_question(
    strategist_client, strategist, followup, agreement
):
    response = _plan(strategist_client, agreement, strategist, "2025-09-01")
    assert response.status_code == 302
    assert FollowUp.objects.filter(planned_start=D(2025, 9, 1)).exists()


@pytest.fixture
def escalated(followup, scope, strategist):
    finding = services.finding_create(
        followup=followup,
        supplier=scope[0],
        severity="serious",
        description="Påtalade brister har inte åtgärdats.",
        user=strategist,
    )
    return services.finding_escalate(
        finding=finding,
        escalation="proposed_termination",
        escalated_on=D(2024, 11, 25),
        reason="Leverantören har inte åtgärdat bristerna.",
        user=strategist,
    )


def _label(page: str, field: str) -> str:
    """A field's label as a person reads it, with the asterisk of a required field."""
    match = re.search(rf'<label\s+for="id_{field}"[^>]*>(.*?)</label>', page, re.S)
    return " ".join(re.sub(r"<[^>]+>", "", match.group(1)).split())


def _inputs(page: str) -> set[str]:
    names = {"decided_by", "review_date", "exclusion_reason", "contract_status", "start_date"}
    return {n for n in names | {"contract_end_reason"} if f'name="{n}"' in page}


def test_the_decision_form_asks_for_the_decision_first(strategist_client, escalated):
    url = reverse("followups:finding_decision", args=[escalated.pk])
    page = strategist_client.get(url).content.decode()
    assert _inputs(page) == set()
    assert 'type="radio" name="decision" value="exclusion"' in page
    assert 'type="radio" name="decision" value="contract_end"' in page


def test_the_exclusion_shows_only_its_fields(strategist_client, escalated):
    url = reverse("followups:finding_decision", args=[escalated.pk])
    page = strategist_client.get(url, {"decision": "exclusion"}).content.decode()
    assert _inputs(page) == {"decided_by", "start_date", "review_date", "exclusion_reason"}
    # Only the required fields are marked so: the review date is optional.
    assert _label(page, "review_date") == "Omprövningsdatum"
    assert _label(page, "start_date") == "Uteslutningen börjar*"
    assert _label(page, "exclusion_reason") == "Skäl för uteslutningen*"


def test_ending_the_contract_needs_only_its_own_fields(strategist_client, escalated):
    url = reverse("followups:finding_decision", args=[escalated.pk])
    page = strategist_client.get(url, {"decision": "contract_end"}).content.decode()
    assert _inputs(page) == {"start_date", "contract_status", "contract_end_reason"}
    assert _label(page, "start_date") == "Avtalet upphör*"
    response = strategist_client.post(
        url + "?decision=contract_end",
        {
            "decided_on": "2024-12-02",
            "decision_reference": "SCN-2024-00900",
            "start_date": "2024-12-31",
            "contract_status": "terminated",
            "contract_end_reason": "breach",
        },
    )
    assert response.status_code == 302, response.content.decode()
    escalated.refresh_from_db()
    assert escalated.status == FindingStatus.DECIDED
    assert escalated.ended_contract.status == ContractStatus.TERMINATED
    assert escalated.ended_contract.ended_on == D(2024, 12, 31)
    assert not Exclusion.objects.exists()


def test_a_post_without_a_decision_saves_nothing(strategist_client, escalated):
    url = reverse("followups:finding_decision", args=[escalated.pk])
    response = strategist_client.post(url, {"decision_reference": "SCN-1"})
    assert response.status_code == 400
    escalated.refresh_from_db()
    assert escalated.status == FindingStatus.ESCALATED
