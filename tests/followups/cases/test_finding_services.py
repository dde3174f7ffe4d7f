"""Findings: feedback, action plan, verification, escalation and the board's decision."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from followups.cases import services
from followups.models import ActionPlan, Finding, FindingStatus, FollowUp, FollowUpKind
from suppliers.models import ContractStatus, Exclusion
from tests.factories import SupplierFactory
from uppfoljning.core.errors import DomainError

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def finding(followup, scope, strategist):
    return services.finding_create(
        followup=followup,
        supplier=scope[0],
        severity="significant",
        description="Kvällsbemanning borttagen efter kl. 19 utan att meddela kommunen.",
        due_date=D(2024, 11, 30),
        user=strategist,
    )


def _to(status, finding, user):
    """Walk a finding along its path up to `status`."""
    if status == "open":
        return finding
    if status == "escalated":
        return services.finding_escalate(
            finding=finding,
            escalation="proposed_exclusion",
            escalated_on=D(2024, 10, 1),
            reason="Brister kvarstår.",
            user=user,
        )
    if status == "decided":
        finding = _to("escalated", finding, user)
        return services.finding_record_decision(
            finding=finding,
            decision="exclusion",
            decided_by="Avdelningschef",
            decided_on=D(2024, 10, 5),
            decision_reference="SCN-2024-00400",
            start_date=D(2024, 10, 5),
            user=user,
        )
    finding = services.finding_give_feedback(
        finding=finding, given_on=D(2024, 10, 1), method="meeting", user=user
    )
    if status == "feedback_given":
        return finding
    services.finding_receive_action_plan(
        finding=finding,
        received_on=D(2024, 10, 15),
        measures="Kvällsbemanning återinförd.",
        deadline=D(2024, 11, 15),
        user=user,
    )
    finding.refresh_from_db()
    if status == "action_plan_received":
        return finding
    return services.finding_verify(
        finding=finding, verified_on=D(2024, 11, 20), note="Oanmält besök.", user=user
    )


def _move(move, finding, user):
    if move == "feedback_given":
        return services.finding_give_feedback(
            finding=finding, given_on=D(2024, 12, 1), method="email", user=user
        )
    if move == "action_plan_received":
        return services.finding_receive_action_plan(
            finding=finding,
            received_on=D(2024, 12, 2),
            measures="Åtgärd",
            deadline=D(2024, 12, 31),
            user=user,
        ).finding
    if move == "verified":
        return services.finding_verify(
            finding=finding, verified_on=D(2024, 12, 3), note="Kontrollerat.", user=user
        )
    if move == "escalated":
        return services.finding_escalate(
            finding=finding,
            escalation="proposed_termination",
            escalated_on=D(2024, 12, 1),
            reason="Allvarligt.",
            user=user,
        )
    return services.finding_record_decision(
        finding=finding,
        decision="contract_end",
        decided_on=D(2024, 12, 5),
        decision_reference="SCN-2024-00500",
        user=user,
    )


STATUSES = [s.value for s in FindingStatus]


@pytest.mark.parametrize("start", STATUSES)
@pytest.mark.parametrize("move", [s for s in STATUSES if s != "open"])
def test_finding_transitions_follow_the_map(finding, strategist, start, move):
    finding = _to(start, finding, strategist)
    allowed = move in Finding.TRANSITIONS[start]
    if move == "decided" and start == "escalated":
        finding.refresh_from_db()
    if allowed:
        assert _move(move, finding, strategist).status in (move, FindingStatus(move))
    else:
        with pytest.raises(DomainError):
            _move(move, finding, strategist)
        finding.refresh_from_db()
        assert finding.status == start


def test_full_path_keeps_who_and_when(finding, strategist):
    verified = _to("verified", finding, strategist)
    assert verified.status == FindingStatus.VERIFIED
    assert verified.feedback_by == strategist
    assert verified.verified_by == strategist
    reasons = list(verified.history.values_list("history_change_reason", flat=True))
    assert "Brist verifierad" in reasons
    assert "Återkoppling given till leverantören" in reasons
    assert all(h.history_user == strategist for h in verified.history.all())


def test_due_date_before_followup_started_is_refused(followup, scope, strategist):
    with pytest.raises(DomainError, match="före uppföljningens start"):
        services.finding_create(
            followup=followup,
            supplier=scope[0],
            severity="minor",
            description="x",
            due_date=D(2024, 8, 1),
            user=strategist,
        )
    assert not Finding.objects.exists()


def test_finding_for_supplier_outside_scope_is_refused(followup, strategist):
    outsider = SupplierFactory(name="Annan AB")
    with pytest.raises(DomainError, match="omfattas inte"):
        services.finding_create(
            followup=followup,
            supplier=outsider,
            severity="minor",
            description="x",
            user=strategist,
        )
    assert not Finding.objects.exists()


@pytest.mark.parametrize("closed", ["verified", "decided"])
def test_action_plan_for_closed_finding_is_refused(finding, strategist, closed):
    finding = _to(closed, finding, strategist)
    plans = ActionPlan.objects.count()
    with pytest.raises(DomainError, match="Bristen är avslutad"):
        services.finding_receive_action_plan(
            finding=finding,
            received_on=D(2024, 12, 1),
            measures="Sent",
            deadline=D(2024, 12, 31),
            user=strategist,
        )
    assert ActionPlan.objects.count() == plans


def test_action_plan_deadline_before_received_is_refused(finding, strategist):
    finding = _to("feedback_given", finding, strategist)
    with pytest.raises(DomainError, match="Slutdatum"):
        services.finding_receive_action_plan(
            finding=finding,
            received_on=D(2024, 10, 15),
            measures="x",
            deadline=D(2024, 10, 1),
            user=strategist,
        )
    finding.refresh_from_db()
    assert finding.status == FindingStatus.FEEDBACK_GIVEN


def test_escalation_to_event_driven_opens_a_followup(finding, strategist):
    services.finding_escalate(
        finding=finding,
        escalation="event_driven",
        escalated_on=D(2024, 10, 20),
        reason="Uppgifter i media.",
        user=strategist,
    )
    event = FollowUp.objects.get(kind=FollowUpKind.EVENT_DRIVEN)
    assert event.trigger_finding == finding
    assert list(event.suppliers.all()) == [finding.supplier]
    assert event.status == "ongoing"


def test_board_decision_records_exclusion_through_register(finding, strategist):
    decided = _to("decided", finding, strategist)
    exclusion = Exclusion.objects.get()
    assert decided.exclusion == exclusion
    assert exclusion.contract.agreement == finding.followup.agreement
    assert exclusion.is_active_on(D(2024, 10, 6))


def test_board_decision_can_end_the_contract(finding, strategist):
    finding = _to("escalated", finding, strategist)
    decided = _move("decided", finding, strategist)
    assert decided.ended_contract.status == ContractStatus.TERMINATED


@pytest.mark.parametrize("role", ["coordinator", "caseworker", "board_reader"])
def test_only_strategists_work_findings(finding, followup, scope, user_with_role, role):
    user = user_with_role(role)
    with pytest.raises(PermissionDenied):
        services.finding_create(
            followup=followup, supplier=scope[0], severity="minor", description="x", user=user
        )
    for move in ("feedback_given", "escalated"):
        with pytest.raises(PermissionDenied):
            _move(move, finding, user)
    finding.refresh_from_db()
    assert finding.status == FindingStatus.OPEN


def test_overdue_findings(finding, strategist):
    assert list(Finding.objects.overdue_on(D(2024, 12, 1))) == [finding]
    assert not Finding.objects.overdue_on(D(2024, 11, 30)).exists()
    finding = _to("action_plan_received", finding, strategist)
    assert list(Finding.objects.overdue_on(D(2024, 11, 16))) == [finding]
    assert not Finding.objects.overdue_on(D(2024, 11, 15)).exists()
