"""The register's rows: boards, agreements, suppliers, units, representatives, contracts and
purchases, created and changed by the pages, the import files and the demo.

Each write is one transaction, validated by the model as a whole (the same Swedish messages
the forms show), with a history row that names the acting user and, where given, the reason.
"""

import datetime
import decimal
from collections.abc import Iterable

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from uppfoljning.core.services import save_with_history

from ..models import (
    Board,
    Contract,
    FrameworkAgreement,
    Purchase,
    Representative,
    Supplier,
    Unit,
)
from ..validators import normalize_org_number

Actor = AbstractBaseUser | None  # who acts; None for the system

# What a page or an import may change on each kind of row; the register's forms show these.
# A contract keeps its agreement and supplier (moving it would rewrite history) and its
# status changes only by ending it.
BOARD_FIELDS = ("name", "municipality", "report_period_start_month")
AGREEMENT_FIELDS = (
    "board",
    "name",
    "reference",
    "procurement_type",
    "target_group",
    "requires_ivo_permit",
    "ivo_check_interval_months",
    "start_date",
    "end_date",
    "option_end_date",
    "owner",
    "predecessor",
    "description",
)
SUPPLIER_FIELDS = (
    "name",
    "org_number",
    "address",
    "postal_code",
    "city",
    "email",
    "phone",
    "website",
    "notes",
)
UNIT_FIELDS = (
    "supplier",
    "name",
    "place",
    "ivo_permit_reference",
    "ivo_permit_status",
    "closed_on",
)
REPRESENTATIVE_FIELDS = ("supplier", "name", "role", "valid_from", "valid_to")
CONTRACT_FIELDS = ("rank", "start_date", "units")
PURCHASE_FIELDS = ("supplier", "unit", "agreement", "month", "amount", "placements")


def _only(fields: dict, allowed: tuple[str, ...]) -> None:
    unknown = sorted(set(fields) - set(allowed))
    if unknown:
        raise TypeError(f"Cannot set {', '.join(unknown)} here.")


def _create(model, *, user: Actor, reason: str | None, **fields):
    """A new row, validated as a whole, saved with its first history row."""
    return save_with_history(model(**fields), user=user, reason=reason)


def _update(obj, fields: dict, allowed: tuple[str, ...], *, user: Actor, reason: str | None):
    """Set the changed fields, validate the whole row, save it with one history row."""
    _only(fields, allowed)
    for name, value in fields.items():
        setattr(obj, name, value)
    return save_with_history(obj, user=user, reason=reason)


@transaction.atomic
def board_create(
    *,
    name: str,
    municipality: str,
    report_period_start_month: int = 1,
    user: Actor,
    reason: str | None = None,
) -> Board:
    return _create(
        Board,
        name=name,
        municipality=municipality,
        report_period_start_month=report_period_start_month,
        user=user,
        reason=reason,
    )


@transaction.atomic
def board_update(*, board: Board, user: Actor, reason: str | None = None, **fields) -> Board:
    return _update(board, fields, BOARD_FIELDS, user=user, reason=reason)


@transaction.atomic
def agreement_create(
    *,
    board: Board,
    name: str,
    reference: str,
    target_group: str,
    start_date: datetime.date,
    end_date: datetime.date,
    user: Actor,
    reason: str | None = None,
    **fields,
) -> FrameworkAgreement:
    """A framework agreement; the optional fields of AGREEMENT_FIELDS go as keywords."""
    _only(fields, AGREEMENT_FIELDS)
    return _create(
        FrameworkAgreement,
        board=board,
        name=name,
        reference=reference,
        target_group=target_group,
        start_date=start_date,
        end_date=end_date,
        user=user,
        reason=reason,
        **fields,
    )


@transaction.atomic
def agreement_update(
    *, agreement: FrameworkAgreement, user: Actor, reason: str | None = None, **fields
) -> FrameworkAgreement:
    return _update(agreement, fields, AGREEMENT_FIELDS, user=user, reason=reason)


def _org_number(value: str) -> str:
    # Stored in one form (556677-8899) so that uniqueness and search see one number; an
    # invalid number is left as given for the model's validator to name.
    try:
        return normalize_org_number(value)
    except ValidationError:
        return value


@transaction.atomic
def supplier_create(
    *, name: str, org_number: str, user: Actor, reason: str | None = None, **fields
) -> Supplier:
    """A supplier; the optional fields of SUPPLIER_FIELDS (address, contact…) as keywords."""
    _only(fields, SUPPLIER_FIELDS)
    return _create(
        Supplier, name=name, org_number=_org_number(org_number), user=user, reason=reason, **fields
    )


@transaction.atomic
def supplier_update(
    *, supplier: Supplier, user: Actor, reason: str | None = None, **fields
) -> Supplier:
    if "org_number" in fields:
        fields["org_number"] = _org_number(fields["org_number"])
    return _update(supplier, fields, SUPPLIER_FIELDS, user=user, reason=reason)


