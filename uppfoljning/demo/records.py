"""The demo plan's rows: plain data that `loader` turns into model instances."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from . import content as c


@dataclass
class UnitPlan:
    name: str
    place: str
    ivo_permit_status: str = "valid"
    ivo_permit_reference: str = ""
    closed_on: datetime.date | None = None


@dataclass
class RepresentativePlan:
    name: str
    role: str
    valid_from: datetime.date | None = None


@dataclass
class SupplierPlan:
    key: str
    name: str
    org_number: str
    city: str
    notes: str
    units: list[UnitPlan] = field(default_factory=list)
    representatives: list[RepresentativePlan] = field(default_factory=list)
    named: bool = False

    def unit(self, name: str) -> UnitPlan:
        return next(u for u in self.units if u.name == name)


@dataclass
class ContractPlan:
    agreement: str  # agreement reference
    supplier: str  # supplier key
    units: list[str]
    rank: int
    start_date: datetime.date


@dataclass
class ContractEndPlan:
    agreement: str
    supplier: str
    status: str
    ended_on: datetime.date
    reason: str
    decision_reference: str
    note: str


@dataclass
class ExclusionPlan:
    supplier: str
    agreement: str | None  # None: all of the supplier's contracts
    reason: str
    description: str
    decided_by: str
    decided_on: datetime.date
    decision_reference: str
    start_date: datetime.date
    review_date: datetime.date | None
    lifted_on: datetime.date | None = None
    lift_reference: str = ""
    lift_note: str = ""
    lift_reason: str = "remedied"


@dataclass
class PurchasePlan:
    supplier: str
    unit: str
    agreement: str
    month: datetime.date
    amount: Decimal
    placements: int


@dataclass
class CheckPlan:
    kind: str
    supplier: str
    performed_on: datetime.date
    result: str
    reference: str
    unit: str = ""
    representative: str = ""
    agreement: str = ""
    summary: str = ""
    extra: dict = field(default_factory=dict)


@dataclass
class Plan:
    agreements: list[c.AgreementSpec]
    suppliers: dict[str, SupplierPlan]
    contracts: list[ContractPlan]
    contract_ends: list[ContractEndPlan]
    exclusions: list[ExclusionPlan]
    purchases: list[PurchasePlan]
    checks: list[CheckPlan]
