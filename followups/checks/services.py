"""Recording checks: one at a time or a whole agreement at once, always with history."""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from followups.models import Check, CheckKind
from followups.models.checks import ALL_KIND_FIELDS, KIND_FIELDS
from suppliers.models import FrameworkAgreement, Representative, Supplier, Unit
from uppfoljning.core.errors import DomainError
from uppfoljning.core.services import save_with_history


class BulkCheckError(DomainError):
    """Some rows of a bulk recording are invalid; nothing was saved.

    `row_errors` maps the row's index to its ValidationError.
    """

    def __init__(self, row_errors: dict[int, ValidationError]):
        self.row_errors = row_errors
        super().__init__(_("Nothing was saved. Correct the rows marked below."))


@dataclass
class CheckRow:
    """What one row of a bulk recording says about one subject."""

    supplier: Supplier
    result: str
    unit: Unit | None = None
    representative: Representative | None = None
    summary: str = ""
    reference: str = ""
    details: dict = field(default_factory=dict)


def _build(
    *,
    kind: str,
    supplier: Supplier | None,
    unit: Unit | None,
    representative: Representative | None,
    agreement: FrameworkAgreement | None,
    performed_on: datetime.date,
    performed_by,
    result: str,
    summary: str,
    reference: str,
    details: dict,
) -> Check:
    """An unsaved, fully validated check; raises ValidationError with Swedish messages."""
    if supplier is None:
        supplier = (unit or representative).supplier if (unit or representative) else None
    if supplier is None:
        raise DomainError(_("Choose the supplier, unit or representative that was checked."))
    if performed_on > timezone.localdate():
        raise DomainError({"performed_on": _("A check cannot be dated in the future.")})
    unknown = set(details) - set(KIND_FIELDS.get(kind, ()))
    if unknown:
        raise DomainError(_("This field is not recorded for this kind of check."))
    check = Check(
        kind=kind,
        supplier=supplier,
        unit=unit,
        representative=representative,
        agreement=agreement,
        performed_on=performed_on,
        performed_by=performed_by,
        result=result,
        summary=(summary or "").strip(),
        reference=(reference or "").strip(),
        **details,
    )
    check.full_clean()
    return check


@transaction.atomic
def check_record(
    *,
    kind: str,
    performed_on: datetime.date,
    performed_by,
    result: str,
    supplier: Supplier | None = None,
    unit: Unit | None = None,
    representative: Representative | None = None,
    agreement: FrameworkAgreement | None = None,
    summary: str = "",
    reference: str = "",
    details: dict | None = None,
    user=None,
) -> Check:
    """Record one check of a supplier, unit or representative."""
    check = _build(
        kind=kind,
        supplier=supplier,
        unit=unit,
        representative=representative,
        agreement=agreement,
        performed_on=performed_on,
        performed_by=performed_by,
        result=result,
        summary=summary,
        reference=reference,
        details=details or {},
    )
    return save_with_history(check, user=user, reason=_("Check recorded"), validate=False)


@transaction.atomic
def check_record_many(
    *,
    kind: str,
    agreement: FrameworkAgreement,
    performed_on: datetime.date,
    performed_by,
    rows: list[CheckRow | None],
    user=None,
) -> list[Check]:
    """Record a check of many subjects in one agreement: all rows are saved, or none.

    `rows` keeps the positions of the form's rows (None for a row left empty), so that
    errors point at the row the user sees.
    """
    built: list[Check] = []
    errors: dict[int, ValidationError] = {}
    for index, row in enumerate(rows):
        if row is None:
            continue
        try:
            built.append(
                _build(
                    kind=kind,
                    supplier=row.supplier,
                    unit=row.unit,
                    representative=row.representative,
                    agreement=agreement,
                    performed_on=performed_on,
                    performed_by=performed_by,
                    result=row.result,
                    summary=row.summary,
                    reference=row.reference,
                    details=row.details,
                )
            )
        except ValidationError as exc:
            errors[index] = exc
    if errors:
        raise BulkCheckError(errors)
    if not built:
        raise DomainError(_("Fill in at least one row; empty rows are skipped."))
    reason = _("Check recorded for the whole agreement")
    return [save_with_history(check, user=user, reason=reason, validate=False) for check in built]


@transaction.atomic
def check_update(*, check: Check, data: dict, user=None) -> Check:
    """Correct a recorded check; the kind and the subject's supplier stay as they were."""
    check = Check.objects.select_for_update().get(pk=check.pk)
    editable = {"unit", "representative", "agreement", "performed_on", "result", "summary"}
    editable |= {"reference", *ALL_KIND_FIELDS}
    for name, value in data.items():
        if name not in editable:
            raise DomainError(_("This field cannot be changed."))
        setattr(check, name, value.strip() if isinstance(value, str) else value)
    if check.performed_on > timezone.localdate():
        raise DomainError({"performed_on": _("A check cannot be dated in the future.")})
    check.full_clean()
    return save_with_history(check, user=user, reason=_("Check corrected"), validate=False)


def is_criminal_record(kind: str) -> bool:
    return kind == CheckKind.CRIMINAL_RECORD
