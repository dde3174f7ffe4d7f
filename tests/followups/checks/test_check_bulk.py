"""Recording one kind of check for a whole agreement: a row per active contract, all or nothing."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from followups.checks import services as check_services
from followups.models import Check, CheckKind
from suppliers.models import ContractStatus
from tests.factories import (
    AgreementFactory,
    ContractFactory,
    RepresentativeFactory,
    SupplierFactory,
    UnitFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreement():
    agreement = AgreementFactory(name="HVB barn och unga")
    first = ContractFactory(agreement=agreement, supplier=SupplierFactory(name="Vibor AB"), rank=1)
    first.units.add(
        UnitFactory(supplier=first.supplier, name="Gläntan"),
        UnitFactory(supplier=first.supplier, name="Lärkan"),
    )
    ContractFactory(agreement=agreement, supplier=SupplierFactory(name="Björk Omsorg AB"), rank=2)
    ContractFactory(
        agreement=agreement,
        supplier=SupplierFactory(name="Uppsagd AB"),
        rank=3,
        status=ContractStatus.TERMINATED,
        ended_on=datetime.date(2024, 1, 31),
    )
    return agreement


def _url(agreement, kind, on="2024-10-01"):
    query = f"?agreement={agreement.pk}&kind={kind}&performed_on={on}"
    return reverse("followups:check_bulk") + query


def _post_data(response, rows: dict[int, dict]):
    """The formset as the browser would post it, with `rows` (by index) filled in."""
    formset = response.context["formset"]
    data = {
        "rows-TOTAL_FORMS": str(len(formset.forms)),
        "rows-INITIAL_FORMS": str(len(formset.forms)),
        "rows-MIN_NUM_FORMS": "0",
        "rows-MAX_NUM_FORMS": "5000",
    }
    for index, form in enumerate(formset.forms):
        data[f"rows-{index}-subject"] = form.initial["subject"]
        for name, value in rows.get(index, {}).items():
            data[f"rows-{index}-{name}"] = value
    return data


def test_ivo_table_has_a_row_per_unit_of_each_active_contract(strategist_client, agreement):
    response = strategist_client.get(_url(agreement, "ivo"))
    labels = [s.label for s in response.context["formset"].subjects]
    assert labels == ["Vibor AB – Gläntan", "Vibor AB – Lärkan", "Björk Omsorg AB"]
    page = response.content.decode()
    assert "Uppsagd AB" not in page
    assert "Tillståndsstatus hos IVO" in page


def test_credit_table_has_a_row_per_active_contract(strategist_client, agreement):
    response = strategist_client.get(_url(agreement, "credit"))
    labels = [s.label for s in response.context["formset"].subjects]
    assert labels == ["Vibor AB", "Björk Omsorg AB"]


def test_criminal_record_table_has_a_row_per_representative_in_office(strategist_client, agreement):
    vibor = agreement.contracts.get(rank=1).supplier
    RepresentativeFactory(supplier=vibor, name="Anna Ek")
    RepresentativeFactory(supplier=vibor, name="Avgången", valid_to=datetime.date(2023, 1, 1))
    response = strategist_client.get(_url(agreement, "criminal_record"))
    labels = [s.label for s in response.context["formset"].subjects]
    assert labels == ["Vibor AB – Anna Ek (Verkställande direktör)"] or labels[0].startswith(
        "Vibor AB – Anna Ek"
    )
    assert len(labels) == 1
    assert 'name="rows-0-summary"' not in response.content.decode()


def test_filled_rows_are_saved_and_empty_rows_skipped(strategist_client, strategist, agreement):
    response = strategist_client.get(_url(agreement, "ivo"))
    data = _post_data(
        response,
        {
            0: {"result": "ok", "ivo_permit_status": "granted", "reference": "PS-1"},
            2: {"result": "remark", "ivo_open_supervision": "true", "summary": "Tillsyn pågår"},
        },
    )
    response = strategist_client.post(_url(agreement, "ivo"), data, follow=True)
    checks = list(Check.objects.order_by("reference"))
    assert len(checks) == 2
    assert {c.supplier.name for c in checks} == {"Vibor AB", "Björk Omsorg AB"}
    gläntan = next(c for c in checks if c.unit)
    assert gläntan.unit.name == "Gläntan"
    assert all(c.agreement == agreement for c in checks)
    assert all(c.performed_on == datetime.date(2024, 10, 1) for c in checks)
    assert all(c.performed_by == strategist for c in checks)
    assert all(c.history.count() == 1 for c in checks)
    assert "2 kontroller registrerades för HVB barn och unga." in response.content.decode()


def test_one_bad_row_saves_nothing_and_names_the_row_in_swedish(strategist_client, agreement):
    response = strategist_client.get(_url(agreement, "ivo"))
    data = _post_data(
        response,
        {0: {"result": "ok"}, 2: {"summary": "Glömde resultatet"}},
    )
    response = strategist_client.post(_url(agreement, "ivo"), data)
    assert response.status_code == 200
    assert not Check.objects.exists()
    page = response.content.decode()
    assert "Inget har sparats. Rätta raderna nedan." in page
    assert "Rad 3" in page
    assert "Björk Omsorg AB" in page
    assert "Välj ett resultat, eller lämna hela raden tom för att hoppa över den." in page
    # What was typed is still there to correct.
    assert "Glömde resultatet" in page


def test_all_rows_empty_is_refused(strategist_client, agreement):
    response = strategist_client.get(_url(agreement, "credit"))
    response = strategist_client.post(_url(agreement, "credit"), _post_data(response, {}))
    assert "Fyll i minst en rad; tomma rader hoppas över." in response.content.decode()
    assert not Check.objects.exists()


def test_changed_contract_list_saves_nothing(strategist_client, agreement):
    response = strategist_client.get(_url(agreement, "credit"))
    data = _post_data(response, {0: {"result": "ok"}, 1: {"result": "ok"}})
    ContractFactory(agreement=agreement, supplier=SupplierFactory(name="Ny AB"), rank=0)
    response = strategist_client.post(_url(agreement, "credit"), data)
    assert "Ramavtalets avtal har ändrats sedan tabellen öppnades." in response.content.decode()
    assert not Check.objects.exists()


def test_future_date_in_setup_is_refused(strategist_client, agreement):
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    response = strategist_client.get(_url(agreement, "credit", on=tomorrow))
    assert response.context["formset"] is None
    assert "En kontroll kan inte dateras i framtiden." in response.content.decode()


def test_service_saves_nothing_when_a_later_row_breaks_a_rule(strategist, agreement):
    vibor = agreement.contracts.get(rank=1).supplier
    foreign_unit = UnitFactory()
    rows = [
        check_services.CheckRow(supplier=vibor, result="ok"),
        None,
        check_services.CheckRow(supplier=vibor, unit=foreign_unit, result="ok"),
    ]
    with pytest.raises(check_services.BulkCheckError) as exc:
        check_services.check_record_many(
            kind=CheckKind.IVO,
            agreement=agreement,
            performed_on=datetime.date(2024, 10, 1),
            performed_by=strategist,
            rows=rows,
        )
    assert list(exc.value.row_errors) == [2]
    assert "måste tillhöra leverantören." in str(exc.value.row_errors[2])
    assert not Check.objects.exists()


def test_coordinator_cannot_open_or_post_the_bulk_table(client, coordinator, agreement):
    client.force_login(coordinator)
    assert client.get(_url(agreement, "ivo")).status_code == 403
    assert client.post(_url(agreement, "ivo"), {}).status_code == 403
