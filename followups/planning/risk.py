"""Risk ranking of agreements and suppliers, with every part of each score shown.

A score is never a bare number: each row carries its parts (factor, raw value, weight,
points), so the board can see why something ranks high. A constant number of aggregate
queries serves any number of agreements and suppliers.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, Max, Q, Sum
from django.utils.translation import gettext_lazy as _

from followups.models import (
    DEFAULT_WEIGHTS,
    Check,
    Deviation,
    Finding,
    FollowUp,
    FollowUpKind,
    FollowUpStatus,
    RiskFactor,
    RiskJudgement,
    RiskWeight,
)
from followups.models.findings import UNRESOLVED, FindingStatus
from suppliers.models import Contract, Exclusion, FrameworkAgreement, Purchase, Supplier
from suppliers.models.agreements import TargetGroup
from suppliers.models.contracts import ContractStatus
from uppfoljning.core.formatting import format_mkr

AGREEMENT = "agreement"
SUPPLIER = "supplier"

# A deviation counts by its severity; a check with a serious result counts double.
SEVERITY_POINTS = {"minor": 1, "significant": 2, "serious": 3}
CHECK_RESULT_POINTS = {"remark": 1, "serious": 2}
# Never followed up counts as this many months: old enough to rank high, but bounded.
MAX_MONTHS = 60
MKR = Decimal("1000000")


@dataclass
class RiskPart:
    code: str
    label: str
    raw: Decimal
    weight: Decimal
    points: Decimal
    note: str = ""

    @property
    def raw_display(self) -> str:
        if self.code == RiskFactor.PURCHASE_VALUE:
            return format_mkr(self.raw * MKR)
        return _decimal(self.raw)

    @property
    def weight_display(self) -> str:
        return _decimal(self.weight)

    @property
    def points_display(self) -> str:
        return _decimal(self.points)


def _decimal(value: Decimal) -> str:
    """Swedish decimal comma, no trailing zeros: 2.50 -> '2,5', 3.0 -> '3'."""
    text = f"{value.normalize():f}" if value else "0"
    return text.replace(".", ",").replace("-", "−")


@dataclass
class RiskRow:
    kind: str
    obj: object
    parts: list = field(default_factory=list)
    judgements: list = field(default_factory=list)
    # An agreement's predecessor, whose history its figures include.
    inherits_from: object = None

    @property
    def judgement_points(self) -> int:
        return sum(j.points for j in self.judgements)

    @property
    def score(self) -> Decimal:
        return sum((p.points for p in self.parts), Decimal(0)) + self.judgement_points

    @property
    def score_display(self) -> str:
        return _decimal(self.score)


def months_between(earlier: datetime.date, later: datetime.date) -> int:
    return max(0, (later.year - earlier.year) * 12 + later.month - earlier.month)


def current_weights() -> dict:
    """The weight of every factor; a factor missing from the table keeps its default."""
    weights = dict(DEFAULT_WEIGHTS)
    weights.update(RiskWeight.objects.values_list("code", "weight"))
    return weights


def _years_back(on: datetime.date, years: int) -> datetime.date:
    try:
        return on.replace(year=on.year - years)
    except ValueError:  # 29 February
        return on.replace(year=on.year - years, day=28)


def risk_ranking(*, on: datetime.date, kind: str = AGREEMENT, agreements=None) -> list[RiskRow]:
    """Every live agreement (or every contracted supplier) with its risk parts, riskiest first.

    `agreements` ranks the given agreements instead of those in force on the day: a yearly
    plan also ranks an agreement that starts later in the plan's year.

    An agreement that replaces another (its `predecessor`, after a new procurement) takes on
    the predecessor's facts as well: the suppliers, their checks and the volumes usually move
    with it, so a new agreement does not start from zero risk.
    """
    if kind not in (AGREEMENT, SUPPLIER):
        raise ValueError(kind)
    weights = current_weights()
    year_ago = _years_back(on, 1)
    two_years_ago = _years_back(on, 2)
    key = "agreement_id" if kind == AGREEMENT else "supplier_id"

    contracts = list(Contract.objects.values("agreement_id", "supplier_id", "status", "ended_on"))
    active = [c for c in contracts if c["status"] == ContractStatus.ACTIVE]
    # For an agreement, facts about a supplier (its checks, its supplier-wide exclusions)
    # count once for each agreement in which the supplier holds an active contract.
    agreements_of = defaultdict(set)
    for c in active:
        agreements_of[c["supplier_id"]].add(c["agreement_id"])

    if kind == AGREEMENT and agreements is not None:
        objects = sorted(agreements, key=lambda a: a.name)
    elif kind == AGREEMENT:
        objects = list(
            FrameworkAgreement.objects.filter(
                Q(option_end_date__gte=on) | Q(option_end_date__isnull=True, end_date__gte=on)
            )
            .select_related("predecessor")
            .order_by("name")
        )
    else:
        ids = {c["supplier_id"] for c in active}
        objects = list(Supplier.objects.filter(pk__in=ids).order_by("name"))

    raw = defaultdict(lambda: defaultdict(Decimal))
    # A predecessor's facts count for the agreements that replace it.
    heirs = defaultdict(list)
    if kind == AGREEMENT:
        for obj in objects:
            if obj.predecessor_id:
                heirs[obj.predecessor_id].append(obj.pk)

    def add(keys, code, value):
        for k in {h for key in keys for h in (key, *heirs.get(key, ()))}:
            raw[k][code] += Decimal(value)

    def keys_of(row):
        """The ranked objects a row of an aggregate belongs to."""
        if kind == SUPPLIER:
            return [row["supplier_id"]]
        if row.get("agreement_id"):
            return [row["agreement_id"]]
        return agreements_of.get(row["supplier_id"], ())

    # Target group: children weigh more. A supplier counts if it serves children anywhere.
    children = set(
        FrameworkAgreement.objects.filter(target_group=TargetGroup.CHILDREN).values_list(
            "pk", flat=True
        )
    )
    for obj in objects:
        if kind == AGREEMENT:
            has_children = obj.pk in children
        else:
            has_children = bool(agreements_of.get(obj.pk, set()) & children)
        raw[obj.pk][RiskFactor.CHILDREN] = Decimal(int(has_children))

    for row in (
        Purchase.objects.filter(month__gt=year_ago, month__lte=on)
        .values(key)
        .annotate(amount=Sum("amount"), placements=Sum("placements"))
    ):
        add([row[key]], RiskFactor.PURCHASE_VALUE, (row["amount"] or 0) / MKR)
        add([row[key]], RiskFactor.PLACEMENTS, row["placements"] or 0)

    for row in (
        Deviation.objects.filter(occurred_on__gt=year_ago, occurred_on__lte=on)
        .values(key, "severity")
        .annotate(n=Count("pk"))
    ):
        add([row[key]], RiskFactor.DEVIATIONS, SEVERITY_POINTS.get(row["severity"], 1) * row["n"])

    check_code = {"ivo": RiskFactor.IVO_REMARKS, "credit": RiskFactor.CREDIT_REMARKS}
    for row in (
        Check.objects.filter(
            kind__in=list(check_code),
            result__in=list(CHECK_RESULT_POINTS),
            performed_on__gt=year_ago,
            performed_on__lte=on,
        )
        .values("supplier_id", "agreement_id", "kind", "result")
        .annotate(n=Count("pk"))
    ):
        add(keys_of(row), check_code[row["kind"]], CHECK_RESULT_POINTS[row["result"]] * row["n"])

    for row in (
        Exclusion.objects.filter(decided_on__gt=two_years_ago, decided_on__lte=on)
        .values("supplier_id", agreement_id=F("contract__agreement_id"))
        .annotate(n=Count("pk"))
    ):
        add(keys_of(row), RiskFactor.EXCLUSIONS, row["n"])

    for c in contracts:
        if (
            c["status"] in (ContractStatus.TERMINATED, ContractStatus.RESCINDED)
            and c["ended_on"]
            and two_years_ago < c["ended_on"] <= on
        ):
            add([c[key]], RiskFactor.TERMINATIONS, 1)

    finding_key = "followup__agreement_id" if kind == AGREEMENT else "supplier_id"
    overdue = Q(status__in=[FindingStatus.OPEN, FindingStatus.FEEDBACK_GIVEN], due_date__lt=on) | Q(
        status=FindingStatus.ACTION_PLAN_RECEIVED, action_plan_deadline__lt=on
    )
    for row in (
        Finding.objects.filter(status__in=UNRESOLVED)
        .values(finding_key)
        .annotate(n=Count("pk"), overdue=Count("pk", filter=overdue))
    ):
        add([row[finding_key]], RiskFactor.OPEN_FINDINGS, row["n"])
        add([row[finding_key]], RiskFactor.OVERDUE_ACTION_PLANS, row["overdue"])

    followup_key = "agreement_id" if kind == AGREEMENT else "suppliers"
    last_followup = dict(
        FollowUp.objects.filter(
            kind__in=[FollowUpKind.SPECIAL, FollowUpKind.IN_DEPTH],
            status=FollowUpStatus.COMPLETED,
            completed_on__lte=on,
        )
        .filter(**{f"{followup_key}__isnull": False})
        .values(followup_key)
        .annotate(last=Max("completed_on"))
        .values_list(followup_key, "last")
    )

    judgements = defaultdict(list)
    for j in RiskJudgement.objects.filter(**{f"{kind}__isnull": False}).select_related(
        "created_by"
    ):
        judgements[getattr(j, key)].append(j)

    rows = []
    for obj in objects:
        predecessor = obj.predecessor if kind == AGREEMENT else None
        dates = [last_followup.get(obj.pk), predecessor and last_followup.get(predecessor.pk)]
        last = max(filter(None, dates), default=None)
        if last:
            months = months_between(last, on)
        elif kind == AGREEMENT:
            # An agreement never followed up has waited since its period (or its
            # predecessor's) began; a new one without a predecessor has not waited at all.
            began = (predecessor or obj).start_date
            months = min(MAX_MONTHS, months_between(began, on) if began < on else 0)
        else:
            months = MAX_MONTHS
        raw[obj.pk][RiskFactor.MONTHS_SINCE_FOLLOWUP] = Decimal(months)
        parts = []
        for code, label in RiskFactor.choices:
            value = raw[obj.pk][code]
            weight = weights[code]
            note = ""
            if code == RiskFactor.MONTHS_SINCE_FOLLOWUP:
                if last:
                    note = last.isoformat()
                elif kind == AGREEMENT:
                    note = _("never; the agreement began %(date)s") % {
                        "date": (predecessor or obj).start_date.isoformat()
                    }
                else:
                    note = _("never")
            parts.append(
                RiskPart(
                    code=code,
                    label=label,
                    raw=value,
                    weight=weight,
                    points=(value * weight).quantize(Decimal("0.1")),
                    note=note,
                )
            )
        rows.append(
            RiskRow(
                kind=kind,
                obj=obj,
                parts=parts,
                judgements=judgements[obj.pk],
                inherits_from=predecessor,
            )
        )
    rows.sort(key=lambda r: (-r.score, str(r.obj)))
    return rows
