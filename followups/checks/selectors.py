"""Reads of checks that pages, exports and the API share; all start from visible_to(user)."""

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from followups.models import Check, CheckKind
from followups.models.checks import CONFIDENTIAL_KINDS, sees_confidential_checks
from suppliers.models import Contract, ContractStatus, FrameworkAgreement, Representative, Unit


def check_list(user) -> QuerySet[Check]:
    """Every check the user may see, newest first, with what a list row shows."""
    return Check.objects.visible_to(user).select_related(
        "supplier", "unit", "representative", "agreement", "performed_by"
    )


def check_detail(user, pk: int) -> Check:
    """One check, or Check.DoesNotExist if it does not exist or the user may not see it."""
    return check_list(user).get(pk=pk)


def checks_of(user, obj, limit: int = 20) -> QuerySet[Check]:
    """The latest checks of a supplier, unit or representative that the user may see."""
    field = {"supplier": "supplier", "unit": "unit", "representative": "representative"}[
        obj._meta.model_name
    ]
    return check_list(user).filter(**{field: obj})[:limit]


def recordable_kinds(user) -> list[tuple[str, str]]:
    """The kinds this user may record in the browser (invoice samples have their own pages)."""
    kinds = [(k.value, k.label) for k in CheckKind if k != CheckKind.INVOICE_SAMPLE]
    if not sees_confidential_checks(user):
        kinds = [k for k in kinds if k[0] not in CONFIDENTIAL_KINDS]
    return kinds


@dataclass(frozen=True)
class BulkSubject:
    """One row of the bulk form: what is checked, within which contract."""

    key: str
    contract: Contract
    unit: Unit | None = None
    representative: Representative | None = None

    @property
    def supplier(self):
        return self.contract.supplier

    @property
    def label(self) -> str:
        detail = self.unit or self.representative
        return f"{self.supplier} – {detail}" if detail else str(self.supplier)


def bulk_subjects(agreement: FrameworkAgreement, kind: str, on: datetime.date) -> list[BulkSubject]:
    """The rows for checking a whole agreement at once, in call-off order.

    IVO permits are per unit, so an IVO check has a row per unit the contract serves;
    a criminal-record check has a row per representative in office on the date; other
    kinds have one row per active contract.
    """
    contracts = list(
        agreement.contracts.filter(status=ContractStatus.ACTIVE)
        .select_related("supplier")
        .prefetch_related("units")
        .order_by("rank", "supplier__name", "pk")
    )
    subjects: list[BulkSubject] = []
    if kind == CheckKind.CRIMINAL_RECORD:
        in_office = (
            Representative.objects.filter(supplier__in=[c.supplier_id for c in contracts])
            .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=on))
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
            .order_by("name", "pk")
        )
        reps: dict[int, list[Representative]] = {}
        for rep in in_office:
            reps.setdefault(rep.supplier_id, []).append(rep)
        for contract in contracts:
            for rep in reps.get(contract.supplier_id, []):
                subjects.append(BulkSubject(f"r{rep.pk}", contract, representative=rep))
        return subjects
    for contract in contracts:
        units = [u for u in contract.units.all() if u.closed_on is None or u.closed_on > on]
        if kind == CheckKind.IVO and units:
            for unit in sorted(units, key=lambda u: (u.name, u.pk)):
                subjects.append(BulkSubject(f"c{contract.pk}u{unit.pk}", contract, unit=unit))
        else:
            subjects.append(BulkSubject(f"c{contract.pk}", contract))
    return subjects