@transaction.atomic
def unit_create(
    *, supplier: Supplier, name: str, user: Actor, reason: str | None = None, **fields
) -> Unit:
    """A unit of a supplier; place, IVO permit and closing date as keywords."""
    _only(fields, UNIT_FIELDS)
    return _create(Unit, supplier=supplier, name=name, user=user, reason=reason, **fields)


@transaction.atomic
def unit_update(*, unit: Unit, user: Actor, reason: str | None = None, **fields) -> Unit:
    return _update(unit, fields, UNIT_FIELDS, user=user, reason=reason)


@transaction.atomic
def representative_create(
    *,
    supplier: Supplier,
    name: str,
    role: str,
    valid_from: datetime.date | None = None,
    valid_to: datetime.date | None = None,
    user: Actor,
    reason: str | None = None,
) -> Representative:
    return _create(
        Representative,
        supplier=supplier,
        name=name,
        role=role,
        valid_from=valid_from,
        valid_to=valid_to,
        user=user,
        reason=reason,
    )


@transaction.atomic
def representative_update(
    *, representative: Representative, user: Actor, reason: str | None = None, **fields
) -> Representative:
    return _update(representative, fields, REPRESENTATIVE_FIELDS, user=user, reason=reason)


def _check_units(supplier: Supplier, units: Iterable[Unit]) -> list[Unit]:
    units = list(units)
    if any(u.supplier_id != supplier.pk for u in units):
        raise ValidationError({"units": _("A contract can only serve the supplier's own units.")})
    return units


@transaction.atomic
def contract_create(
    *,
    agreement: FrameworkAgreement,
    supplier: Supplier,
    units: Iterable[Unit] = (),
    rank: int | None = None,
    start_date: datetime.date | None = None,
    user: Actor,
    reason: str | None = None,
) -> Contract:
    """An active contract of a supplier in an agreement, serving some of its units.

    The units can only be joined once the contract has its id, so a contract with units
    has two history rows: created, then its units.
    """
    units = _check_units(supplier, units)
    contract = _create(
        Contract,
        agreement=agreement,
        supplier=supplier,
        rank=rank,
        start_date=start_date,
        user=user,
        reason=reason,
    )
    if units:
        contract.units.set(units)
    return contract


@transaction.atomic
def contract_update(
    *, contract: Contract, user: Actor, reason: str | None = None, **fields
) -> Contract:
    """Change a contract's rank, start date or units, in one history row.

    The edit page refuses ended contracts (ContractUpdateView); the register file may still
    correct them, as it always could.
    """
    _only(fields, CONTRACT_FIELDS)
    if "units" in fields:
        units = _check_units(contract.supplier, fields.pop("units"))
        # The units change without a history row of their own: the save below records
        # them together with the other fields.
        contract.skip_history_when_saving = True
        try:
            contract.units.set(units)
        finally:
            del contract.skip_history_when_saving
    return _update(contract, fields, CONTRACT_FIELDS, user=user, reason=reason)


def _not_negative(amount, placements) -> None:
    # The messages the purchase form shows; the model's own validators say it less plainly.
    errors = {}
    if amount is not None and amount < 0:
        errors["amount"] = _("The amount cannot be negative.")
    if placements is not None and placements < 0:
        errors["placements"] = _("The number of placements cannot be negative.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def purchase_create(
    *,
    supplier: Supplier,
    agreement: FrameworkAgreement,
    month: datetime.date,
    amount: decimal.Decimal,
    unit: Unit | None = None,
    placements: int = 0,
    user: Actor,
    reason: str | None = None,
) -> Purchase:
    """What was bought in a month; the month is stored as its first day."""
    _not_negative(amount, placements)
    return _create(
        Purchase,
        supplier=supplier,
        unit=unit,
        agreement=agreement,
        month=month,
        amount=amount,
        placements=placements,
        user=user,
        reason=reason,
    )


@transaction.atomic
def purchase_update(
    *, purchase: Purchase, user: Actor, reason: str | None = None, **fields
) -> Purchase:
    _not_negative(fields.get("amount"), fields.get("placements"))
    return _update(purchase, fields, PURCHASE_FIELDS, user=user, reason=reason)


@transaction.atomic
def rows_bulk_create(rows: list, *, user: Actor, reason: str | None = None) -> list:
    """Many new rows of one model at once, where one by one would be too slow (the demo's
    generated suppliers, units, representatives and purchases), each with its history row.

    Each row is validated field by field and by the model's clean(); its foreign keys,
    uniqueness and constraints are left to the database, since a query per row is what
    inserting in bulk avoids.
    """
    if not rows:
        return []
    model = type(rows[0])
    relations = [f.name for f in model._meta.fields if f.is_relation]
    for row in rows:
        row.full_clean(exclude=relations, validate_unique=False, validate_constraints=False)
    return bulk_create_with_history(
        rows, model, batch_size=500, default_user=user, default_change_reason=reason
    )
