"""Ids past 999 must reach links and forms as plain digits, never grouped like "2 754"."""

import pytest

from tests.factories import ContractFactory

pytestmark = pytest.mark.django_db


def test_links_carry_ids_past_a_thousand_ungrouped(strategist_client):
    contract = ContractFactory(pk=3008, supplier__pk=2754, agreement__pk=1500)

    supplier_page = strategist_client.get(contract.supplier.get_absolute_url()).content.decode()
    contract_page = strategist_client.get(contract.get_absolute_url()).content.decode()
    agreement_page = strategist_client.get(contract.agreement.get_absolute_url()).content.decode()

    assert "?supplier=2754" in supplier_page
    assert "?supplier=2754&amp;contract=3008" in contract_page
    assert "?agreement=1500" in agreement_page
    assert "2\xa0754" not in supplier_page + contract_page
