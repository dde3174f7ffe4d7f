"""The rows the call-off rules read, loaded once for every key evaluated on one date.

`selectors.evaluate_call_off` fills a Snapshot in a fixed number of queries; the rules in
`rules.py` only look things up in it, so they can be tested on a Snapshot built in memory
(unsaved model instances with their pk set, no database).

What the loader has already narrowed to the date, so the rules need not: exclusions in
force on it, the latest check of each kind per supplier and unit performed on or before it
(criminal-record checks never), event-driven follow-ups open on it, and unresolved findings
that are serious or whose deadline has passed.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from .types import StatusKey


class OpenFollowUp(NamedTuple):
    """An event-driven follow-up open on the date, for one of its suppliers."""

    pk: int
    title: str
    supplier_id: int
    agreement_id: int
    started_on: datetime.date | None
    planned_start: datetime.date | None


class OpenFinding(NamedTuple):
    """An unresolved finding of a follow-up in an agreement: serious, or past its deadline."""

    pk: int
    supplier_id: int
    agreement_id: int
    followup_title: str
    severity: str
    status: str
    due_date: datetime.date | None
    action_plan_deadline: datetime.date | None


@dataclass
class Snapshot:
    on: datetime.date
    contracts: list = field(default_factory=list)  # every contract of the suppliers
    served_units: dict[int, list] = field(default_factory=dict)  # contract pk → listed units
    units_by_supplier: dict[int, list] = field(default_factory=dict)  # by name
    exclusions: list = field(default_factory=list)  # in force, by start date
    checks: list = field(default_factory=list)  # latest per supplier, unit and kind
    followups: list[OpenFollowUp] = field(default_factory=list)  # by pk
    findings: list[OpenFinding] = field(default_factory=list)  # by pk

    def __post_init__(self):
        self._contract_by_pair: dict[tuple[int, int], Any] = {}
        self._contracts_by_supplier: dict[int, list] = {}
        for c in self.contracts:
            self._contract_by_pair[(c.supplier_id, c.agreement_id)] = c
            self._contracts_by_supplier.setdefault(c.supplier_id, []).append(c)
        self._checks_by_supplier: dict[int, list] = {}
        for check in self.checks:
            self._checks_by_supplier.setdefault(check.supplier_id, []).append(check)

    def contract_for(self, key: StatusKey):
        """The supplier's contract in the key's agreement, or None."""
        return self._contract_by_pair.get((key.supplier.pk, key.agreement.pk))

    def contracts_of(self, supplier) -> list:
        return self._contracts_by_supplier.get(supplier.pk, [])

    def served_by(self, contract) -> list:
        """The units a contract lists (none listed: it serves all the supplier's units)."""
        return self.served_units.get(contract.pk, []) if contract is not None else []

    def units_of(self, supplier) -> list:
        return self.units_by_supplier.get(supplier.pk, [])

    def checks_of(self, supplier) -> list:
        return self._checks_by_supplier.get(supplier.pk, [])

    def exclusions_for(self, key: StatusKey) -> list:
        """Exclusions in force of the key's contract or of the whole supplier."""
        contract = self.contract_for(key)
        return [
            e
            for e in self.exclusions
            if e.supplier_id == key.supplier.pk
            and (not e.contract_id or (contract is not None and e.contract_id == contract.pk))
        ]

    def followups_for(self, key: StatusKey) -> list[OpenFollowUp]:
        pair = (key.supplier.pk, key.agreement.pk)
        return [f for f in self.followups if (f.supplier_id, f.agreement_id) == pair]

    def findings_for(self, key: StatusKey) -> list[OpenFinding]:
        pair = (key.supplier.pk, key.agreement.pk)
        return [f for f in self.findings if (f.supplier_id, f.agreement_id) == pair]
