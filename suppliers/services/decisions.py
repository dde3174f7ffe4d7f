"""Writes to the register that carry a decision: each in one transaction, with history."""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from uppfoljning.core.errors import DomainError
from uppfoljning.core.services import check_transition, save_with_history

from ..models import Contract, ContractStatus, Exclusion, ExclusionLiftReason, Supplier


@transaction.atomic
def contract_end(
    *,
    contract: Contract,
    status: str,
    ended_on: datetime.date,
    reason: str,
    decision_reference: str,
    note: str = "",
    user=None,
) -> Contract:
    """Terminate, rescind or expire an active contract, as the board decided."""
    contract = Contract.objects.select_for_update().get(pk=contract.pk)
    check_transition(
        contract,
        status,
        _("A contract that is %(current)s cannot be changed to %(new)s.")
        % {
            "current": contract.get_status_display().lower(),
            "new": ContractStatus(status).label.lower(),
        },
    )
    if not decision_reference.strip():
        raise DomainError(_("Give the reference of the decision."))
    if contract.start_date and ended_on < contract.start_date:
        raise DomainError(_("A contract cannot end before it started."))
    contract.status = status
    contract.ended_on = ended_on
    contract.end_reason = reason
    contract.decision_reference = decision_reference.strip()
    contract.end_note = note
    save_with_history(contract, user=user, reason=_("Contract ended"))
    return contract


@transaction.atomic
def exclusion_start(
    *,
    supplier: Supplier,
    contract: Contract | None,
    reason: str,
    decided_by: str,
    decided_on: datetime.date,
    decision_reference: str,
    start_date: datetime.date,
    review_date: datetime.date | None = None,
    description: str = "",
    user=None,
) -> Exclusion:
    """Block call-offs of one contract, or of all of a supplier's contracts."""
    if contract is not None and contract.supplier_id != supplier.pk:
        raise DomainError(_("The contract does not belong to this supplier."))
    if review_date and review_date < start_date:
        raise DomainError(_("The review date cannot be before the start date."))
    exclusion = Exclusion(
        supplier=supplier,
        contract=contract,
        reason=reason,
        decided_by=decided_by,
        decided_on=decided_on,
        decision_reference=decision_reference.strip(),
        start_date=start_date,
        review_date=review_date,
        description=description,
        created_by=user,
    )
    save_with_history(exclusion, user=user, reason=_("Exclusion started"))
    return exclusion


@transaction.atomic
def exclusion_lift(
    *,
    exclusion: Exclusion,
    lifted_on: datetime.date,
    lift_reason: str,
    lift_reference: str,
    lift_note: str = "",
    user=None,
) -> Exclusion:
    """Lift an exclusion from a date, with the decision that lifted it."""
    exclusion = Exclusion.objects.select_for_update().get(pk=exclusion.pk)
    if exclusion.lifted_on is not None:
        raise DomainError(_("The exclusion has already been lifted."))
    if lifted_on < exclusion.start_date:
        raise DomainError(_("An exclusion cannot be lifted before it started."))
    if not lift_reference.strip():
        raise DomainError(_("Give the reference of the decision."))
    if lift_reason not in ExclusionLiftReason.values:
        raise DomainError(_("Choose the reason category for lifting the exclusion."))
    exclusion.lifted_on = lifted_on
    exclusion.lift_reason = lift_reason
    exclusion.lift_reference = lift_reference.strip()
    exclusion.lift_note = lift_note
    save_with_history(exclusion, user=user, reason=_("Exclusion lifted"))
    return exclusion
