"""Checks made in a period (IVO reviews, credit checks, invoice samples) for a board's suppliers."""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Q

from followups.models import Check, CheckKind, CheckResult
from reports.periods import Period, months_before
from suppliers.models import Contract


@dataclass
class CheckSummary:
    kind: str
    checks: list = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.checks)

    @property
    def suppliers(self) -> int:
        return len({c.supplier_id for c in self.checks})

    def _results(self):
        return Counter(c.result for c in self.checks)

    @property
    def ok(self) -> int:
        return self._results()[CheckResult.OK]

    @property
    def remarks(self) -> int:
        return self._results()[CheckResult.REMARK]

    @property
    def serious(self) -> int:
        return self._results()[CheckResult.SERIOUS]

    @property
    def dates(self) -> list:
        return sorted({c.performed_on for c in self.checks})

    @property
    def with_remarks(self) -> list:
        return [c for c in self.checks if c.result != CheckResult.OK]


def checks_in_period(board, period: Period) -> dict[str, CheckSummary]:
    """Checks of the board's suppliers in the period, by kind (criminal records: outcome only)."""
    rows = (
        Check.objects.filter(
            performed_on__range=(period.start, period.end),
            supplier__contracts__agreement__board=board,
        )
        .select_related("supplier", "unit", "agreement")
        .distinct()
        .order_by("performed_on", "pk")
    )
    summaries = {kind: CheckSummary(kind) for kind in CheckKind.values}
    for check in rows:
        summaries[check.kind].checks.append(check)
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
    end, how many had an IVO check within the agreement's check interval before that day."""
    result = []
    for row in agreements:
        agreement = row.agreement if hasattr(row, "agreement") else row
        if not agreement.requires_ivo_permit:
            continue
        since = months_before(period.end, agreement.ivo_check_interval_months)
        contracts = Contract.objects.filter(agreement=agreement).filter(
            Q(start_date__isnull=True) | Q(start_date__lte=period.end),
            Q(ended_on__isnull=True) | Q(ended_on__gt=period.end),
        )
        checked = set(
            Check.objects.filter(
                kind=CheckKind.IVO,
                supplier__in=contracts.values("supplier"),
                performed_on__gt=since,
                performed_on__lte=period.end,
            ).values_list("supplier_id", flat=True)
        )
        supplier_ids = list(contracts.values_list("supplier_id", flat=True))
        result.append(
            IvoControl(
                agreement=agreement,
                contracts=len(supplier_ids),
                checked_in_time=sum(1 for s in supplier_ids if s in checked),
            )
        )
    return result
