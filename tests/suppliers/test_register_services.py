"""The register's row services: each write keeps history (who, why), and a broken rule is
refused with the Swedish message the form shows, leaving nothing saved."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from suppliers import services
from suppliers.models import (
    Board,
    Contract,
    FrameworkAgreement,
    Purchase,
    Representative,
    Supplier,
    Unit,
)
from tests.edit_forms import opened_version
from tests.factories import (
    AgreementFactory,
    BoardFactory,
    ContractFactory,
    PurchaseFactory,
    RepresentativeFactory,
    SupplierFactory,
    UnitFactory,
    UserFactory,
    valid_org_number,
)

pytestmark = pytest.mark.django_db

REASON = "Rättat efter samtal med leverantören"


@pytest.fixture
def user():
    return UserFactory()


def last_history(obj):
    return obj.history.order_by("-history_date", "-history_id").first()


def messages_of(excinfo) -> list[str]:
    return excinfo.value.messages


# --- Creating keeps history with user and reason -------------------------------------------


def _board(**kw):
    return services.board_create(name="Socialnämnden", municipality="Uppsala", **kw)


def _agreement(**kw):
    return services.agreement_create(
        **{
            "board": BoardFactory(),
            "name": "HVB barn och unga",
            "reference": "SCN-2019-0437",
            "target_group": "children",
            "start_date": datetime.date(2021, 3, 1),
            "end_date": datetime.date(2025, 2, 28),
            "option_end_date": datetime.date(2027, 2, 28),
        }
        | kw
    )


def _supplier(**kw):
    return services.supplier_create(name="Gläntan AB", org_number="5560360793", **kw)


def _unit(**kw):
    return services.unit_create(supplier=SupplierFactory(), name="HVB Gläntan", place="Eda", **kw)


def _representative(**kw):
    return services.representative_create(
        supplier=SupplierFactory(), name="Eva Ek", role="ceo", **kw
    )


def _contract(**kw):
    return services.contract_create(
        agreement=AgreementFactory(), supplier=SupplierFactory(), rank=2, **kw
    )


def _purchase(**kw):
    return services.purchase_create(
        **{
            "supplier": SupplierFactory(),
            "agreement": AgreementFactory(),
            "month": datetime.date(2024, 3, 15),
            "amount": Decimal("120000"),
            "placements": 2,
        }
        | kw
    )


@pytest.mark.parametrize(
    "create",
    [_board, _agreement, _supplier, _unit, _representative, _contract, _purchase],
    ids=lambda f: f.__name__.strip("_"),
)
def test_creating_a_row_keeps_history_with_user_and_reason(user, create):
    obj = create(user=user, reason=REASON)

    assert obj.pk is not None
    (record,) = obj.history.all()
    assert record.history_type == "+"
    assert record.history_user == user
    assert record.history_change_reason == REASON


def test_a_created_supplier_is_stored_with_a_hyphenated_org_number(user):
    assert _supplier(user=user).org_number == "556036-0793"


def test_a_created_purchase_is_stored_on_the_first_day_of_its_month(user):
    assert _purchase(user=user).month == datetime.date(2024, 3, 1)


def test_a_contract_created_with_units_records_them_after_it(user):
    supplier = SupplierFactory()
    units = [UnitFactory(supplier=supplier), UnitFactory(supplier=supplier)]

    contract = services.contract_create(
        agreement=AgreementFactory(), supplier=supplier, units=units, user=user, reason=REASON
    )

    assert set(contract.units.all()) == set(units)
    # The join rows need the contract's id: created first, then its units.
    assert [r.history_type for r in contract.history.order_by("history_id")] == ["+", "~"]
    assert {(r.history_user, r.history_change_reason) for r in contract.history.all()} == {
        (user, REASON)
    }


# --- Updating records one history row with user and reason ----------------------------------


@pytest.mark.parametrize(
    ("factory", "update", "changes"),
    [
        (BoardFactory, "board_update", {"municipality": "Enköping"}),
        (AgreementFactory, "agreement_update", {"end_date": datetime.date(2025, 6, 30)}),
        (SupplierFactory, "supplier_update", {"name": "Nytt namn AB", "city": "Eda"}),
        (UnitFactory, "unit_update", {"ivo_permit_status": "revoked"}),
        (RepresentativeFactory, "representative_update", {"role": "chair"}),
        (ContractFactory, "contract_update", {"rank": 9}),
        (PurchaseFactory, "purchase_update", {"amount": Decimal("175000"), "placements": 3}),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_updating_a_row_records_one_history_row_with_user_and_reason(
    user, factory, update, changes
):
    obj = factory()
    before = obj.history.count()
    name = type(obj)._meta.model_name
    keyword = {"frameworkagreement": "agreement"}.get(name, name)

    returned = getattr(services, update)(**{keyword: obj}, user=user, reason=REASON, **changes)

    assert returned is obj
    obj.refresh_from_db()
    for field, value in changes.items():
        assert getattr(obj, field) == value
    assert obj.history.count() == before + 1
    record = last_history(obj)
    assert (record.history_type, record.history_user) == ("~", user)
    assert record.history_change_reason == REASON


def test_changing_a_contracts_rank_and_units_is_one_history_row(user):
    contract = ContractFactory(rank=1)
    first, second = UnitFactory(supplier=contract.supplier), UnitFactory(supplier=contract.supplier)
    contract.units.add(first)
    before = contract.history.count()

    services.contract_update(
        contract=contract, rank=4, units=[first, second], user=user, reason=REASON
    )

    contract.refresh_from_db()
    assert contract.rank == 4
    assert set(contract.units.all()) == {first, second}
    assert contract.history.count() == before + 1
    changed = {
        c.field
        for c in last_history(contract)
        .diff_against(contract.history.order_by("-history_date", "-history_id")[1])
        .changes
    }
    assert changed == {"rank", "units"}


def test_a_contract_keeps_its_agreement_and_supplier(user):
    contract = ContractFactory()
    with pytest.raises(TypeError):
        services.contract_update(contract=contract, supplier=SupplierFactory(), user=user)
    contract.refresh_from_db()
    assert contract.history.count() == 1


# --- Broken rules: the form's Swedish message, nothing saved ----------------------------------


@pytest.mark.parametrize(
    ("org_number", "message"),
    [
        ("556036-0794", "Organisationsnumret är inte giltigt: kontrollsiffran stämmer inte."),
        ("556036-079", "Ett organisationsnummer har tio siffror, till exempel 556677-8899."),
        ("55603A-0793", "Organisationsnumret får bara innehålla siffror och bindestreck."),
    ],
)
def test_an_invalid_org_number_is_refused(user, org_number, message):
    with pytest.raises(ValidationError) as excinfo:
        services.supplier_create(name="Fel AB", org_number=org_number, user=user)
    assert excinfo.value.message_dict["org_number"] == [message]
    assert not Supplier.objects.exists()


def test_a_second_supplier_with_the_same_org_number_is_refused_however_it_is_typed(user):
    SupplierFactory(org_number="556036-0793")
    with pytest.raises(ValidationError) as excinfo:
        services.supplier_create(name="Andra AB", org_number="5560360793", user=user)
    assert messages_of(excinfo) == [
        "Det finns redan en leverantör med det här organisationsnumret."
    ]
    assert Supplier.objects.count() == 1


def test_changing_org_number_to_another_suppliers_changes_nothing(user):
    SupplierFactory(org_number="556036-0793")
    other = SupplierFactory()
    before = other.org_number
    with pytest.raises(ValidationError, match="Det finns redan en leverantör"):
        services.supplier_update(supplier=other, org_number="556036-0793", user=user)
    other.refresh_from_db()
    assert other.org_number == before
    assert other.history.count() == 1


def test_an_agreement_ending_before_it_starts_is_refused(user):
    with pytest.raises(ValidationError) as excinfo:
        _agreement(end_date=datetime.date(2021, 2, 28), user=user)
    assert "Slutdatum kan inte vara före startdatum." in messages_of(excinfo)
    assert not FrameworkAgreement.objects.exists()


def test_an_agreement_with_a_taken_reference_is_refused(user):
    AgreementFactory(reference="SCN-2019-0437")
    with pytest.raises(ValidationError) as excinfo:
        _agreement(user=user)
    assert messages_of(excinfo) == ["Det finns redan ett ramavtal med det här diarienumret."]
    assert FrameworkAgreement.objects.count() == 1


def test_editing_an_agreement_into_an_invalid_period_changes_nothing(user):
    agreement = AgreementFactory()
    with pytest.raises(ValidationError, match=r"Slutdatum kan inte vara före startdatum\."):
        services.agreement_update(
            agreement=agreement, end_date=datetime.date(2020, 1, 1), user=user
        )
    agreement.refresh_from_db()
    assert agreement.end_date == datetime.date(2025, 2, 28)
    assert agreement.history.count() == 1


def test_a_board_report_month_outside_the_year_is_refused(user):
    with pytest.raises(ValidationError) as excinfo:
        _board(report_period_start_month=13, user=user)
    assert "report_period_start_month" in excinfo.value.message_dict
    assert not Board.objects.exists()


def test_a_second_unit_with_the_same_name_is_refused(user):
    unit = UnitFactory(name="HVB Gläntan")
    with pytest.raises(ValidationError) as excinfo:
        services.unit_create(supplier=unit.supplier, name="HVB Gläntan", user=user)
    assert messages_of(excinfo) == ["Leverantören har redan en verksamhet med det här namnet."]
    assert list(Unit.objects.all()) == [unit]


def test_renaming_a_unit_to_its_siblings_name_changes_nothing(user):
    unit = UnitFactory(name="HVB Gläntan")
    sibling = UnitFactory(supplier=unit.supplier, name="HVB Björken")
    with pytest.raises(ValidationError, match="redan en verksamhet med det här namnet"):
        services.unit_update(unit=sibling, name="HVB Gläntan", user=user)
    sibling.refresh_from_db()
    assert sibling.name == "HVB Björken"
    assert sibling.history.count() == 1


def test_a_representative_leaving_before_starting_is_refused(user):
    with pytest.raises(ValidationError) as excinfo:
        _representative(
            valid_from=datetime.date(2024, 3, 1), valid_to=datetime.date(2024, 2, 1), user=user
        )
    assert excinfo.value.message_dict["valid_to"] == ["Slutdatum kan inte vara före startdatum."]
    assert not Representative.objects.exists()


def test_a_second_contract_in_the_same_agreement_is_refused(user):
    contract = ContractFactory()
    with pytest.raises(ValidationError) as excinfo:
        services.contract_create(
            agreement=contract.agreement, supplier=contract.supplier, rank=2, user=user
        )
    assert messages_of(excinfo) == ["Leverantören har redan ett avtal inom det här ramavtalet."]
    assert list(Contract.objects.all()) == [contract]


def test_a_contract_serving_another_suppliers_unit_is_refused(user):
    foreign = UnitFactory()
    with pytest.raises(ValidationError) as excinfo:
        _contract(units=[foreign], user=user)
    assert excinfo.value.message_dict["units"] == [
        "Ett avtal kan bara omfatta leverantörens egna verksamheter."
    ]
    assert not Contract.objects.exists()


def test_giving_a_contract_another_suppliers_unit_changes_nothing(user):
    contract = ContractFactory()
    own = UnitFactory(supplier=contract.supplier)
    contract.units.add(own)
    before = contract.history.count()
    with pytest.raises(ValidationError, match="leverantörens egna verksamheter"):
        services.contract_update(contract=contract, units=[own, UnitFactory()], user=user)
    assert list(contract.units.all()) == [own]
    assert contract.history.count() == before


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"placements": -1}, "placements", "Antalet placeringar kan inte vara negativt."),
        ({"amount": Decimal("-500")}, "amount", "Beloppet kan inte vara negativt."),
    ],
)
def test_a_negative_purchase_is_refused(user, changes, field, message):
    with pytest.raises(ValidationError) as excinfo:
        _purchase(user=user, **changes)
    assert excinfo.value.message_dict[field] == [message]
    assert not Purchase.objects.exists()

    purchase = PurchaseFactory()
    with pytest.raises(ValidationError, match=message):
        services.purchase_update(purchase=purchase, user=user, **changes)
    purchase.refresh_from_db()
    assert purchase.history.count() == 1 and purchase.amount >= 0


def test_a_second_purchase_for_the_same_month_is_refused(user):
    existing = PurchaseFactory(month=datetime.date(2024, 3, 1))
    with pytest.raises(ValidationError) as excinfo:
        services.purchase_create(
            supplier=existing.supplier,
            agreement=existing.agreement,
            month=datetime.date(2024, 3, 15),
            amount=Decimal("1"),
            user=user,
        )
    assert messages_of(excinfo) == [
        "Det finns redan ett inköp för den här leverantören, ramavtalet och månaden."
    ]
    assert list(Purchase.objects.all()) == [existing]


# --- Many generated rows at once (the demo) --------------------------------------------------


def test_rows_created_in_bulk_each_keep_history_with_user_and_reason(user):
    rows = [Supplier(name=f"Bulk {n} AB", org_number=valid_org_number(800 + n)) for n in range(3)]

    created = services.rows_bulk_create(rows, user=user, reason=REASON)

    assert Supplier.objects.count() == 3
    for supplier in created:
        (record,) = Supplier.objects.get(pk=supplier.pk).history.all()
        assert (record.history_user, record.history_change_reason) == (user, REASON)


def test_rows_in_bulk_are_validated_and_none_is_saved_if_one_is_invalid(user):
    rows = [
        Supplier(name="Rätt AB", org_number=valid_org_number(900)),
        Supplier(name="Fel AB", org_number="556036-0794"),
    ]
    with pytest.raises(ValidationError, match="kontrollsiffran stämmer inte"):
        services.rows_bulk_create(rows, user=user, reason=REASON)
    assert not Supplier.objects.exists()


# --- The pages write through the services ------------------------------------------------------


def test_an_edit_page_saves_through_the_service_as_the_user_without_a_reason(
    strategist_client, strategist
):
    unit = UnitFactory(name="HVB Gläntan")
    url = reverse("suppliers:unit_edit", args=[unit.pk])
    response = strategist_client.post(
        url,
        {"supplier": unit.supplier_id, "name": "HVB Gläntan", "ivo_permit_status": "revoked"}
        | opened_version(strategist_client, url),
    )

    assert response.status_code == 302
    unit.refresh_from_db()
    assert unit.ivo_permit_status == "revoked"
    record = last_history(unit)
    assert unit.history.count() == 2
    # The page asks for no reason, so its history reads as it always has.
    assert (record.history_user, record.history_change_reason) == (strategist, None)
