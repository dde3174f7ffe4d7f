"""Writes of the planning: the yearly plan (propose, change, accept, which creates the
follow-ups) and the risk assessment (weights and manual judgements)."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from followups.cases.selectors import assessment_areas
from followups.cases.services import followup_create
from followups.models import FollowUpKind, RiskFactor, RiskJudgement, RiskWeight
from followups.models.plans import FollowUpPlan, PlanEntrySource, PlannedFollowUp, PlanStatus
from uppfoljning.core.errors import DomainError
from uppfoljning.core.services import check_transition, require, save_with_history

from . import proposal
from .texts import default_texts

TEXT_FIELDS = ("responsibility", "forms_of_followup", "responsible", "timetable", "feedback")


def _ensure_draft(plan: FollowUpPlan) -> None:
    if plan.is_accepted:
        raise DomainError(
            _("The plan for %(year)s is accepted and can no longer be changed.")
            % {"year": plan.year}
        )


def _lock(plan: FollowUpPlan) -> FollowUpPlan:
    return FollowUpPlan.objects.select_for_update().get(pk=plan.pk)


def _add_entry(plan, proposed: proposal.ProposedEntry, user, reason: str) -> PlannedFollowUp:
    entry = PlannedFollowUp(
        plan=plan,
        agreement=proposed.agreement,
        year=proposed.year,
        source=proposed.source,
        reason=proposed.reason,
        focus=proposed.focus,
        followup=proposed.followup,
    )
    save_with_history(entry, user=user, reason=reason)
    entry.focus_areas.set(proposed.focus_areas)
    return entry


def _delete_entry(entry: PlannedFollowUp, user, reason: str) -> None:
    entry._history_user = user
    entry._change_reason = reason
    entry.delete()


@transaction.atomic
def plan_propose(
    *,
    board,
    year: int,
    user,
    capacity: int | None = None,
    today: datetime.date | None = None,
    anew: bool = False,
) -> FollowUpPlan:
    """Create the year's plan as the system's proposal, or (`anew`) propose a draft anew.

    Proposing anew replaces the entries (their history keeps the earlier ones) and keeps the
    texts the strategist has written; without `anew` an existing plan is never touched."""
    require(user, "followups.add_followupplan")
    if year < 2000 or year > 2100:
        raise DomainError(_("Give a year between 2000 and 2100."))
    if capacity is not None and capacity < 1:
        raise DomainError(_("At least one special follow-up a year is needed."))
    plan = FollowUpPlan.objects.select_for_update().filter(board=board, year=year).first()
    if plan is not None:
        _ensure_draft(plan)
        if not anew:
            raise DomainError(
                _(
                    "There is already a proposal for %(year)s; continue with it, or propose it "
                    "anew on its page."
                )
                % {"year": year}
            )
    today = today or timezone.localdate()
    risk_date = proposal.risk_date_for(year, today)
    if plan is None:
        plan = FollowUpPlan(board=board, year=year, created_by=user)
        agreements = proposal.plan_agreements(board, year)
        for key, text in default_texts(board=board, year=year, agreements=agreements).items():
            setattr(plan, key, text)
        reason = _("Plan proposed")
    else:
        reason = _("Plan proposed anew")
    plan.capacity = capacity or plan.capacity
    suggestion = proposal.propose(
        board=board, year=year, risk_date=risk_date, capacity=plan.capacity
    )
    plan.risk_date = risk_date
    plan.risk_snapshot = proposal.risk_snapshot(suggestion.ranking)
    save_with_history(plan, user=user, reason=reason)
    for entry in plan.entries.all():
        _delete_entry(entry, user, _("Replaced by a new proposal"))
    for proposed in suggestion.entries:
        _add_entry(plan, proposed, user, _("Proposed"))
    return plan


@transaction.atomic
def plan_update_texts(*, plan: FollowUpPlan, user, **texts) -> FollowUpPlan:
    """Save the plan's five points; an emptied text gets the default back."""
    require(user, "followups.change_followupplan")
    plan = _lock(plan)
    _ensure_draft(plan)
    defaults = default_texts(
        board=plan.board, year=plan.year, agreements=proposal.plan_agreements(plan.board, plan.year)
    )
    for key in TEXT_FIELDS:
        if key in texts:
            text = (texts[key] or "").replace("\r\n", "\n").strip()
            setattr(plan, key, text or defaults[key])
    save_with_history(plan, user=user, reason=_("Plan texts edited"))
    return plan


