"""Invalid register input: the page says exactly what is wrong, in Swedish, and saves nothing."""

import datetime
import html

import pytest
from django.urls import reverse

from suppliers.models import Contract, Exclusion, FrameworkAgreement, Purchase, Supplier, Unit
from suppliers.services import exclusion_lift
from tests.factories import (
    AgreementFactory,
    BoardFactory,
    ContractFactory,
    ExclusionFactory,
    PurchaseFactory,
    SupplierFactory,
    UnitFactory,
)
from uppfoljning.core.errors import DomainError

pytestmark = pytest.mark.django_db

NOTHING_SAVED = "Rätta felen nedan. Inget har sparats."


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def agreement_data(board, **changes):
    data = {
        "board": board.pk,
        "name": "HVB barn och unga",
        "reference": "SCN-2019-0437",
        "procurement_type": "lou",
        "target_group": "children",
        "ivo_check_interval_months": 6,
        "start_date": "2021-03-01",
        "end_date": "2025-02-28",
        "option_end_date": "2027-02-28",
    }
    return data | changes


@pytest.mark.parametrize(
    ("org_number", "message"),
    [
        ("556036-0794", "Organisationsnumret är inte giltigt: kontrollsiffran stämmer inte."),
        ("5560360794", "Organisationsnumret är inte giltigt: kontrollsiffran stämmer inte."),
        ("556036-079", "Ett organisationsnummer har tio siffror, till exempel 556677-8899."),
        ("55603607931", "Ett organisationsnummer har tio siffror, till exempel 556677-8899."),
        ("55603A-0793", "Organisationsnumret får bara innehålla siffror och bindestreck."),
    ],
)
def test_invalid_org_number_is_rejected(strategist_client, org_number, message):
    response = strategist_client.post(
        reverse("suppliers:supplier_add"), {"name": "Fel AB", "org_number": org_number}
    )
    assert response.status_code == 200
    assert message in page_text(response)
    assert NOTHING_SAVED in page_text(response)
    assert not Supplier.objects.exists()


def test_valid_org_number_is_stored_with_hyphen(strategist_client):
    strategist_client.post(
        reverse("suppliers:supplier_add"), {"name": "Rätt AB", "org_number": "5560360793"}
    )
    assert Supplier.objects.get().org_number == "556036-0793"


@pytest.mark.parametrize("typed", ["556036-0793", "5560360793", " 556036 0793 "])
def test_duplicate_org_number_is_rejected_however_it_is_typed(strategist_client, typed):
    SupplierFactory(org_number="556036-0793", name="Första AB")
    response = strategist_client.post(
        reverse("suppliers:supplier_add"), {"name": "Andra AB", "org_number": typed}
    )
    assert "Det finns redan en leverantör med det här organisationsnumret." in page_text(response)
    assert list(Supplier.objects.values_list("name", flat=True)) == ["Första AB"]


def test_changing_org_number_to_another_suppliers_is_rejected(strategist_client):
    SupplierFactory(org_number="556036-0793")
    other = SupplierFactory(name="Andra AB")
    before = other.org_number
    response = strategist_client.post(
        reverse("suppliers:supplier_edit", args=[other.pk]),
        {"name": "Andra AB", "org_number": "556036-0793"},
    )
    assert "Det finns redan en leverantör med det här organisationsnumret." in page_text(response)
    other.refresh_from_db()
    assert other.org_number == before
    assert other.history.count() == 1


def test_agreement_ending_before_it_starts_is_rejected(strategist_client):
    board = BoardFactory()
    response = strategist_client.post(
        reverse("suppliers:agreement_add"),
        agreement_data(board, end_date="2021-02-28", option_end_date=""),
    )
    assert "Slutdatum kan inte vara före startdatum." in page_text(response)
    assert NOTHING_SAVED in page_text(response)
    assert not FrameworkAgreement.objects.exists()


def test_option_ending_before_the_agreement_is_rejected(strategist_client):
    board = BoardFactory()
    response = strategist_client.post(
        reverse("suppliers:agreement_add"), agreement_data(board, option_end_date="2025-01-31")
    )
    assert "Slutdatum inklusive option kan inte vara före slutdatum." in page_text(response)
    assert not FrameworkAgreement.objects.exists()


