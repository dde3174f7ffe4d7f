"""Writes of deviations: reported by anyone who may, triaged by the strategist."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from followups.models import (
    Deviation,
    DeviationStatus,
    FollowUpKind,
)
from suppliers.models import Contract, FrameworkAgreement, Supplier, Unit
from uppfoljning.core.errors import DomainError
from uppfoljning.core.services import check_transition, require, save_with_history

from .followups import followup_create, followup_start

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
    served = contract.units.all()
    if unit is not None and served.exists() and not served.filter(pk=unit.pk).exists():
        raise DomainError(
            _("%(unit)s is not served under the contract in %(agreement)s.")
            % {"unit": unit.name, "agreement": agreement}
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