@transaction.atomic
def plan_set_selection(*, plan: FollowUpPlan, user, selected: set[tuple[int, int]]) -> list:
    """Set which agreements get a special follow-up in the plan's year and the next.

    `selected` holds (agreement id, year) pairs; an agreement the strategist adds is marked
    as their choice, one removed is deleted from the plan (its history keeps it). A special
    follow-up that already exists stays in the plan. Returns the flags of the new selection."""
    require(user, "followups.change_followupplan")
    plan = _lock(plan)
    _ensure_draft(plan)
    agreements = {a.pk: a for a in proposal.plan_agreements(plan.board, plan.year)}
    years = (plan.year, plan.year + 1)
    for agreement_id, year in selected:
        if year not in years:
            raise DomainError(
                _("The plan for %(year)s places special follow-ups in %(year)s and %(next)s only.")
                % {"year": plan.year, "next": plan.year + 1}
            )
        agreement = agreements.get(agreement_id)
        if agreement is None:
            raise DomainError(_("The agreement is not among the plan's agreements."))
        if not proposal.in_force_during(agreement, year):
            raise DomainError(
                _("%(agreement)s is not in force during %(year)s.")
                % {"agreement": agreement.name, "year": year}
            )
    current = {(e.agreement_id, e.year): e for e in plan.entries.all()}
    for key, entry in current.items():
        if key in selected:
            continue
        if entry.source == PlanEntrySource.EXISTING:
            raise DomainError(
                _(
                    "%(agreement)s already has a special follow-up in %(year)s; it stays in the "
                    "plan."
                )
                % {"agreement": entry.agreement.name, "year": entry.year}
            )
        _delete_entry(entry, user, _("Removed by the strategist"))
    focus = proposal.suggested_focus(list(agreements.values()), plan.risk_date)
    for agreement_id, year in sorted(selected - set(current)):
        agreement = agreements[agreement_id]
        _add_entry(
            plan,
            proposal.ProposedEntry(
                agreement=agreement,
                year=year,
                source=PlanEntrySource.STRATEGIST,
                reason=_("Chosen by the strategist."),
                focus_areas=focus.get(agreement_id, []),
            ),
            user,
            _("Added by the strategist"),
        )
    return proposal.plan_table(plan)["flags"]


@transaction.atomic
def plan_entry_update(
    *, entry: PlannedFollowUp, user, focus_areas, focus: str, reason: str
) -> PlannedFollowUp:
    require(user, "followups.change_followupplan")
    _ensure_draft(_lock(entry.plan))
    allowed = {a.pk for a in assessment_areas(entry.agreement)}
    if any(a.pk not in allowed for a in focus_areas):
        raise DomainError(_("Choose focus areas of the agreement's assessment template."))
    entry.focus = (focus or "").strip()
    entry.reason = (reason or "").strip()
    save_with_history(entry, user=user, reason=_("Focus and reason edited"))
    entry.focus_areas.set(focus_areas)
    return entry


def _followup_focus(entry: PlannedFollowUp) -> str:
    parts = []
    names = [a.name for a in entry.focus_areas.all()]
    if names:
        parts.append(_("Focus areas: %(names)s.") % {"names": ", ".join(names)})
    if entry.focus:
        parts.append(entry.focus)
    return "\n".join(parts)


@transaction.atomic
def plan_accept(*, plan: FollowUpPlan, user, deviation_reason: str = "") -> FollowUpPlan:
    """Accept the plan: every special follow-up of its year is created as a planned follow-up
    (once; one that exists is linked). A plan that would let an agreement end its period
    without a special follow-up needs a reason."""
    require(user, "followups.change_followupplan")
    plan = _lock(plan)
    check_transition(plan, PlanStatus.ACCEPTED)
    table = proposal.plan_table(plan)
    deviation_reason = (deviation_reason or "").strip()
    if table["avoidable_flags"] and not deviation_reason:
        raise DomainError(
            _(
                "The plan leaves %(names)s without a special follow-up in the agreement period. "
                "Add a special follow-up, or give the reason for the exception."
            )
            % {"names": ", ".join(f.agreement.name for f in table["avoidable_flags"])}
        )
    for entry in table["this_year"]:
        if entry.followup_id:
            continue
        a = entry.agreement
        start, end = proposal.span_in_year(a, plan.year)
        entry.followup = followup_create(
            kind=FollowUpKind.SPECIAL,
            agreement=a,
            responsible=a.owner or user,
            user=user,
            title=_("Special follow-up %(year)s: %(agreement)s")
            % {"year": plan.year, "agreement": a.name},
            planned_start=start,
            planned_end=end,
            focus=_followup_focus(entry),
        )
        save_with_history(
            entry, user=user, reason=_("Follow-up created when the plan was accepted")
        )
    plan.status = PlanStatus.ACCEPTED
    plan.accepted_by = user
    plan.accepted_at = timezone.now()
    plan.deviation_reason = deviation_reason if table["avoidable_flags"] else ""
    save_with_history(plan, user=user, reason=_("Plan accepted"))
    return plan


# --- The risk assessment ---------------------------------------------------------------


@transaction.atomic
def risk_weights_update(*, weights: dict, user) -> list[RiskWeight]:
    """Set the weight of each given factor; one history row per weight that changed."""
    require(user, "followups.change_riskweight")
    changed = []
    for code, value in weights.items():
        if code not in RiskFactor.values:
            raise DomainError(_("Unknown risk factor."))
        value = Decimal(value)
        if value < 0:
            raise DomainError(_("A weight cannot be negative."))
        weight, created = RiskWeight.objects.get_or_create(code=code, defaults={"weight": value})
        if created or weight.weight != value:
            weight.weight = value
            weight._history_user = user
            weight._change_reason = _("Weight adjusted on the risk page")
            weight.save()
            changed.append(weight)
    return changed


@transaction.atomic
def risk_judgement_create(
    *, points: int, reason: str, user, agreement=None, supplier=None
) -> RiskJudgement:
    """Record a manual adjustment of one agreement's or one supplier's risk, with why."""
    require(user, "followups.add_riskjudgement")
    if not (reason or "").strip():
        raise DomainError(_("A manual judgement needs a reason."))
    if (agreement is None) == (supplier is None):
        raise DomainError(_("Choose either an agreement or a supplier."))
    if not points:
        raise DomainError(_("An adjustment of zero points changes nothing."))
    judgement = RiskJudgement(
        agreement=agreement,
        supplier=supplier,
        points=points,
        reason=reason.strip(),
        created_by=user,
    )
    judgement._history_user = user
    judgement.full_clean()
    judgement.save()
    return judgement