def test_editing_an_agreement_into_an_invalid_period_changes_nothing(strategist_client):
    agreement = AgreementFactory()
    response = strategist_client.post(
        reverse("suppliers:agreement_edit", args=[agreement.pk]),
        agreement_data(agreement.board, reference=agreement.reference, end_date="2020-01-01"),
    )
    assert "Slutdatum kan inte vara före startdatum." in page_text(response)
    agreement.refresh_from_db()
    assert agreement.end_date == datetime.date(2025, 2, 28)
    assert agreement.history.count() == 1


def test_duplicate_agreement_reference_is_rejected(strategist_client):
    existing = AgreementFactory(reference="SCN-2019-0437")
    response = strategist_client.post(
        reverse("suppliers:agreement_add"), agreement_data(existing.board, name="Annat namn")
    )
    assert "Det finns redan ett ramavtal med det här diarienumret." in page_text(response)
    assert list(FrameworkAgreement.objects.all()) == [existing]


def test_second_contract_for_a_supplier_in_the_same_agreement_is_rejected(strategist_client):
    contract = ContractFactory()
    response = strategist_client.post(
        reverse("suppliers:contract_add"),
        {"agreement": contract.agreement_id, "supplier": contract.supplier_id, "rank": 2},
    )
    text = page_text(response)
    assert "Leverantören har redan ett avtal inom det här ramavtalet." in text
    assert NOTHING_SAVED in text
    assert list(Contract.objects.all()) == [contract]


def test_exclusion_lifted_before_it_started_is_rejected(strategist_client):
    exclusion = ExclusionFactory(start_date=datetime.date(2024, 3, 1))
    response = strategist_client.post(
        reverse("suppliers:exclusion_lift", args=[exclusion.pk]),
        {
            "lifted_on": "2024-02-29",
            "lift_reference": "SCN-2024-00200",
            "lift_reason": "remedied",
            "lift_note": "Åtgärdat",
        },
    )
    assert response.status_code == 200
    assert "En uteslutning kan inte hävas innan den har börjat." in page_text(response)
    exclusion.refresh_from_db()
    assert exclusion.lifted_on is None
    assert exclusion.lift_reference == ""
    assert exclusion.history.count() == 1


def test_exclusion_lift_without_a_reason_category_is_rejected(strategist_client):
    exclusion = ExclusionFactory(start_date=datetime.date(2024, 3, 1))
    url = reverse("suppliers:exclusion_lift", args=[exclusion.pk])
    fields = {"lifted_on": "2024-06-10", "lift_reference": "SCN-2024-00210", "lift_note": "Klart"}

    response = strategist_client.post(url, {**fields, "lift_reason": ""})

    assert response.status_code == 200
    assert NOTHING_SAVED in page_text(response)
    exclusion.refresh_from_db()
    assert exclusion.lifted_on is None
    with pytest.raises(DomainError, match=r"Välj skälkategori för hävningen av uteslutningen\."):
        exclusion_lift(
            exclusion=exclusion, lift_reason="", **fields | {"lifted_on": exclusion.start_date}
        )
    exclusion.refresh_from_db()
    assert exclusion.lifted_on is None and exclusion.history.count() == 1


def test_exclusion_reviewed_before_it_starts_is_rejected(strategist_client):
    supplier = SupplierFactory()
    response = strategist_client.post(
        reverse("suppliers:exclusion_add"),
        {
            "supplier": supplier.pk,
            "reason": "investigation",
            "decided_by": "Avdelningschef",
            "decided_on": "2024-03-01",
            "decision_reference": "SCN-2024-00100",
            "start_date": "2024-03-01",
            "review_date": "2024-02-01",
        },
    )
    assert "Omprövningsdatum kan inte vara före startdatum." in page_text(response)
    assert not Exclusion.objects.exists()


