import datetime

import pytest

from followups.cases import services
from tests.factories import AgreementFactory, ContractFactory, SupplierFactory, UnitFactory


@pytest.fixture
def agreement(db):
    return AgreementFactory(name="Stödboende för ungdomar", reference="SCN-2021-00275")


@pytest.fixture
def scope(agreement):
    """Two contracted suppliers, each with a unit."""
    suppliers = [SupplierFactory(name=n) for n in ("Utslussen Vård AB", "Vibor Stödboende AB")]
    for s in suppliers:
        ContractFactory(agreement=agreement, supplier=s)
        UnitFactory(supplier=s, name=f"{s.name} boende")
    return suppliers


@pytest.fixture
def followup(agreement, scope, strategist):
    fu = services.followup_create(
        kind="special",
        agreement=agreement,
        responsible=strategist,
        user=strategist,
        suppliers=scope,
        planned_start=datetime.date(2024, 9, 1),
        planned_end=datetime.date(2024, 12, 20),
    )
    return services.followup_start(
        followup=fu, started_on=datetime.date(2024, 9, 2), user=strategist
    )
