"""The risk factors: one collector per factor, each giving its raw value for every ranked object.

A collector reads the `Ranking` (the day, whether agreements or suppliers are ranked, the
ranked objects and the queries that factors share) and returns a `Tally`: its factor's raw
value, and where it helps a note, per object id. `COLLECTORS` lists them in the order of
`RiskFactor`, the order of the parts on the page. Each collector makes at most one aggregate
query; factors that read the same rows (purchase value and placements, IVO and credit checks,
open and overdue findings) share theirs, made once per ranking. So a ranking takes the same
few queries for any number of agreements and suppliers.
"""

import datetime
from collections import defaultdict
from decimal import Decimal
from functools import cached_property

from django.db.models import Count, F, Max, Q, Sum
from django.utils.translation import gettext_lazy as _

from followups.models import (
    Check,
    Deviation,
    Finding,
    FollowUp,
    FollowUpKind,
    FollowUpStatus,
    RiskFactor,
)
from followups.models.findings import UNRESOLVED, FindingStatus
from suppliers.models import Contract, Exclusion, FrameworkAgreement, Purchase, Supplier
from suppliers.models.agreements import TargetGroup
from suppliers.models.contracts import ContractStatus

AGREEMENT = "agreement"
SUPPLIER = "supplier"

# A deviation counts by its severity; a check with a serious result counts double.
SEVERITY_POINTS = {"minor": 1, "significant": 2, "serious": 3}
CHECK_RESULT_POINTS = {"remark": 1, "serious": 2}
# Never followed up counts as this many months: old enough to rank high, but bounded.
MAX_MONTHS = 60
MKR = Decimal("1000000")
# The kinds of check whose remarks count, each as its own factor.
CHECK_KINDS = ("ivo", "credit")


def months_between(earlier: datetime.date, later: datetime.date) -> int:
    return max(0, (later.year - earlier.year) * 12 + later.month - earlier.month)


def _years_back(on: datetime.date, years: int) -> datetime.date:
    try:
        return on.replace(year=on.year - years)
    except ValueError:  # 29 February
        return on.replace(year=on.year - years, day=28)


class Tally:
    """One factor's raw values (and notes) by object id.

    An agreement that replaces another (its `predecessor`, after a new procurement) takes on
    the predecessor's facts as well: the suppliers, their checks and the volumes usually move
    with it, so a new agreement does not start from zero risk. `add` does that; `set` gives
    an object's own value only.
    """

    def __init__(self, heirs: dict):
        self.heirs = heirs
        self.values = defaultdict(Decimal)
        self.notes = {}

    def add(self, keys, value) -> None:
        for k in {h for key in keys for h in (key, *self.heirs.get(key, ()))}:
            self.values[k] += Decimal(value)

    def set(self, key, value, note: str = "") -> None:
        self.values[key] = Decimal(value)
        if note:
            self.notes[key] = note


