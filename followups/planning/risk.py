"""Risk ranking of agreements and suppliers, with every part of each score shown.

A score is never a bare number: each row carries its parts (factor, raw value, weight,
points), so the board can see why something ranks high. The raw values come from one
collector per factor (`risk_factors.COLLECTORS`); a constant number of aggregate queries
serves any number of agreements and suppliers.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from followups.models import DEFAULT_WEIGHTS, RiskFactor, RiskJudgement, RiskWeight
from uppfoljning.core.formatting import format_mkr

from .risk_factors import AGREEMENT, COLLECTORS, MKR, SUPPLIER, Ranking
from .risk_factors import MAX_MONTHS as MAX_MONTHS  # part of this module's interface


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


def current_weights() -> dict:
    """The weight of every factor; a factor missing from the table keeps its default."""
    weights = dict(DEFAULT_WEIGHTS)
    weights.update(RiskWeight.objects.values_list("code", "weight"))
    return weights


def risk_ranking(*, on: datetime.date, kind: str = AGREEMENT, agreements=None) -> list[RiskRow]:
    """Every live agreement (or every contracted supplier) with its risk parts, riskiest first.

    `agreements` ranks the given agreements instead of those in force on the day: a yearly
    plan also ranks an agreement that starts later in the plan's year.

    An agreement that replaces another (its `predecessor`, after a new procurement) takes on
    the predecessor's facts as well (see `risk_factors.Tally`).
    """
    if kind not in (AGREEMENT, SUPPLIER):
        raise ValueError(kind)
    weights = current_weights()
    ranking = Ranking(kind=kind, on=on, agreements=agreements)
    tallies = {code: collect(ranking) for code, collect in COLLECTORS.items()}
    judgements = defaultdict(list)
    for j in RiskJudgement.objects.filter(**{f"{kind}__isnull": False}).select_related(
        "created_by"
    ):
        judgements[getattr(j, ranking.key)].append(j)

    rows = []
    for obj in ranking.objects:
        parts = []
        for code, label in RiskFactor.choices:
            tally = tallies[code]
            value = tally.values[obj.pk]
            parts.append(
                RiskPart(
                    code=code,
                    label=label,
                    raw=value,
                    weight=weights[code],
                    points=(value * weights[code]).quantize(Decimal("0.1")),
                    note=tally.notes.get(obj.pk, ""),
                )
            )
        rows.append(
            RiskRow(
                kind=kind,
                obj=obj,
                parts=parts,
                judgements=judgements[obj.pk],
                inherits_from=ranking.predecessor(obj),
            )
        )
    rows.sort(key=lambda r: (-r.score, str(r.obj)))
    return rows
