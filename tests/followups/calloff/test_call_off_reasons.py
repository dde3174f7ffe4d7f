"""Follow-up reasons in the call-off status: open event-driven follow-ups, overdue action
plans and open serious findings make a supplier 'caution' within the agreement."""

import datetime

import pytest

from followups.calloff import types as calloff
from followups.calloff.selectors import call_off_order, call_off_status
from followups.cases import services
from tests.factories import AgreementFactory
from tests.followups.calloff.calloff_helpers import ON, usable_contract

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def codes(result):
    return {r.code for r in result.reasons}


def status(contract, on=ON):
    return call_off_status(supplier=contract.supplier, agreement=contract.agreement, on=on)[0]


def _event_driven(contract, user, started_on=ON - 10 * DAY):
    fu = services.followup_create(
        kind="event_driven",
        agreement=contract.agreement,
        responsible=user,
        user=user,
        suppliers=[contract.supplier],
        trigger_source="media",
        trigger_text="Uppgifter i media om bemanningen.",
    )
    return services.followup_start(followup=fu, started_on=started_on, user=user)


def test_open_event_driven_followup_is_a_caution(strategist):
    contract, _unit = usable_contract()
    assert status(contract).level == calloff.CLEAR
    fu = _event_driven(contract, strategist)
    result = status(contract)
    assert result.level == calloff.CAUTION
    reason = next(r for r in result.reasons if r.code == "open_event_driven_followup")
    assert fu.title in reason.text
    assert reason.date == ON - 10 * DAY
    assert reason.source_url == fu.get_absolute_url()


def test_followup_in_another_agreement_does_not_count(strategist):
    contract, _unit = usable_contract()
    other, _ = usable_contract(supplier=contract.supplier)
    _event_driven(other, strategist)
    assert status(contract).level == calloff.CLEAR
    assert status(other).level == calloff.CAUTION


def test_completed_followup_no_longer_counts(strategist):
    contract, _unit = usable_contract()
    fu = _event_driven(contract, strategist)
    services.followup_complete(
        followup=fu, completed_on=ON - DAY, conclusion="Inga brister kvarstår.", user=strategist
    )
    assert status(contract).level == calloff.CLEAR
    # Before it was completed it did count.
    assert "open_event_driven_followup" in codes(status(contract, on=ON - 2 * DAY))


def test_overdue_action_plan_is_a_caution(strategist):
    contract, _unit = usable_contract()
    fu = services.followup_create(
        kind="special",
        agreement=contract.agreement,
        responsible=strategist,
        user=strategist,
        suppliers=[contract.supplier],
    )
    fu = services.followup_start(followup=fu, started_on=ON - 60 * DAY, user=strategist)
    finding = services.finding_create(
        followup=fu,
        supplier=contract.supplier,
        severity="minor",
        description="Rutin för flytt till eget boende är tunn.",
        due_date=ON - 20 * DAY,
        user=strategist,
    )
    services.finding_give_feedback(
        finding=finding, given_on=ON - 50 * DAY, method="letter", user=strategist
    )
    services.finding_receive_action_plan(
        finding=finding,
        received_on=ON - 40 * DAY,
        measures="Ny rutin tas fram.",
        deadline=ON - DAY,
        user=strategist,
    )
    assert status(contract, on=ON - DAY).level == calloff.CLEAR
    result = status(contract)
    assert codes(result) == {"action_plan_overdue"}
    assert result.reasons[0].date == ON - DAY
    finding.refresh_from_db()
    services.finding_verify(
        finding=finding, verified_on=ON, note="Rutinen granskad.", user=strategist
    )
    assert status(contract).level == calloff.CLEAR


def test_open_serious_finding_is_a_caution(strategist):
    contract, _unit = usable_contract()
    fu = services.followup_create(
        kind="special",
        agreement=contract.agreement,
        responsible=strategist,
        user=strategist,
        suppliers=[contract.supplier],
    )
    services.finding_create(
        followup=fu,
        supplier=contract.supplier,
        severity="serious",
        description="Ingen personal på plats kvällstid.",
        user=strategist,
    )
    assert codes(status(contract)) == {"serious_finding_open"}


@pytest.mark.parametrize("n", [1, 6])
def test_call_off_order_with_followups_uses_constant_queries(
    n, strategist, django_assert_num_queries
):
    agreement = AgreementFactory()
    contracts = [usable_contract(agreement=agreement, rank=i + 1)[0] for i in range(n)]
    for c in contracts:
        _event_driven(c, strategist)
    with django_assert_num_queries(8):
        order = call_off_order(agreement, on=ON)
    assert all(s.level == calloff.CAUTION for s in order)
    assert len(order) == n
