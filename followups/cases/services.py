"""Writes of the follow-up work: each a decision, in one transaction, with who and when.

Every status change goes through the model's TRANSITIONS map; a forbidden move, or input
that breaks a rule of the domain, raises DomainError with a message for the user and
changes nothing.
"""

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from followups.cases.presets import PRESETS, preset_for_agreement_name
from followups.models import (
    ActionPlan,
    Assessment,
    AssessmentArea,
    Deviation,
    DeviationStatus,
    Escalation,
    Finding,
    FindingStatus,
    FollowUp,
    FollowUpKind,
    FollowUpStatus,
    Rating,
)
from suppliers import services as register_services
from suppliers.models import Contract, ContractStatus, FrameworkAgreement, Supplier, Unit
from uppfoljning.core.errors import DomainError
from uppfoljning.core.services import check_transition, require, save_with_history

# --- Follow-ups ----------------------------------------------------------------------------


def _check_scope(agreement: FrameworkAgreement, suppliers, units) -> None:
    supplier_ids = {s.pk for s in suppliers}
    contracted = set(
        agreement.contracts.filter(supplier_id__in=supplier_ids).values_list(
            "supplier_id", flat=True
        )
    )
    outside = [s.name for s in suppliers if s.pk not in contracted]
    if outside:
        raise DomainError(
            _("%(names)s has no contract in %(agreement)s.")
            % {"names": ", ".join(sorted(outside)), "agreement": agreement}
        )
    stray = [u.name for u in units if u.supplier_id not in supplier_ids]
    if stray:
        raise DomainError(
            _("The unit %(names)s does not belong to a supplier in scope.")
            % {"names": ", ".join(sorted(stray))}
        )


def default_title(kind: str, agreement: FrameworkAgreement, on: datetime.date | None) -> str:
    year = f" {on.year}" if on else ""
    return f"{FollowUpKind(kind).label} {agreement.name}{year}"


@transaction.atomic
def followup_create(
    *,
    kind: str,
    agreement: FrameworkAgreement,
    responsible,
    user,
    title: str = "",
    suppliers: Iterable[Supplier] = (),
    units: Iterable[Unit] = (),
    planned_start: datetime.date | None = None,
    planned_end: datetime.date | None = None,
    **fields,
) -> FollowUp:
    """Plan a follow-up of suppliers within an agreement."""
    require(user, "followups.add_followup")
    suppliers, units = list(suppliers), list(units)
    _check_scope(agreement, suppliers, units)
    if kind == FollowUpKind.EVENT_DRIVEN and not (
        fields.get("trigger_deviation")
        or fields.get("trigger_check")
        or fields.get("trigger_finding")
        or fields.get("trigger_source")
    ):
        raise DomainError(
            _("Say what triggered the event-driven follow-up: a deviation, a check or a signal.")
        )
    if fields.get("trigger_source") and not fields.get("trigger_text", "").strip():
        raise DomainError(_("Describe the signal that triggered the follow-up."))
    followup = FollowUp(
        kind=kind,
        agreement=agreement,
        responsible=responsible,
        title=title.strip() or default_title(kind, agreement, planned_start),
        planned_start=planned_start,
        planned_end=planned_end,
        created_by=user,
        **fields,
    )
    save_with_history(followup, user=user, reason=_("Follow-up planned"))
    followup.suppliers.set(suppliers)
    followup.units.set(units)
    assessment_areas_ensure(agreement=agreement)
    return followup


@transaction.atomic
def followup_set_scope(
    *, followup: FollowUp, suppliers: Iterable[Supplier], units: Iterable[Unit] = (), user
) -> FollowUp:
    """Replace the suppliers and units in scope (for example after the selection)."""
    require(user, "followups.change_followup")
    if not followup.is_open:
        raise DomainError(_("A completed follow-up cannot change its scope."))
    suppliers, units = list(suppliers), list(units)
    _check_scope(followup.agreement, suppliers, units)
    removed = set(followup.suppliers.values_list("pk", flat=True)) - {s.pk for s in suppliers}
    if removed and followup.findings.filter(supplier_id__in=removed).exists():
        raise DomainError(_("A supplier with findings in this follow-up cannot be removed."))
    followup._history_user = user
    followup.suppliers.set(suppliers)
    followup.units.set(units)
    return followup


