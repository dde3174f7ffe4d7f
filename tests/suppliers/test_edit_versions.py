"""Two strategists edit the same register row: the second save is refused, nothing is lost
(issue 15, lost updates)."""

import pytest
from django.urls import reverse

from tests.edit_forms import second_save_is_refused
from tests.factories import ContractFactory, SupplierFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_strategist(db):
    return UserFactory(username="strateg2", role="strategist")


def test_a_phone_change_no_longer_undoes_a_city_change(strategist, second_strategist):
    supplier = SupplierFactory(city="Göteborg", phone="031-10 00 00")
    url = reverse("suppliers:supplier_edit", args=[supplier.pk])
    page = second_save_is_refused(
        url,
        strategist,
        second_strategist,
        {"city": "Malmö"},
        {"phone": "040-20 00 00"},
        "Ort",
    )
    assert "Ort: ”Göteborg” → ”Malmö”" in page
    # Only the field that changed is named; the phone the second person typed is not.
    assert "Telefon: " not in page
    supplier.refresh_from_db()
    assert (supplier.city, supplier.phone) == ("Malmö", "040-20 00 00")


def test_a_contract_keeps_the_unit_another_strategist_added(strategist, second_strategist):
    supplier = SupplierFactory()
    first, second = UnitFactory(supplier=supplier), UnitFactory(supplier=supplier)
    contract = ContractFactory(supplier=supplier, rank=3)
    contract.units.add(first)
    url = reverse("suppliers:contract_edit", args=[contract.pk])
    both = sorted([str(first.pk), str(second.pk)])
    page = second_save_is_refused(
        url,
        strategist,
        second_strategist,
        {"units": both},
        {"rank": "5"},
        "Verksamheter som omfattas",
    )
    assert f"Verksamheter som omfattas: ”{first}” → ”{first}, " in page
    contract.refresh_from_db()
    assert contract.rank == 5
    assert sorted(str(u.pk) for u in contract.units.all()) == both
