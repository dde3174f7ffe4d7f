"""Read queries of the register that pages, API, tasks and reports share."""

import datetime
from collections import defaultdict

from django.db.models import Count, F, Max, Min, Prefetch, Q, QuerySet, Sum, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from . import calloff
from .calloff import CallOffStatus, StatusKey
from .models import (
    Contract,
    ContractStatus,
    Exclusion,
    FrameworkAgreement,
    Purchase,
    Supplier,
    Unit,
)


def agreement_list() -> QuerySet[FrameworkAgreement]:
    return (
        FrameworkAgreement.objects.select_related("board", "owner", "predecessor")
        .annotate(
            active_contracts=Count("contracts", filter=Q(contracts__status=ContractStatus.ACTIVE))
        )
        .order_by("name")
    )


def agreement_contracts(agreement: FrameworkAgreement) -> QuerySet[Contract]:
    """The agreement's contracts in call-off order: active first by rank, then ended ones."""
    return (
        agreement.contracts.select_related("supplier")
        .prefetch_related("units")
        .annotate(is_ended=~Q(status=ContractStatus.ACTIVE))
        .order_by("is_ended", "rank", "supplier__name")
    )


def exclusions_active_on(on: datetime.date) -> QuerySet[Exclusion]:
    return Exclusion.objects.active_on(on).select_related("supplier", "contract__agreement")


def agreement_exclusions_active_on(agreement: FrameworkAgreement, on: datetime.date):
    """Exclusions in force for this agreement: of one of its contracts or a whole supplier."""
    supplier_ids = agreement.contracts.values("supplier_id")
    return exclusions_active_on(on).filter(
        Q(contract__agreement=agreement) | Q(contract__isnull=True, supplier_id__in=supplier_ids)
    )


def supplier_detail(pk: int) -> Supplier:
    return Supplier.objects.prefetch_related(
        "units",
        "representatives",
        Prefetch(
            "contracts",
            queryset=Contract.objects.select_related("agreement").prefetch_related("units"),
        ),
        Prefetch(
            "exclusions",
            queryset=Exclusion.objects.select_related("contract__agreement").order_by(
                "-start_date"
            ),
        ),
    ).get(pk=pk)


def supplier_purchase_summary(supplier: Supplier):
    """Purchases per agreement and year: amount and placements."""
    return (
        Purchase.objects.filter(supplier=supplier)
        .values("agreement__name", "month__year")
        .annotate(amount=Sum("amount"), placements=Sum("placements"))
        .order_by("-month__year", "agreement__name")
    )


# --- The call-off status (avropskontroll) --------------------------------------------------


def today() -> datetime.date:
    """Today in the board's time zone (Europe/Stockholm), not UTC."""
    return timezone.localdate()


def call_off_status(*, supplier=None, unit=None, agreement=None, on=None) -> list[CallOffStatus]:
    """May this supplier or unit be used for a call-off on `on` (default today)?

    Give a supplier or a unit; with `agreement` the answer covers that agreement only
    (blocked if there is no contract in it), otherwise every agreement the supplier has a
    contract in (for a unit: contracts that serve it or list no units). Returns one
    CallOffStatus per agreement, ordered by agreement name; the rules are in
    suppliers.calloff. The number of queries does not depend on how many checks,
    exclusions or contracts there are.
    """
    if unit is None and supplier is None:
        raise ValueError("call_off_status needs a supplier or a unit")
    on = on or today()
    if unit is not None:
        supplier = unit.supplier
    if agreement is not None:
        agreements = [agreement]
    else:
        contracts = Contract.objects.filter(supplier=supplier).select_related("agreement")
        if unit is not None:
            contracts = contracts.filter(Q(units=unit) | Q(units__isnull=True)).distinct()
        agreements = sorted({c.agreement for c in contracts}, key=lambda a: (a.name, a.pk))
    keys = [StatusKey(supplier, unit, a) for a in agreements]
    return evaluate_call_off(keys, on=on)


