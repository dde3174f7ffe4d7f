"""Writes of a follow-up's life: plan, scope, start, complete.

Every status change goes through the model's TRANSITIONS map; a forbidden move, or input
that breaks a rule of the domain, raises DomainError with a message for the user and
changes nothing.
"""

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from followups.models import (
    FollowUp,
    FollowUpKind,
    FollowUpStatus,
)
from suppliers.models import FrameworkAgreement, Supplier, Unit
from uppfoljning.core.errors import DomainError
from uppfoljning.core.services import check_transition, require, save_with_history

from .assessments import assessment_areas_ensure

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
    *,
    followup: FollowUp,
    suppliers: Iterable[Supplier],
    units: Iterable[Unit] = (),
    user,
    selection: tuple[datetime.date, datetime.date] | None = None,
) -> FollowUp:
    """Replace the suppliers and units in scope; after a selection by purchases, also keep
    the period the ranking was taken over. Nothing is saved if a rule is broken."""
    require(user, "followups.change_followup")
    if not followup.is_open:
        raise DomainError(_("A completed follow-up cannot change its scope."))
    suppliers, units = list(suppliers), list(units)
    _check_scope(followup.agreement, suppliers, units)
    removed = set(followup.suppliers.values_list("pk", flat=True)) - {s.pk for s in suppliers}
    if removed and followup.findings.filter(supplier_id__in=removed).exists():
        raise DomainError(_("A supplier with findings in this follow-up cannot be removed."))
    if selection and (followup.selection_start, followup.selection_end) != tuple(selection):
        followup.selection_start, followup.selection_end = selection
        followup._history_user = user
        followup.full_clean()
        followup.save(update_fields=["selection_start", "selection_end"])
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
