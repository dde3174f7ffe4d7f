"""Read queries of the register that pages, API, tasks and reports share."""

import datetime

from django.db.models import Count, Max, Min, Prefetch, Q, QuerySet, Sum

from .models import (
    Contract,
    ContractStatus,
    Exclusion,
    FrameworkAgreement,
    Purchase,
    Supplier,
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