@transaction.atomic
def followup_start(*, followup: FollowUp, started_on: datetime.date, user) -> FollowUp:
    require(user, "followups.change_followup")
    followup = FollowUp.objects.select_for_update().get(pk=followup.pk)
    check_transition(followup, FollowUpStatus.ONGOING)
    followup.status = FollowUpStatus.ONGOING
    followup.started_on = started_on
    save_with_history(followup, user=user, reason=_("Follow-up started"))
    return followup


@transaction.atomic
def followup_complete(
    *,
    followup: FollowUp,
    completed_on: datetime.date,
    user,
    summary: str | None = None,
    assessment: str | None = None,
    conclusion: str | None = None,
) -> FollowUp:
    """Close a follow-up with its conclusion; its findings live on."""
    require(user, "followups.change_followup")
    followup = FollowUp.objects.select_for_update().get(pk=followup.pk)
    check_transition(followup, FollowUpStatus.COMPLETED)
    for name, value in (
        ("summary", summary),
        ("assessment", assessment),
        ("conclusion", conclusion),
    ):
        if value is not None:
            setattr(followup, name, value)
    if not followup.conclusion.strip():
        raise DomainError(_("Write the conclusion before completing the follow-up."))
    if completed_on < followup.started_on:
        raise DomainError(_("A follow-up cannot be completed before it started."))
    followup.status = FollowUpStatus.COMPLETED
    followup.completed_on = completed_on
    save_with_history(followup, user=user, reason=_("Follow-up completed"))
    return followup


# --- Assessment areas and the grid ------------------------------------------------------


def assessment_areas_seed(*, agreement: FrameworkAgreement, preset: str) -> list[AssessmentArea]:
    """Give an agreement its own areas from a template (existing names are kept)."""
    names = PRESETS[preset]
    areas = []
    for order, name in enumerate(names, start=1):
        area, _created = AssessmentArea.objects.get_or_create(
            agreement=agreement, name=name, defaults={"order": order}
        )
        areas.append(area)
    return areas


def assessment_areas_ensure(*, agreement: FrameworkAgreement) -> None:
    """An agreement without its own areas gets the template its name suggests."""
    if agreement.assessment_areas.exists():
        return
    preset = preset_for_agreement_name(agreement.name)
    if preset != "default":
        assessment_areas_seed(agreement=agreement, preset=preset)


@transaction.atomic
def assessment_grid_save(
    *, followup: FollowUp, ratings: dict[tuple[int, int], tuple[str, str]], user
) -> int:
    """Save ratings {(supplier_id, area_id): (rating, comment)}; returns how many changed."""
    require(user, "followups.change_assessment")
    if not followup.is_open:
        raise DomainError(_("A completed follow-up cannot be assessed any more."))
    supplier_ids = set(followup.suppliers.values_list("pk", flat=True))
    from followups.cases.selectors import assessment_areas

    area_ids = {a.pk for a in assessment_areas(followup.agreement)}
    existing = {
        (a.supplier_id, a.area_id): a
        for a in Assessment.objects.filter(followup=followup).select_for_update()
    }
    changed = 0
    for (supplier_id, area_id), (rating, comment) in ratings.items():
        if supplier_id not in supplier_ids:
            raise DomainError(_("The supplier is not in the follow-up's scope."))
        if area_id not in area_ids:
            raise DomainError(_("The area is not in the agreement's assessment template."))
        if rating not in Rating.values:
            raise DomainError(_("Unknown rating."))
        comment = (comment or "").strip()
        current = existing.get((supplier_id, area_id))
        if current is None:
            if rating == Rating.NOT_ASSESSED and not comment:
                continue
            current = Assessment(followup=followup, supplier_id=supplier_id, area_id=area_id)
        elif current.rating == rating and current.comment == comment:
            continue
        current.rating = rating
        current.comment = comment
        save_with_history(current, user=user, reason=_("Assessment saved"))
        changed += 1
    return changed


# --- Method records -----------------------------------------------------------------------


