"""Recording checks in the browser: one at a time, the list, the detail page and editing."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from followups.models import Check, CheckKind, CheckResult
from tests.edit_forms import opened_version
from tests.factories import (
    AgreementFactory,
    ContractFactory,
    RepresentativeFactory,
    SupplierFactory,
    UnitFactory,
)
from tests.followups.factories import CheckFactory
from uppfoljning.core.roles import BOARD_READER, ROLE_PERMISSIONS

pytestmark = pytest.mark.django_db

ROLES = ("strategist", "coordinator", "caseworker", "board_reader", "superuser")


@pytest.fixture
def ivo_check():
    return CheckFactory(kind=CheckKind.IVO, reference="IVO-2024-123")


def _pages(check):
    return {
        "list": reverse("followups:check_list"),
        "export": reverse("followups:check_export") + "?format=csv",
        "detail": reverse("followups:check_detail", args=[check.pk]),
        "add": reverse("followups:check_add"),
        "add_kind": reverse("followups:check_add_kind", args=["ivo"])
        + f"?supplier={check.supplier_id}",
        "bulk": reverse("followups:check_bulk"),
        "edit": reverse("followups:check_edit", args=[check.pk]),
    }


EXPECTED = {
    # page: statuses for strategist, coordinator, caseworker, board_reader, superuser
    # Board readers read finalised documents and nothing else (issue 13 §2).
    "list": (200, 200, 403, 403, 200),
    "export": (200, 200, 403, 403, 200),
    "detail": (200, 200, 403, 403, 200),
    "add": (200, 403, 403, 403, 200),
    "add_kind": (200, 403, 403, 403, 200),
    "bulk": (200, 403, 403, 403, 200),
    "edit": (200, 403, 403, 403, 200),
}


@pytest.mark.parametrize("page", sorted(EXPECTED))
@pytest.mark.parametrize("role_index", range(len(ROLES)), ids=ROLES)
def test_check_page_permissions_per_role(client, user_with_role, ivo_check, page, role_index):
    client.force_login(user_with_role(ROLES[role_index]))
    response = client.get(_pages(ivo_check)[page])
    assert response.status_code == EXPECTED[page][role_index]


@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_anonymous_is_sent_to_login(client, ivo_check, page):
    response = client.get(_pages(ivo_check)[page])
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


@pytest.mark.parametrize("method", ["post"])
def test_coordinator_cannot_post_a_check(client, coordinator, ivo_check, method):
    client.force_login(coordinator)
    url = _pages(ivo_check)["add_kind"]
    response = client.post(url, {"performed_on": "2024-10-01", "result": "ok"})
    assert response.status_code == 403
    assert Check.objects.count() == 1


def test_strategist_records_an_ivo_check_of_a_unit_and_sees_it_with_history(
    strategist_client, strategist
):
    unit = UnitFactory(name="Vibor Gläntan unga vuxna")
    url = reverse("followups:check_add_kind", args=["ivo"]) + f"?unit={unit.pk}"
    page = strategist_client.get(url).content.decode()
    assert "Tillståndsstatus hos IVO" in page
    assert f'value="{unit.pk}" selected' in page
    response = strategist_client.post(
        url,
        {
            "unit": unit.pk,
            "performed_on": "2024-10-01",
            "ivo_permit_status": "granted",
            "ivo_open_supervision": "true",
            "result": "remark",
            "summary": "Pågående tillsyn om bemanning.",
            "reference": "IVO 8.5-12345/2024",
        },
        follow=True,
    )
    check = Check.objects.get()
    assert check.supplier == unit.supplier
    assert check.unit == unit
    assert check.ivo_open_supervision is True
    assert check.performed_by == strategist
    page = response.content.decode()
    assert "IVO 8.5-12345/2024" in page
    assert "Anmärkning" in page
    assert "Skapad" in page  # the history section
    assert check.history.get().history_change_reason == "Kontroll registrerad"


def test_credit_check_shows_its_own_fields_and_tax_debt_in_kronor(strategist_client):
    supplier = SupplierFactory()
    url = reverse("followups:check_add_kind", args=["credit"]) + f"?supplier={supplier.pk}"
    response = strategist_client.post(
        url,
        {
            "performed_on": "2024-10-01",
            "credit_rating": "B",
            "payment_remarks": "2",
            "tax_debt": "125000",
            "result": "serious",
            "reference": "UC 2024-10-01",
        },
        follow=True,
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "125\xa0000\xa0kr" in page
    assert "Betalningsanmärkningar" in page


def test_future_date_is_refused_in_swedish(strategist_client):
    supplier = SupplierFactory()
    url = reverse("followups:check_add_kind", args=["tax"]) + f"?supplier={supplier.pk}"
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = strategist_client.post(url, {"performed_on": tomorrow.isoformat(), "result": "ok"})
    assert response.status_code == 200
    assert "En kontroll kan inte dateras i framtiden." in response.content.decode()
    assert not Check.objects.exists()


def test_missing_result_is_refused_in_swedish(strategist_client):
    supplier = SupplierFactory()
    url = reverse("followups:check_add_kind", args=["tax"]) + f"?supplier={supplier.pk}"
    response = strategist_client.post(url, {"performed_on": "2024-10-01"})
    page = response.content.decode()
    assert "Det här fältet är obligatoriskt." in page
    assert "Rätta felen nedan. Inget har sparats." in page


def test_unit_of_another_supplier_cannot_be_chosen(strategist_client):
    supplier = SupplierFactory()
    other_unit = UnitFactory()
    url = reverse("followups:check_add_kind", args=["ivo"]) + f"?supplier={supplier.pk}"
    response = strategist_client.post(
        url, {"unit": other_unit.pk, "performed_on": "2024-10-01", "result": "ok"}
    )
    assert "Välj ett giltigt alternativ" in response.content.decode()
    assert not Check.objects.exists()


def test_criminal_record_form_has_no_summary_and_requires_reference(strategist_client):
    rep = RepresentativeFactory(name="Karin Nilsson")
    url = reverse("followups:check_add_kind", args=["criminal_record"])
    url += f"?representative={rep.pk}"
    page = strategist_client.get(url).content.decode()
    assert 'name="summary"' not in page
    assert "Registerutdragets referens" in page
    response = strategist_client.post(
        url,
        {
            "representative": rep.pk,
            "performed_on": "2024-10-01",
            "result": "ok",
            "summary": "Dömd för ...",  # a tampered form: ignored, never stored
        },
    )
    assert "Det här fältet är obligatoriskt." in response.content.decode()
    response = strategist_client.post(
        url,
        {
            "representative": rep.pk,
            "performed_on": "2024-10-01",
            "result": "ok",
            "reference": "BR-2024-555",
            "summary": "Dömd för ...",
        },
    )
    check = Check.objects.get()
    assert check.summary == ""
    assert check.reference == "BR-2024-555"
    assert check.supplier == rep.supplier


def test_kind_choice_offers_criminal_record_to_strategist(strategist_client):
    page = strategist_client.get(reverse("followups:check_add")).content.decode()
    assert "Belastningsregister för företrädare" in page
    assert "Fakturastickprov" not in page


def test_unknown_kind_is_not_found(strategist_client):
    supplier = SupplierFactory()
    url = reverse("followups:check_add_kind", args=["horoscope"]) + f"?supplier={supplier.pk}"
    assert strategist_client.get(url).status_code == 404


def test_without_a_subject_the_strategist_first_chooses_the_supplier(strategist_client):
    supplier = SupplierFactory(name="Vibor Omsorg AB")
    url = reverse("followups:check_add_kind", args=["credit"])
    assert "Vibor Omsorg AB" in strategist_client.get(url).content.decode()
    response = strategist_client.post(url, {"supplier": supplier.pk})
    assert response.status_code == 302
    assert response["Location"].endswith(f"?supplier={supplier.pk}")


def test_edit_keeps_the_change_in_history(strategist_client, ivo_check):
    url = reverse("followups:check_edit", args=[ivo_check.pk])
    response = strategist_client.post(
        url,
        {
            "performed_on": "2024-10-01",
            "result": "serious",
            "reference": "IVO-2024-123",
            "ivo_permit_status": "revoked",
        }
        | opened_version(strategist_client, url),
        follow=True,
    )
    ivo_check.refresh_from_db()
    assert ivo_check.result == CheckResult.SERIOUS
    assert ivo_check.ivo_permit_status == "revoked"
    page = response.content.decode()
    assert "Ändrad" in page
    assert "Tillståndet återkallat" in page or "återkallat" in page


def test_list_filters_by_kind_result_agreement_supplier_and_dates(strategist_client):
    agreement = AgreementFactory(name="HVB barn och unga")
    supplier = SupplierFactory(name="Vibor AB")
    ContractFactory(agreement=agreement, supplier=supplier)
    hit = CheckFactory(
        supplier=supplier,
        agreement=agreement,
        kind=CheckKind.CREDIT,
        result=CheckResult.REMARK,
        performed_on=datetime.date(2024, 6, 1),
        reference="TRÄFF-1",
    )
    CheckFactory(supplier=supplier, kind=CheckKind.IVO, reference="MISS-KIND")
    CheckFactory(
        supplier=supplier,
        agreement=agreement,
        kind=CheckKind.CREDIT,
        result=CheckResult.OK,
        performed_on=datetime.date(2024, 6, 1),
        reference="MISS-RESULT",
    )
    CheckFactory(kind=CheckKind.CREDIT, result=CheckResult.REMARK, reference="MISS-SUPPLIER")
    CheckFactory(
        supplier=supplier,
        agreement=agreement,
        kind=CheckKind.CREDIT,
        result=CheckResult.REMARK,
        performed_on=datetime.date(2023, 6, 1),
        reference="MISS-DATE",
    )
    response = strategist_client.get(
        reverse("followups:check_list"),
        {
            "kind": "credit",
            "result": "remark",
            "agreement": agreement.pk,
            "supplier": supplier.pk,
            "performed_from": "2024-01-01",
            "performed_to": "2024-12-31",
        },
    )
    assert list(response.context["object_list"]) == [hit]
    response = strategist_client.get(reverse("followups:check_list"), {"q": "vibor"})
    assert "MISS-SUPPLIER" not in {c.reference for c in response.context["object_list"]}


def test_list_query_count_does_not_grow_with_rows(strategist_client, django_assert_max_num_queries):
    CheckFactory.create_batch(30)
    with django_assert_max_num_queries(12):
        response = strategist_client.get(reverse("followups:check_list"))
    assert len(response.context["object_list"]) == 25


def test_export_csv_has_the_filtered_rows(strategist_client, ivo_check):
    CheckFactory(kind=CheckKind.CREDIT, reference="KREDIT-1")
    response = strategist_client.get(
        reverse("followups:check_export"), {"format": "csv", "kind": "ivo"}
    )
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/csv")
    assert "IVO-2024-123" in body
    assert "KREDIT-1" not in body
    xlsx = strategist_client.get(reverse("followups:check_export"), {"format": "xlsx"})
    assert xlsx.status_code == 200
    assert xlsx.content[:2] == b"PK"


def test_supplier_page_lists_its_checks_with_a_record_link(strategist_client, ivo_check):
    page = strategist_client.get(ivo_check.supplier.get_absolute_url()).content.decode()
    assert "IVO-2024-123" in page
    assert f"?supplier={ivo_check.supplier_id}" in page


def test_board_readers_are_granted_reports_and_nothing_else():
    """The board reads finalised documents and nothing else (issue 13 §2): not the checks'
    credit ratings, payment remarks, tax debts and staff names."""
    assert ROLE_PERMISSIONS[BOARD_READER] == {"reports.view_finalised_report"}
