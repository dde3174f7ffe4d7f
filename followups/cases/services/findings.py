"""Writes of a finding's life: recorded, feedback, action plan, verified, escalated, decided."""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from followups.models import (
    ActionPlan,
    AssessmentArea,
    Escalation,
    Finding,
    FindingStatus,
    FollowUp,
    FollowUpKind,
)
from suppliers import services as register_services
from suppliers.models import Contract, ContractStatus, Supplier, Unit
from uppfoljning.core.errors import DomainError
from uppfoljning.core.services import check_transition, require, save_with_history

from .followups import followup_create, followup_start

# --- Findings ------------------------------------------------------------------------------


def _check_due_date(followup: FollowUp, due_date: datetime.date | None) -> None:
    if due_date and followup.begins_on and due_date < followup.begins_on:
        raise DomainError(
            _("The due date cannot be before the follow-up started (%(date)s).")
            % {"date": followup.begins_on.isoformat()}
        )


@transaction.atomic
def finding_create(
    *,
    followup: FollowUp,
    supplier: Supplier,
    severity: str,
    description: str,
    user,
    unit: Unit | None = None,
    area: AssessmentArea | None = None,
    due_date: datetime.date | None = None,
) -> Finding:
    """Record a shortcoming at a supplier in scope of the follow-up."""
    require(user, "followups.add_finding")
    if not followup.is_open:
        raise DomainError(_("A completed follow-up cannot get new findings."))
    if not followup.suppliers.filter(pk=supplier.pk).exists():
        raise DomainError(
            _("%(supplier)s is not in the scope of this follow-up.") % {"supplier": supplier}
        )
    if unit is not None and unit.supplier_id != supplier.pk:
        raise DomainError(_("The unit must belong to the supplier."))
    if area is not None and area.agreement_id not in (None, followup.agreement_id):
        raise DomainError(_("The area is not in the agreement's assessment template."))
    _check_due_date(followup, due_date)
    finding = Finding(
        followup=followup,
        supplier=supplier,
        unit=unit,
        area=area,
        severity=severity,
        description=description,
        due_date=due_date,
        created_by=user,
    )
    save_with_history(finding, user=user, reason=_("Finding recorded"))
    return finding


def _lock_finding(finding: Finding) -> Finding:
    return Finding.objects.select_for_update().select_related("followup").get(pk=finding.pk)


@transaction.atomic
def finding_give_feedback(
    *,
    finding: Finding,
    given_on: datetime.date,
    method: str,
    user,
    note: str = "",
    due_date: datetime.date | None = None,
) -> Finding:
    """Record that the supplier was told of the finding (and by when to act)."""
    require(user, "followups.change_finding")
    finding = _lock_finding(finding)
    check_transition(finding, FindingStatus.FEEDBACK_GIVEN)
    if finding.followup.begins_on and given_on < finding.followup.begins_on:
        raise DomainError(_("Feedback cannot be given before the follow-up started."))
    if due_date is not None:
        _check_due_date(finding.followup, due_date)
        finding.due_date = due_date
    finding.status = FindingStatus.FEEDBACK_GIVEN
    finding.feedback_given_on = given_on
    finding.feedback_method = method
    finding.feedback_note = note
    finding.feedback_by = user
    save_with_history(finding, user=user, reason=_("Feedback given to the supplier"))
    return finding


@transaction.atomic
def finding_receive_action_plan(
    *,
    finding: Finding,
    received_on: datetime.date,
    measures: str,
    deadline: datetime.date,
    user,
) -> ActionPlan:
    """Record the supplier's action plan; the finding then waits for verification."""
    require(user, "followups.change_finding")
    finding = _lock_finding(finding)
    if finding.status in (FindingStatus.VERIFIED, FindingStatus.DECIDED):
        raise DomainError(_("The finding is closed; it cannot get an action plan."))
    check_transition(finding, FindingStatus.ACTION_PLAN_RECEIVED)
    if not measures.strip():
        raise DomainError(_("Describe the measures of the action plan."))
    if received_on < finding.feedback_given_on:
        raise DomainError(_("An action plan cannot be received before the feedback was given."))
    if deadline < received_on:
        raise DomainError(_("The deadline cannot be before the plan was received."))
    plan = ActionPlan(
        finding=finding,
        received_on=received_on,
        measures=measures,
        deadline=deadline,
        recorded_by=user,
    )
    save_with_history(plan, user=user, reason=_("Action plan received"))
    finding.status = FindingStatus.ACTION_PLAN_RECEIVED
    finding.action_plan_deadline = deadline
    save_with_history(finding, user=user, reason=_("Action plan received"))
    return plan