@transaction.atomic
def method_record_save(*, record, user):
    """Save a survey, interview, document request or visit within the follow-up's scope."""
    require(user, f"followups.{'change' if record.pk else 'add'}_{record._meta.model_name}")
    followup = record.followup
    if not followup.is_open:
        raise DomainError(_("A completed follow-up cannot get new records."))
    unit = getattr(record, "unit", None)
    if unit is not None:
        record.supplier = unit.supplier
    if record.supplier_id and not followup.suppliers.filter(pk=record.supplier_id).exists():
        raise DomainError(_("The supplier is not in the follow-up's scope."))
    save_with_history(record, user=user, reason=_("Record saved"))
    return record


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


# --- Deviations ----------------------------------------------------------------------------


@transaction.atomic
def deviation_report(
    *,
    agreement: FrameworkAgreement,
    supplier: Supplier,
    category: str,
    description: str,
    occurred_on: datetime.date,
    reporter_role: str,
    user,
    unit: Unit | None = None,
    source: str = "caseworker",
    severity: str = "minor",
) -> Deviation:
    """A caseworker, coordinator or strategist reports a deviation; a strategist triages it."""
    require(user, "followups.add_deviation")
    if unit is not None and unit.supplier_id != supplier.pk:
        raise DomainError(_("The unit must belong to the supplier."))
    if occurred_on > timezone.localdate():
        raise DomainError(_("A deviation cannot have occurred in the future."))
    contract = Contract.objects.filter(agreement=agreement, supplier=supplier).first()
    if contract is None:
        raise DomainError(
            _("%(supplier)s has no contract in %(agreement)s.")
            % {"supplier": supplier, "agreement": agreement}
        )
    deviation = Deviation(
        agreement=agreement,
        supplier=supplier,
        contract=contract,
        unit=unit,
        source=source,
        category=category,
        severity=severity,
        description=description,
        occurred_on=occurred_on,
        reported_by=user,
        reporter_role=reporter_role,
    )
    save_with_history(deviation, user=user, reason=_("Deviation reported"))
    return deviation


@transaction.atomic
def deviation_triage(
    *, deviation: Deviation, status: str, reason: str, user, responsible=None
) -> Deviation:
    """Handle in the case, escalate to an event-driven follow-up, or close, with a reason."""
    require(user, "followups.triage_deviation")
    deviation = Deviation.objects.select_for_update().get(pk=deviation.pk)
    check_transition(deviation, status)
    if not reason.strip():
        raise DomainError(_("Give the reason for the decision."))
    deviation.status = status
    deviation.triage_reason = reason
    deviation.triaged_by = user
    deviation.triaged_at = timezone.now()
    save_with_history(deviation, user=user, reason=DeviationStatus(status).label)
    if status == DeviationStatus.ESCALATED:
        followup = followup_create(
            kind=FollowUpKind.EVENT_DRIVEN,
            agreement=deviation.agreement,
            responsible=responsible or user,
            user=user,
            suppliers=[deviation.supplier],
            units=[deviation.unit] if deviation.unit else [],
            planned_start=timezone.localdate(),
            title=_("Event-driven follow-up of %(supplier)s") % {"supplier": deviation.supplier},
            trigger_deviation=deviation,
            focus=reason,
        )
        followup_start(followup=followup, started_on=timezone.localdate(), user=user)
    return deviation


@transaction.atomic
def survey_area_summaries_save(*, survey, summaries: dict[int, str], user) -> int:
    """Save the survey's answers per assessment area; an emptied text removes its summary."""
    from followups.cases.selectors import assessment_areas
    from followups.models import SurveyAreaSummary

    require(user, "followups.change_survey")
    if not survey.followup.is_open:
        raise DomainError(_("A completed follow-up cannot get new records."))
    area_ids = {a.pk for a in assessment_areas(survey.followup.agreement)}
    existing = {s.area_id: s for s in survey.area_summaries.select_for_update()}
    changed = 0
    for area_id, text in summaries.items():
        if area_id not in area_ids:
            raise DomainError(_("The area is not in the agreement's assessment template."))
        text = (text or "").strip()
        current = existing.get(area_id)
        if not text:
            if current is not None:
                current._history_user = user
                current.delete()
                changed += 1
            continue
        if current is not None and current.summary == text:
            continue
        current = current or SurveyAreaSummary(survey=survey, area_id=area_id)
        current.summary = text
        save_with_history(current, user=user, reason=_("Survey answers saved"))
        changed += 1
    return changed