def test_exclusion_of_another_suppliers_contract_is_rejected(strategist_client):
    supplier = SupplierFactory()
    foreign_contract = ContractFactory()
    response = strategist_client.post(
        reverse("suppliers:exclusion_add"),
        {
            "supplier": supplier.pk,
            "contract": foreign_contract.pk,
            "reason": "investigation",
            "decided_by": "Avdelningschef",
            "decided_on": "2024-03-01",
            "decision_reference": "SCN-2024-00100",
            "start_date": "2024-03-01",
        },
    )
    assert "Avtalet tillhör inte den här leverantören." in page_text(response)
    assert not Exclusion.objects.exists()


def test_contract_ending_before_it_started_is_rejected(strategist_client):
    contract = ContractFactory(start_date=datetime.date(2021, 3, 1))
    response = strategist_client.post(
        reverse("suppliers:contract_end", args=[contract.pk]),
        {
            "status": "terminated",
            "ended_on": "2021-01-01",
            "reason": "economy",
            "decision_reference": "SCN-2024-00300",
        },
    )
    assert "Ett avtal kan inte upphöra innan det har börjat." in page_text(response)
    contract.refresh_from_db()
    assert contract.is_active
    assert contract.history.count() == 1


def purchase_data(supplier, agreement, **changes):
    return {
        "supplier": supplier.pk,
        "agreement": agreement.pk,
        "month": "2024-03-01",
        "amount": "120000",
        "placements": "2",
    } | changes


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"placements": "-1"}, "Antalet placeringar kan inte vara negativt."),
        ({"amount": "-500"}, "Beloppet kan inte vara negativt."),
    ],
)
def test_negative_purchase_is_rejected(strategist_client, changes, message):
    supplier, agreement = SupplierFactory(), AgreementFactory()
    response = strategist_client.post(
        reverse("suppliers:purchase_add"), purchase_data(supplier, agreement, **changes)
    )
    assert message in page_text(response)
    assert NOTHING_SAVED in page_text(response)
    assert not Purchase.objects.exists()


def test_second_purchase_for_the_same_month_is_rejected(strategist_client):
    existing = PurchaseFactory(month=datetime.date(2024, 3, 1))
    response = strategist_client.post(
        reverse("suppliers:purchase_add"),
        purchase_data(existing.supplier, existing.agreement, month="2024-03-15"),
    )
    assert (
        "Det finns redan ett inköp för den här leverantören, ramavtalet och månaden."
        in page_text(response)
    )
    assert list(Purchase.objects.all()) == [existing]


def test_purchase_month_is_stored_as_the_first_day(strategist_client):
    supplier, agreement = SupplierFactory(), AgreementFactory()
    strategist_client.post(
        reverse("suppliers:purchase_add"),
        purchase_data(supplier, agreement, month="2024-03-15"),
    )
    assert Purchase.objects.get().month == datetime.date(2024, 3, 1)


def test_second_unit_with_the_same_name_at_a_supplier_is_rejected(strategist_client):
    unit = UnitFactory(name="HVB Gläntan")
    response = strategist_client.post(
        reverse("suppliers:unit_add"),
        {"supplier": unit.supplier_id, "name": "HVB Gläntan", "ivo_permit_status": "valid"},
    )
    assert "Leverantören har redan en verksamhet med det här namnet." in page_text(response)
    assert list(Unit.objects.all()) == [unit]


def test_lifting_an_exclusion_requires_date_category_reference_and_reason(strategist_client):
    exclusion = ExclusionFactory()
    response = strategist_client.post(
        reverse("suppliers:exclusion_lift", args=[exclusion.pk]),
        {"lifted_on": "", "lift_reason": "", "lift_reference": "", "lift_note": ""},
    )
    assert page_text(response).count("Det här fältet är obligatoriskt.") == 4
    exclusion.refresh_from_db()
    assert exclusion.lifted_on is None
    assert exclusion.history.count() == 1


def test_ending_a_contract_requires_how_date_reason_and_reference(strategist_client):
    contract = ContractFactory()
    response = strategist_client.post(reverse("suppliers:contract_end", args=[contract.pk]), {})
    assert page_text(response).count("Det här fältet är obligatoriskt.") == 4
    contract.refresh_from_db()
    assert contract.is_active
    assert contract.history.count() == 1
