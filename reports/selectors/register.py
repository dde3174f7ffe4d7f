"""Register figures for a period: agreements, ended contracts and exclusions per agreement."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Q

from reports.periods import Period
from suppliers.models import (
    Contract,
    ContractStatus,
    Exclusion,
    ExclusionReason,
    FrameworkAgreement,
)


@dataclass
class ReasonCount:
    label: str
    count: int


@dataclass
class AgreementYear:
    """One framework agreement's register events in the period."""

    agreement: FrameworkAgreement
    suppliers_at_end: int = 0
    terminations: list = field(default_factory=list)  # Contract rows
    rescissions: list = field(default_factory=list)
    expirations: list = field(default_factory=list)
    exclusions: list = field(default_factory=list)  # Exclusion rows started in the period

    @property
    def option_end(self):
        return self.agreement.option_end_date

    @staticmethod
    def _by_reason(rows, label) -> list[ReasonCount]:
        counts = Counter(label(r) for r in rows)
        return [
            ReasonCount(k, v) for k, v in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        ]

    @property
    def terminations_by_reason(self):
        return self._by_reason(self.terminations, lambda c: c.get_end_reason_display() or "–")

    @property
    def rescissions_by_reason(self):
        return self._by_reason(self.rescissions, lambda c: c.get_end_reason_display() or "–")

    @property
    def exclusions_by_reason(self):
        return self._by_reason(self.exclusions, lambda e: e.get_reason_display())

    @property
    def excluded_suppliers(self) -> int:
        return len({e.supplier_id for e in self.exclusions})

    @property
    def economic_exclusions(self):
        return [e for e in self.exclusions if e.reason == ExclusionReason.WEAK_ECONOMY]

    @property
    def economic_terminations(self):
        return [c for c in self.terminations + self.rescissions if c.end_reason == "economy"]

    @property
    def has_events(self) -> bool:
        return bool(self.terminations or self.rescissions or self.exclusions)


def agreements_in_period(board, period: Period) -> list[AgreementYear]:
    """The board's agreements running some time in the period, with that period's events.

    Four queries whatever the number of agreements, contracts or exclusions.
    """
    agreements = list(
        FrameworkAgreement.objects.filter(board=board, start_date__lte=period.end)
        .filter(
            Q(option_end_date__gte=period.start)
            | Q(option_end_date__isnull=True, end_date__gte=period.start)
        )
        .order_by("name")
    )
    rows = {a.pk: AgreementYear(agreement=a) for a in agreements}
    # Plain values for the many running contracts; model rows only for the few that ended.
    contracts = Contract.objects.filter(agreement__in=agreements).values_list(
        "pk", "agreement_id", "supplier_id", "start_date", "ended_on"
    )
    # Supplier-wide exclusions count in every agreement the supplier had a running contract in.
    supplier_agreements = defaultdict(set)
    contract_agreement = {}
    for pk, agreement_id, supplier_id, start_date, ended_on in contracts.iterator(chunk_size=5000):
        contract_agreement[pk] = agreement_id
        started = start_date is None or start_date <= period.end
        if started and (ended_on is None or ended_on > period.end):
            rows[agreement_id].suppliers_at_end += 1
        if ended_on is None or ended_on >= period.start:
            supplier_agreements[supplier_id].add(agreement_id)
    ended = (
        Contract.objects.filter(
            agreement__in=agreements, ended_on__range=(period.start, period.end)
        )
        .select_related("supplier")
        .order_by("ended_on", "pk")
    )
    for c in ended:
        target = {
            ContractStatus.TERMINATED: rows[c.agreement_id].terminations,
            ContractStatus.RESCINDED: rows[c.agreement_id].rescissions,
            ContractStatus.EXPIRED: rows[c.agreement_id].expirations,
        }.get(c.status)
        if target is not None:
            target.append(c)
    exclusions = (
        Exclusion.objects.filter(start_date__range=(period.start, period.end))
        .filter(Q(contract__agreement__in=agreements) | Q(contract__isnull=True))
        .only("pk", "supplier_id", "contract_id", "reason", "start_date")
        .order_by("start_date", "pk")
    )
    for e in exclusions:
        if e.contract_id:
            targets = [contract_agreement.get(e.contract_id)]
        else:
            targets = supplier_agreements.get(e.supplier_id) or ()
        for agreement_id in targets:
            if agreement_id in rows:
                rows[agreement_id].exclusions.append(e)
    return list(rows.values())