class Ranking:
    """What the collectors of one ranking share: the day, the ranked objects, the contracts,
    and the aggregate queries that more than one factor reads (each made once, when first
    read)."""

    def __init__(self, *, kind: str, on: datetime.date, agreements=None):
        self.kind = kind
        self.on = on
        self.year_ago = _years_back(on, 1)
        self.two_years_ago = _years_back(on, 2)
        # The field that names the ranked object in a row of an aggregate.
        self.key = "agreement_id" if kind == AGREEMENT else "supplier_id"
        self.finding_key = "followup__agreement_id" if kind == AGREEMENT else "supplier_id"
        self.contracts = list(
            Contract.objects.values("agreement_id", "supplier_id", "status", "ended_on")
        )
        active = [c for c in self.contracts if c["status"] == ContractStatus.ACTIVE]
        # For an agreement, facts about a supplier (its checks, its supplier-wide exclusions)
        # count once for each agreement in which the supplier holds an active contract.
        self.agreements_of = defaultdict(set)
        for c in active:
            self.agreements_of[c["supplier_id"]].add(c["agreement_id"])
        if kind == AGREEMENT and agreements is not None:
            self.objects = sorted(agreements, key=lambda a: a.name)
        elif kind == AGREEMENT:
            self.objects = list(
                FrameworkAgreement.objects.filter(
                    Q(option_end_date__gte=on) | Q(option_end_date__isnull=True, end_date__gte=on)
                )
                .select_related("predecessor")
                .order_by("name")
            )
        else:
            ids = {c["supplier_id"] for c in active}
            self.objects = list(Supplier.objects.filter(pk__in=ids).order_by("name"))
        # A predecessor's facts count for the agreements that replace it.
        self.heirs = defaultdict(list)
        if kind == AGREEMENT:
            for obj in self.objects:
                if obj.predecessor_id:
                    self.heirs[obj.predecessor_id].append(obj.pk)

    def tally(self) -> Tally:
        return Tally(self.heirs)

    def keys_of(self, row):
        """The ranked objects a row of an aggregate belongs to."""
        if self.kind == SUPPLIER:
            return [row["supplier_id"]]
        if row.get("agreement_id"):
            return [row["agreement_id"]]
        return self.agreements_of.get(row["supplier_id"], ())

    def predecessor(self, obj):
        return obj.predecessor if self.kind == AGREEMENT else None

    @cached_property
    def purchases(self) -> list[dict]:
        return list(
            Purchase.objects.filter(month__gt=self.year_ago, month__lte=self.on)
            .values(self.key)
            .annotate(amount=Sum("amount"), placements=Sum("placements"))
        )

    @cached_property
    def checks(self) -> list[dict]:
        """Checks with remarks in the last twelve months, by supplier, agreement, kind and
        result."""
        return list(
            Check.objects.filter(
                kind__in=list(CHECK_KINDS),
                result__in=list(CHECK_RESULT_POINTS),
                performed_on__gt=self.year_ago,
                performed_on__lte=self.on,
            )
            .values("supplier_id", "agreement_id", "kind", "result")
            .annotate(n=Count("pk"))
        )

    @cached_property
    def findings(self) -> list[dict]:
        """Unresolved findings, and how many of them are overdue, by `finding_key`."""
        overdue = Q(
            status__in=[FindingStatus.OPEN, FindingStatus.FEEDBACK_GIVEN], due_date__lt=self.on
        ) | Q(status=FindingStatus.ACTION_PLAN_RECEIVED, action_plan_deadline__lt=self.on)
        return list(
            Finding.objects.filter(status__in=UNRESOLVED)
            .values(self.finding_key)
            .annotate(n=Count("pk"), overdue=Count("pk", filter=overdue))
        )


# --- The collectors, one per factor -------------------------------------------------------


def children(r: Ranking) -> Tally:
    """Target group: children weigh more. A supplier counts if it serves children anywhere."""
    tally = r.tally()
    if r.kind == AGREEMENT:
        for obj in r.objects:
            tally.set(obj.pk, int(obj.target_group == TargetGroup.CHILDREN))
        return tally
    served = set(
        FrameworkAgreement.objects.filter(target_group=TargetGroup.CHILDREN).values_list(
            "pk", flat=True
        )
    )
    for obj in r.objects:
        tally.set(obj.pk, int(bool(r.agreements_of.get(obj.pk, set()) & served)))
    return tally


def purchase_value(r: Ranking) -> Tally:
    tally = r.tally()
    for row in r.purchases:
        tally.add([row[r.key]], (row["amount"] or 0) / MKR)
    return tally


def placements(r: Ranking) -> Tally:
    tally = r.tally()
    for row in r.purchases:
        tally.add([row[r.key]], row["placements"] or 0)
    return tally


def deviations(r: Ranking) -> Tally:
    tally = r.tally()
    for row in (
        Deviation.objects.filter(occurred_on__gt=r.year_ago, occurred_on__lte=r.on)
        .values(r.key, "severity")
        .annotate(n=Count("pk"))
    ):
        tally.add([row[r.key]], SEVERITY_POINTS.get(row["severity"], 1) * row["n"])
    return tally


