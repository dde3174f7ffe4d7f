"""Checks made in a period (IVO reviews, credit checks, invoice samples) for a board's suppliers."""

from dataclasses import dataclass, field

from django.db.models import Count, Max, Q

from followups.models import Check, CheckKind, CheckResult
from reports.periods import Period, months_before
from suppliers.models import Contract


@dataclass
class CheckSummary:
    """Counts of one kind of check in the period; rows only where the report lists them."""

    kind: str
    count: int = 0
    suppliers: int = 0
    ok: int = 0
    remarks: int = 0
    serious: int = 0
    with_remarks: list = field(default_factory=list)
    checks: list = field(default_factory=list)


# Kinds whose every check the report lists (few a year); others are counted only.
LISTED_KINDS = (CheckKind.INVOICE_SAMPLE,)
# Kinds whose checks with a remark the report lists, with what they led to.
REMARKS_LISTED = (CheckKind.IVO,)


def checks_in_period(board, period: Period) -> dict[str, CheckSummary]:
    """Checks of the board's suppliers in the period, by kind (criminal records: counts only).

    Counted in the database: a large municipality records hundreds of thousands of checks.
    """
    board_suppliers = Contract.objects.filter(agreement__board=board).values("supplier_id")
    in_period = Check.objects.filter(
        performed_on__range=(period.start, period.end), supplier_id__in=board_suppliers
    )
    summaries = {kind: CheckSummary(kind) for kind in CheckKind.values}
    # One pass over the period's checks: counts per kind and result, and distinct suppliers.
    counts = in_period.values("kind").annotate(
        n=Count("id"),
        ok=Count("id", filter=Q(result=CheckResult.OK)),
        remarks=Count("id", filter=Q(result=CheckResult.REMARK)),
        serious=Count("id", filter=Q(result=CheckResult.SERIOUS)),
        suppliers=Count("supplier_id", distinct=True),
    )
    for row in counts.order_by():
        summary = summaries[row["kind"]]
        summary.count, summary.suppliers = row["n"], row["suppliers"]
        summary.ok, summary.remarks, summary.serious = row["ok"], row["remarks"], row["serious"]
    # Light rows: the report counts what every remark led to but lists only a few hundred
    # (the annual selector loads those in full). Never a criminal-record check, whatever the
    # kinds above say: the board's documents are public records and give only their counts.
    listed = (
        in_period.visible_to_all()
        .filter(Q(kind__in=LISTED_KINDS) | (Q(kind__in=REMARKS_LISTED) & ~Q(result=CheckResult.OK)))
        .only("pk", "kind", "supplier_id", "unit_id", "performed_on", "result", "summary")
    )
    for check in listed.order_by("performed_on", "pk"):
        summary = summaries[check.kind]
        if check.kind in LISTED_KINDS:
            summary.checks.append(check)
        if check.result != CheckResult.OK:
            summary.with_remarks.append(check)
    for summary in summaries.values():
        if summary.checks:
            full = Check.objects.select_related("supplier", "unit").in_bulk(
                [c.pk for c in summary.checks]
            )
            summary.checks = [full[c.pk] for c in summary.checks]
    return summaries


@dataclass
class IvoControl:
    """Whether every contract of an IVO agreement was checked within the agreement's interval."""

    agreement: object
    contracts: int
    checked_in_time: int

    @property
    def share(self):
        return None if not self.contracts else 100 * self.checked_in_time / self.contracts

    @property
    def sufficient(self) -> bool | None:
        """None when no contract ran at the period's end: nothing to judge."""
        return None if not self.contracts else self.contracts == self.checked_in_time


def ivo_control(agreements, period: Period) -> list[IvoControl]:
    """For each agreement that requires an IVO permit: of its contracts running at the period's
    end, how many had an IVO check within the agreement's check interval before that day.

    Two queries for all agreements: the running contracts, and each supplier's latest IVO check.
    """
    ivo_agreements = [
        row.agreement if hasattr(row, "agreement") else row
        for row in agreements
        if (row.agreement if hasattr(row, "agreement") else row).requires_ivo_permit
    ]
    if not ivo_agreements:
        return []
    running = list(
        Contract.objects.filter(agreement__in=ivo_agreements)
        .filter(
            Q(start_date__isnull=True) | Q(start_date__lte=period.end),
            Q(ended_on__isnull=True) | Q(ended_on__gt=period.end),
        )
        .values_list("agreement_id", "supplier_id")
    )
    earliest = min(months_before(period.end, a.ivo_check_interval_months) for a in ivo_agreements)
    latest = dict(
        Check.objects.filter(
            kind=CheckKind.IVO,
            supplier_id__in={supplier for _agreement, supplier in running},
            performed_on__gt=earliest,
            performed_on__lte=period.end,
        )
        .values("supplier_id")
        .annotate(last=Max("performed_on"))
        .order_by()
        .values_list("supplier_id", "last")
    )
    result = []
    for agreement in ivo_agreements:
        since = months_before(period.end, agreement.ivo_check_interval_months)
        suppliers = [s for a, s in running if a == agreement.pk]
        checked = sum(1 for s in suppliers if latest.get(s) and latest[s] > since)
        result.append(
            IvoControl(agreement=agreement, contracts=len(suppliers), checked_in_time=checked)
        )
    return result
