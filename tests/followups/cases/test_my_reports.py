"""A caseworker reports a deviation about the agreement's own suppliers and later sees what
became of it under "Mina rapporter" (issue 13 §5)."""

import datetime
import re

import pytest
from django.urls import reverse

from followups.cases import services
from followups.models import Deviation
from tests.factories import AgreementFactory, ContractFactory, SupplierFactory, UnitFactory
from tests.factories import UserFactory as _UserFactory
from uppfoljning.core.errors import DomainError

pytestmark = pytest.mark.django_db
D = datetime.date
URL = "/followups/deviations/new/"


@pytest.fixture
def other(db):
    """Another agreement, with a supplier and a unit of its own."""
    agreement = AgreementFactory(name="HVB för vuxna missbrukare")
    supplier = SupplierFactory(name="Annat Behandlingshem AB")
    contract = ContractFactory(agreement=agreement, supplier=supplier)
    contract.units.add(UnitFactory(supplier=supplier, name="Annat hem"))
    return agreement


def _options(page: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}".*?</select>', page, re.S)
    return re.findall(r'<option value="\d*"[^>]*>([^<]*)<', select[0])


def test_the_form_lists_only_the_chosen_agreements_suppliers_and_units(
    client, caseworker, agreement, scope, other
):
    client.force_login(caseworker)
    first = client.get(URL).content.decode()
    assert _options(first, "agreement") == [
        "Välj ramavtal",
        "HVB för vuxna missbrukare",
        "Stödboende för ungdomar",
    ]
    assert 'name="supplier"' not in first

    page = client.get(URL, {"agreement": agreement.pk}).content.decode()
    assert _options(page, "supplier") == ["---------", "Utslussen Vård AB", "Vibor Stödboende AB"]
    assert _options(page, "unit") == [
        "---------",
        "Utslussen Vård AB – Utslussen Vård AB boende",
        "Vibor Stödboende AB – Vibor Stödboende AB boende",
    ]
    assert "Annat Behandlingshem AB" not in page and "Annat hem" not in page


def _report(**fields):
    return {
        "category": "invoicing",
        "occurred_on": "2024-05-02",
        "description": "Leverantören debiterade dubbelt.",
        "source": "caseworker",
        "severity": "minor",
        **fields,
    }


def test_a_supplier_or_unit_outside_the_agreement_is_refused(
    client, caseworker, agreement, scope, other
):
    client.force_login(caseworker)
    stranger = other.contracts.get().supplier
    response = client.post(URL, _report(agreement=agreement.pk, supplier=stranger.pk))
    assert response.status_code == 200
    assert "Välj ett giltigt alternativ" in response.content.decode()
    response = client.post(
        URL,
        _report(agreement=agreement.pk, supplier=scope[0].pk, unit=stranger.units.get().pk),
    )
    assert "Välj ett giltigt alternativ" in response.content.decode()
    assert not Deviation.objects.exists()


def test_a_unit_the_contract_does_not_serve_is_refused_by_the_service(caseworker, agreement):
    supplier = SupplierFactory(name="Tvåhem AB")
    contract = ContractFactory(agreement=agreement, supplier=supplier)
    contract.units.add(UnitFactory(supplier=supplier, name="Hem ett"))
    elsewhere = UnitFactory(supplier=supplier, name="Hem två")
    with pytest.raises(DomainError, match="Hem två ingår inte i leverantörens avtal"):
        services.deviation_report(
            agreement=agreement,
            supplier=supplier,
            unit=elsewhere,
            category="quality",
            description="x",
            occurred_on=D(2024, 5, 2),
            reporter_role="caseworker",
            user=caseworker,
        )


def test_no_category_is_chosen_for_the_reporter(client, caseworker, agreement, scope):
    client.force_login(caseworker)
    page = client.get(URL, {"agreement": agreement.pk}).content.decode()
    assert '<option value="" selected>Välj kategori</option>' in page
    response = client.post(URL, _report(agreement=agreement.pk, supplier=scope[0].pk, category=""))
    assert response.status_code == 200
    assert not Deviation.objects.exists()


def test_the_button_says_what_it_does(client, caseworker, agreement, scope):
    client.force_login(caseworker)
    page = client.get(URL, {"agreement": agreement.pk}).content.decode()
    assert '<button type="submit" class="btn btn-primary">Skicka rapport</button>' in page


def test_the_caseworker_sees_their_own_reports_and_what_became_of_them(
    client, caseworker, strategist, agreement, scope
):
    client.force_login(caseworker)
    response = client.post(URL, _report(agreement=agreement.pk, supplier=scope[0].pk))
    assert response["Location"] == reverse("followups:my_deviations")
    handled = Deviation.objects.get()
    services.deviation_triage(
        deviation=handled,
        status="handled_in_case",
        reason="Fakturan krediterades i ärendet.",
        user=strategist,
    )
    client.post(
        URL,
        _report(agreement=agreement.pk, supplier=scope[1].pk, category="staffing"),
    )
    escalated = Deviation.objects.get(category="staffing")
    services.deviation_triage(
        deviation=escalated, status="escalated", reason="Upprepade brister.", user=strategist
    )
    someone_else = _UserFactory(username="annan", role="caseworker")
    services.deviation_report(
        agreement=agreement,
        supplier=scope[0],
        category="quality",
        description="Någon annans rapport.",
        occurred_on=D(2024, 5, 3),
        reporter_role="caseworker",
        user=someone_else,
    )

    page = client.get(reverse("followups:my_deviations")).content.decode()
    text = " ".join(re.sub(r"<[^>]+>", " ", page).split())
    assert "Hanterad i det enskilda ärendet" in text
    assert "Fakturan krediterades i ärendet." in text
    assert "Eskalerad till uppföljning" in text
    assert "Uppföljningen pågår." in text
    assert "Någon annans rapport." not in text
    assert text.count("Leverantören debiterade dubbelt.") == 2


def test_my_reports_is_in_the_caseworkers_menu_and_only_for_reporters(client, caseworker):
    client.force_login(caseworker)
    page = client.get(reverse("dashboard")).content.decode()
    assert f'href="{reverse("followups:my_deviations")}"' in page
    assert "Mina rapporter" in page
    client.force_login(_UserFactory(username="nämnd", role="board_reader"))
    assert client.get(reverse("followups:my_deviations")).status_code == 403