def _check_remarks(kind: str):
    def collect(r: Ranking) -> Tally:
        tally = r.tally()
        for row in r.checks:
            if row["kind"] == kind:
                tally.add(r.keys_of(row), CHECK_RESULT_POINTS[row["result"]] * row["n"])
        return tally

    collect.__name__ = f"{kind}_remarks"
    return collect


def exclusions(r: Ranking) -> Tally:
    tally = r.tally()
    for row in (
        Exclusion.objects.filter(decided_on__gt=r.two_years_ago, decided_on__lte=r.on)
        .values("supplier_id", agreement_id=F("contract__agreement_id"))
        .annotate(n=Count("pk"))
    ):
        tally.add(r.keys_of(row), row["n"])
    return tally


def terminations(r: Ranking) -> Tally:
    tally = r.tally()
    for c in r.contracts:
        if (
            c["status"] in (ContractStatus.TERMINATED, ContractStatus.RESCINDED)
            and c["ended_on"]
            and r.two_years_ago < c["ended_on"] <= r.on
        ):
            tally.add([c[r.key]], 1)
    return tally


def open_findings(r: Ranking) -> Tally:
    tally = r.tally()
    for row in r.findings:
        tally.add([row[r.finding_key]], row["n"])
    return tally


def overdue_action_plans(r: Ranking) -> Tally:
    tally = r.tally()
    for row in r.findings:
        tally.add([row[r.finding_key]], row["overdue"])
    return tally


def months_since_followup(r: Ranking) -> Tally:
    """Months since the last completed special or in-depth follow-up (the predecessor's
    counts too); the note gives its date, or why there is none."""
    key = "agreement_id" if r.kind == AGREEMENT else "suppliers"
    last_followup = dict(
        FollowUp.objects.filter(
            kind__in=[FollowUpKind.SPECIAL, FollowUpKind.IN_DEPTH],
            status=FollowUpStatus.COMPLETED,
            completed_on__lte=r.on,
        )
        .filter(**{f"{key}__isnull": False})
        .values(key)
        .annotate(last=Max("completed_on"))
        .values_list(key, "last")
    )
    tally = r.tally()
    for obj in r.objects:
        predecessor = r.predecessor(obj)
        dates = [last_followup.get(obj.pk), predecessor and last_followup.get(predecessor.pk)]
        last = max(filter(None, dates), default=None)
        if last:
            tally.set(obj.pk, months_between(last, r.on), last.isoformat())
        elif r.kind == AGREEMENT:
            # An agreement never followed up has waited since its period (or its
            # predecessor's) began; a new one without a predecessor has not waited at all.
            began = (predecessor or obj).start_date
            months = min(MAX_MONTHS, months_between(began, r.on) if began < r.on else 0)
            note = _("never; the agreement began %(date)s") % {"date": began.isoformat()}
            tally.set(obj.pk, months, note)
        else:
            tally.set(obj.pk, MAX_MONTHS, _("never"))
    return tally


# Every factor's collector, in the order of RiskFactor (the order of the parts on the page).
COLLECTORS = {
    RiskFactor.CHILDREN: children,
    RiskFactor.PURCHASE_VALUE: purchase_value,
    RiskFactor.PLACEMENTS: placements,
    RiskFactor.DEVIATIONS: deviations,
    RiskFactor.IVO_REMARKS: _check_remarks("ivo"),
    RiskFactor.CREDIT_REMARKS: _check_remarks("credit"),
    RiskFactor.EXCLUSIONS: exclusions,
    RiskFactor.TERMINATIONS: terminations,
    RiskFactor.OPEN_FINDINGS: open_findings,
    RiskFactor.OVERDUE_ACTION_PLANS: overdue_action_plans,
    RiskFactor.MONTHS_SINCE_FOLLOWUP: months_since_followup,
}
