"""The call-off status's result types: levels, reasons, what is evaluated and the answer.

The rules that fill them are in followups.calloff.rules; the queries in .selectors.
"""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass, field
from typing import Any, NamedTuple

from django.utils.translation import gettext_lazy

BLOCKED = "blocked"
CAUTION = "caution"
CLEAR = "clear"
LEVEL_ORDER = {CLEAR: 0, CAUTION: 1, BLOCKED: 2}
LEVEL_LABELS = {
    BLOCKED: gettext_lazy("Blocked"),
    CAUTION: gettext_lazy("Caution"),
    CLEAR: gettext_lazy("Clear"),
}
RECENT_END_MONTHS = 12
# The reasons (of rules.agreement_period and rules.contract_in_force) that say the agreement
# or the contract does not apply on the date at all.
NOT_IN_FORCE_CODES = frozenset(
    {
        "agreement_not_started",
        "agreement_ended",
        "no_contract",
        "contract_not_started",
        "contract_ended",
    }
)


@dataclass(frozen=True)
class Reason:
    """Why a status is blocked or caution: a rule code, its text, date and source."""

    level: str  # BLOCKED or CAUTION
    code: str
    text: str
    date: datetime.date | None = None
    source: str = ""  # what says so, e.g. "Uteslutning SCN-2024-00112"
    source_url: str = ""

    @property
    def level_label(self) -> str:
        return str(LEVEL_LABELS[self.level])

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["date"] = self.date.isoformat() if self.date else None
        data["level_label"] = self.level_label
        return data


class StatusKey(NamedTuple):
    """What is evaluated: a supplier (unit None) or one of its units, within an agreement."""

    supplier: Any
    unit: Any
    agreement: Any


@dataclass
class LatestCheck:
    kind: str
    kind_label: str
    check_id: int
    performed_on: datetime.date
    result: str
    result_label: str
    age_days: int
    summary: str
    reference: str
    unit_name: str = ""

    @classmethod
    def of(cls, check, on: datetime.date) -> LatestCheck:
        return cls(
            kind=check.kind,
            kind_label=str(check.get_kind_display()),
            check_id=check.pk,
            performed_on=check.performed_on,
            result=check.result,
            result_label=str(check.get_result_display()),
            age_days=(on - check.performed_on).days,
            summary=check.summary,
            reference=check.reference,
            unit_name=check.unit.name if check.unit_id else "",
        )

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["performed_on"] = self.performed_on.isoformat()
        return data


@dataclass
class ExclusionInfo:
    exclusion_id: int
    reason: str
    reason_label: str
    description: str
    start_date: datetime.date
    review_date: datetime.date | None
    decision_reference: str
    scope: str  # "supplier" or "contract"
    review_overdue: bool = False

    @classmethod
    def of(cls, exclusion, on: datetime.date) -> ExclusionInfo:
        return cls(
            exclusion_id=exclusion.pk,
            reason=exclusion.reason,
            reason_label=str(exclusion.get_reason_display()),
            description=exclusion.description,
            start_date=exclusion.start_date,
            review_date=exclusion.review_date,
            decision_reference=exclusion.decision_reference,
            scope="contract" if exclusion.contract_id else "supplier",
            review_overdue=exclusion.review_overdue_on(on),
        )

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["start_date"] = self.start_date.isoformat()
        data["review_date"] = self.review_date.isoformat() if self.review_date else None
        return data


@dataclass
class CallOffStatus:
    """The status of one supplier or unit within one agreement on one date."""

    key: StatusKey
    on: datetime.date
    contract: Any = None
    reasons: list[Reason] = field(default_factory=list)
    latest_checks: list[LatestCheck] = field(default_factory=list)
    exclusions: list[ExclusionInfo] = field(default_factory=list)

    @property
    def supplier(self):
        return self.key.supplier

    @property
    def unit(self):
        return self.key.unit

    @property
    def agreement(self):
        return self.key.agreement

    @property
    def in_force(self) -> bool:
        """The agreement and the supplier's contract in it apply on the date; otherwise the
        page folds the status away, below those that do."""
        return not any(r.code in NOT_IN_FORCE_CODES for r in self.reasons)

    @property
    def rank(self):
        return self.contract.rank if self.contract else None

    @property
    def level(self) -> str:
        if not self.reasons:
            return CLEAR
        return max((r.level for r in self.reasons), key=LEVEL_ORDER.__getitem__)

    @property
    def level_label(self) -> str:
        return str(LEVEL_LABELS[self.level])

    @property
    def blocked_reasons(self) -> list[Reason]:
        return [r for r in self.reasons if r.level == BLOCKED]

    @property
    def caution_reasons(self) -> list[Reason]:
        return [r for r in self.reasons if r.level == CAUTION]

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready answer; the API returns it and a PlacementCheck freezes it."""
        supplier, unit, agreement = self.key
        return {
            "date": self.on.isoformat(),
            "level": self.level,
            "level_label": self.level_label,
            "supplier": {
                "id": supplier.pk,
                "name": supplier.name,
                "org_number": supplier.org_number,
            },
            "unit": {"id": unit.pk, "name": unit.name} if unit else None,
            "agreement": {
                "id": agreement.pk,
                "name": agreement.name,
                "reference": agreement.reference,
            },
            "contract": (
                {
                    "id": self.contract.pk,
                    "rank": self.contract.rank,
                    "status": self.contract.status,
                    "status_label": str(self.contract.get_status_display()),
                }
                if self.contract
                else None
            ),
            "reasons": [r.as_dict() for r in self.reasons],
            "latest_checks": [c.as_dict() for c in self.latest_checks],
            "exclusions": [e.as_dict() for e in self.exclusions],
        }
