import datetime

import pytest

from tests.factories import AgreementFactory, ContractFactory, SupplierFactory
from tests.followups.feeds.helpers import REFERENCE


@pytest.fixture
def agreement(strategist):
    return AgreementFactory(
        reference=REFERENCE,
        owner=strategist,
        start_date=datetime.date(2020, 1, 1),
        option_end_date=None,
        end_date=datetime.date(2030, 12, 31),
    )


@pytest.fixture
def supplier(agreement):
    """A supplier with a contract under the agreement."""
    supplier = SupplierFactory(name="Åkerö Omsorg AB")
    ContractFactory(agreement=agreement, supplier=supplier)
    return supplier
