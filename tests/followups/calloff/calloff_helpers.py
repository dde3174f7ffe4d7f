"""Builders for call-off status tests: a usable contract and recorded checks."""

import datetime

from followups.models import Check, CheckKind, CheckResult
from tests.factories import ContractFactory, UnitFactory, UserFactory

ON = datetime.date(2024, 6, 15)


def make_check(supplier, *, kind=CheckKind.IVO, result=CheckResult.OK, on=ON, unit=None, **kw):
    return Check.objects.create(
        supplier=supplier,
        unit=unit,
        kind=kind,
        result=result,
        performed_on=on,
        performed_by=kw.pop("performed_by", None) or UserFactory(username="kontrollant"),
        **kw,
    )


def usable_contract(**kwargs):
    """An active contract whose one unit has a permit and a fresh IVO check: clear on ON."""
    contract = ContractFactory(**kwargs)
    unit = UnitFactory(supplier=contract.supplier)
    contract.units.add(unit)
    make_check(contract.supplier, unit=unit, on=ON - datetime.timedelta(days=30))
    return contract, unit