@transaction.atomic
def finding_verify(*, finding: Finding, verified_on: datetime.date, note: str, user) -> Finding:
    """Record that the measures were checked and the shortcoming is remedied."""
    require(user, "followups.change_finding")
    finding = _lock_finding(finding)
    check_transition(finding, FindingStatus.VERIFIED)
    if not note.strip():
        raise DomainError(_("Say how the measures were verified."))
    latest = finding.action_plans.order_by("-received_on", "-pk").first()
    if latest and verified_on < latest.received_on:
        raise DomainError(_("A plan cannot be verified before it was received."))
    finding.status = FindingStatus.VERIFIED
    finding.verified_on = verified_on
    finding.verified_note = note
    finding.verified_by = user
    save_with_history(finding, user=user, reason=_("Finding verified"))
    return finding


@transaction.atomic
def finding_escalate(
    *,
    finding: Finding,
    escalation: str,
    escalated_on: datetime.date,
    reason: str,
    user,
    responsible=None,
) -> Finding:
    """Escalate a finding; to an event-driven follow-up, which is then opened at once."""
    require(user, "followups.change_finding")
    finding = _lock_finding(finding)
    check_transition(finding, FindingStatus.ESCALATED)
    if escalation not in Escalation.values:
        raise DomainError(_("Choose what the finding is escalated to."))
    if not reason.strip():
        raise DomainError(_("Give the reason for the escalation."))
    finding.status = FindingStatus.ESCALATED
    finding.escalation = escalation
    finding.escalated_on = escalated_on
    finding.escalation_reason = reason
    finding.escalated_by = user
    save_with_history(finding, user=user, reason=_("Finding escalated"))
    if escalation == Escalation.EVENT_DRIVEN:
        followup = followup_create(
            kind=FollowUpKind.EVENT_DRIVEN,
            agreement=finding.followup.agreement,
            responsible=responsible or user,
            user=user,
            suppliers=[finding.supplier],
            units=[finding.unit] if finding.unit else [],
            planned_start=escalated_on,
            title=_("Event-driven follow-up of %(supplier)s") % {"supplier": finding.supplier},
            trigger_finding=finding,
            focus=reason,
        )
        followup_start(followup=followup, started_on=escalated_on, user=user)
    return finding


@transaction.atomic
def finding_record_decision(
    *,
    finding: Finding,
    decision: str,
    user,
    decided_by: str = "",
    decided_on: datetime.date,
    decision_reference: str,
    start_date: datetime.date | None = None,
    review_date: datetime.date | None = None,
    exclusion_reason: str = "investigation",
    contract_status: str = ContractStatus.TERMINATED,
    contract_end_reason: str = "breach",
    note: str = "",
) -> Finding:
    """Record the board's decision on an escalated finding: an exclusion or an ended contract.

    The decision itself is made by the register's services, so that the call-off status
    sees it exactly as if it had been recorded there.
    """
    require(user, "followups.decide_finding")
    finding = _lock_finding(finding)
    check_transition(finding, FindingStatus.DECIDED)
    contract = Contract.objects.filter(
        agreement=finding.followup.agreement, supplier=finding.supplier
    ).first()
    if decision == "exclusion":
        require(user, "suppliers.decide_exclusion")
        if start_date is None:
            raise DomainError(_("Give the date the exclusion starts."))
        finding.exclusion = register_services.exclusion_start(
            supplier=finding.supplier,
            contract=contract,
            reason=exclusion_reason,
            decided_by=decided_by,
            decided_on=decided_on,
            decision_reference=decision_reference,
            start_date=start_date,
            review_date=review_date,
            description=note or finding.description,
            user=user,
        )
    elif decision == "contract_end":
        require(user, "suppliers.end_contract")
        if contract is None:
            raise DomainError(_("The supplier has no contract in this agreement."))
        finding.ended_contract = register_services.contract_end(
            contract=contract,
            status=contract_status,
            ended_on=start_date or decided_on,
            reason=contract_end_reason,
            decision_reference=decision_reference,
            note=note,
            user=user,
        )
    else:
        raise DomainError(_("Choose the board's decision."))
    finding.status = FindingStatus.DECIDED
    finding.decided_on = decided_on
    save_with_history(finding, user=user, reason=_("Board decision recorded"))
    return finding
