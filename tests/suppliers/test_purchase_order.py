"""One order for suppliers by purchases: the largest amount first, a tie by organisation
number, on the selection page and in the yearly report alike."""

import datetime

import pytest

from followups.cases import selectors as case_selectors
from followups.cases import services
from reports.selectors.followups import _selection
from tests.factories import (
    AgreementFactory,
    ContractFactory,
    PurchaseFactory,
    SupplierFactory,
    valid_org_number,
)

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def tied(strategist):
    """Two suppliers bought from for the same amount; the one created first (lower id and
    an earlier name) has the higher organisation number."""
    agreement = AgreementFactory()
    first = SupplierFactory(name="A-omsorg AB", org_number=valid_org_number(900))
    second = SupplierFactory(name="B-omsorg AB", org_number=valid_org_number(100))
    assert first.org_number > second.org_number
    for supplier in (first, second):
        ContractFactory(agreement=agreement, supplier=supplier)
        PurchaseFactory(
            agreement=agreement, supplier=supplier, month=D(2024, 3, 1), amount=1_000_000
        )
    return agreement, first, second


def test_the_selection_page_breaks_a_tie_by_organisation_number(tied):
    agreement, first, second = tied
    ranking = case_selectors.purchase_ranking(agreement, D(2024, 1, 1), D(2024, 12, 31))
    assert [r.supplier for r in ranking] == [second, first]
    assert [r.rank_by_amount for r in ranking] == [1, 2]


def test_the_yearly_report_breaks_the_same_tie_the_same_way(tied, strategist):
    agreement, first, second = tied
    followup = services.followup_create(
        kind="special",
        agreement=agreement,
        responsible=strategist,
        user=strategist,
        suppliers=[first, second],
        planned_start=D(2024, 9, 1),
        planned_end=D(2024, 12, 20),
    )
    followup.selection_start, followup.selection_end = D(2024, 1, 1), D(2024, 12, 31)
    followup.save()
    rows = _selection([followup])[followup.pk]
    assert [r.supplier for r in rows] == [second, first]