def call_off_order(agreement: FrameworkAgreement, *, on=None) -> list[CallOffStatus]:
    """The agreement's call-off order (avropsordning): its contracts by rank, each with its
    supplier-level status, so the coordinator can take the first clear one."""
    on = on or today()
    contracts = (
        agreement.contracts.select_related("supplier")
        .annotate(is_ended=~Q(status=ContractStatus.ACTIVE))
        .order_by("is_ended", F("rank").asc(nulls_last=True), "supplier__name")
    )
    keys = [StatusKey(c.supplier, None, agreement) for c in contracts]
    return evaluate_call_off(keys, on=on)


def evaluate_call_off(keys: list[StatusKey], *, on: datetime.date) -> list[CallOffStatus]:
    """Evaluate many (supplier, unit, agreement) keys at once in a fixed number of queries."""
    from followups.models import Check, CheckKind

    if not keys:
        return []
    supplier_ids = {k.supplier.pk for k in keys}
    contracts = list(
        Contract.objects.filter(supplier_id__in=supplier_ids)
        .select_related("agreement")
        .prefetch_related("units")
    )
    units_by_supplier: dict[int, list[Unit]] = defaultdict(list)
    for u in Unit.objects.filter(supplier_id__in=supplier_ids).order_by("name", "pk"):
        units_by_supplier[u.supplier_id].append(u)
    exclusions = list(
        Exclusion.objects.active_on(on)
        .filter(supplier_id__in=supplier_ids)
        .order_by("start_date", "pk")
    )
    # The latest check of each kind per supplier and unit, in one query (window function).
    latest_checks = list(
        Check.objects.filter(supplier_id__in=supplier_ids, performed_on__lte=on)
        .exclude(kind=CheckKind.CRIMINAL_RECORD)
        .annotate(
            row=Window(
                RowNumber(),
                partition_by=[F("supplier_id"), F("unit_id"), F("kind")],
                order_by=[F("performed_on").desc(), F("pk").desc()],
            )
        )
        .filter(row=1)
        .select_related("unit")
    )
    context = calloff.EvaluationData(
        contracts=contracts,
        units_by_supplier=units_by_supplier,
        exclusions=exclusions,
        latest_checks=latest_checks,
    )
    results = [calloff.evaluate(key, on=on, data=context) for key in keys]
    calloff.apply_providers(results, on=on)
    return results


def by_purchases(amount, supplier: Supplier) -> tuple:
    """The one order of suppliers by what was bought from them: the largest amount first,
    equal amounts by organisation number, so every page and document breaks a tie alike."""
    return (-(amount or 0), supplier.org_number)


def supplier_purchase_totals(supplier: Supplier):
    """Purchases per agreement over all months: amount, placements, first and last month."""
    return (
        Purchase.objects.filter(supplier=supplier)
        .values("agreement_id", "agreement__name")
        .annotate(
            amount=Sum("amount"),
            placements=Sum("placements"),
            first_month=Min("month"),
            last_month=Max("month"),
        )
        .order_by("-amount", "agreement__name")
    )


def search_suppliers_and_units(text: str, *, limit: int = 10):
    """Suppliers and units whose name contains the text, or whose organisation number
    matches with or without hyphen. Case-insensitive; on PostgreSQL the icontains lookups
    use the trigram indexes of migration 0003."""
    text = (text or "").strip()
    if len(text) < 2:
        return [], []
    q = Q(name__icontains=text)
    digits = "".join(ch for ch in text if ch.isdigit())
    if len(digits) >= 4 and not any(ch.isalpha() for ch in text):
        formatted = f"{digits[:6]}-{digits[6:]}" if len(digits) > 6 else digits
        q |= Q(org_number__icontains=formatted)
    suppliers = list(Supplier.objects.filter(q).order_by("name", "pk")[:limit])
    unit_q = Q(name__icontains=text)
    if len(digits) >= 4 and not any(ch.isalpha() for ch in text):
        unit_q |= Q(supplier__org_number__icontains=formatted)
    units = list(
        Unit.objects.filter(unit_q).select_related("supplier").order_by("name", "pk")[:limit]
    )
    return suppliers, units
