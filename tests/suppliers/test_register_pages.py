"""The register's pages as a strategist uses them: lists that filter, detail pages, history."""

import datetime
import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from suppliers.models import ContractStatus, ProcurementType, TargetGroup
from tests.factories import (
    AgreementFactory,
    BoardFactory,
    ContractFactory,
    ExclusionFactory,
    PurchaseFactory,
    RepresentativeFactory,
    SupplierFactory,
    UnitFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

NBSP = "\xa0"


def text(response) -> str:
    """The page as a reader sees it: tags removed, entities decoded, whitespace collapsed."""
    body = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"[ \t\r\n]+", " ", html.unescape(body))


def listed(client, url_name, **params):
    response = client.get(reverse(f"suppliers:{url_name}"), params)
    assert response.status_code == 200
    return set(response.context["object_list"])


# --- Lists: search, filters, pagination ---------------------------------------------------


def test_agreements_filter_by_board_procurement_target_group_and_period(strategist_client):
    today = timezone.localdate()
    year = datetime.timedelta(days=365)
    other_board = BoardFactory(name="Äldrenämnden")
    current = AgreementFactory(
        name="HVB barn och unga",
        reference="SCN-2019-0437",
        start_date=today - year,
        end_date=today - datetime.timedelta(days=1),
        option_end_date=today + year,
    )
    ended = AgreementFactory(
        board=other_board,
        procurement_type=ProcurementType.LOV,
        target_group=TargetGroup.ADULTS,
        start_date=today - 3 * year,
        end_date=today - year,
        option_end_date=None,
    )
    future = AgreementFactory(
        start_date=today + year, end_date=today + 2 * year, option_end_date=None
    )

    assert listed(strategist_client, "agreement_list", board=other_board.pk) == {ended}
    assert listed(strategist_client, "agreement_list", procurement_type="lov") == {ended}
    assert listed(strategist_client, "agreement_list", target_group="children") == {
        current,
        future,
    }
    assert listed(strategist_client, "agreement_list", period="current") == {current}
    assert listed(strategist_client, "agreement_list", period="ended") == {ended}
    assert listed(strategist_client, "agreement_list", period="future") == {future}
    assert listed(strategist_client, "agreement_list", q="0437") == {current}
    assert listed(strategist_client, "agreement_list", q="hvb barn") == {current}


def test_suppliers_found_by_name_or_org_number_with_or_without_hyphen(strategist_client):
    vibor = SupplierFactory(name="Vibor Stödboende AB", org_number="556036-0793")
    other = SupplierFactory(name="Nordic Care AB")
    for query in ("vibor", "556036-0793", "5560360793", "556036", "5560360"):
        assert listed(strategist_client, "supplier_list", q=query) == {vibor}, query
    assert listed(strategist_client, "supplier_list", q="care") == {other}


def test_suppliers_filter_by_agreement(strategist_client):
    contract = ContractFactory()
    SupplierFactory()
    assert listed(strategist_client, "supplier_list", agreement=contract.agreement_id) == {
        contract.supplier
    }


def test_contracts_filter_by_agreement_and_status(strategist_client):
    active = ContractFactory()
    ended = ContractFactory(
        agreement=active.agreement,
        status=ContractStatus.TERMINATED,
        ended_on=datetime.date(2024, 5, 2),
    )
    elsewhere = ContractFactory()
    assert listed(strategist_client, "contract_list", agreement=active.agreement_id) == {
        active,
        ended,
    }
    assert listed(strategist_client, "contract_list", status="terminated") == {ended}
    assert listed(strategist_client, "contract_list", status="active") == {active, elsewhere}


def test_exclusions_filter_by_in_force_today_and_reason(strategist_client):
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    in_force = ExclusionFactory(start_date=today - day, reason="weak_economy")
    lift_tomorrow = ExclusionFactory(start_date=today - day, lifted_on=today + day)
    lifted = ExclusionFactory(start_date=today - 9 * day, lifted_on=today - day)
    not_started = ExclusionFactory(start_date=today + day, decided_on=today)
    assert listed(strategist_client, "exclusion_list", state="active") == {
        in_force,
        lift_tomorrow,
    }
    assert listed(strategist_client, "exclusion_list", state="inactive") == {lifted, not_started}
    assert listed(strategist_client, "exclusion_list", reason="weak_economy") == {in_force}


def test_purchases_filter_by_agreement_supplier_and_month_range(strategist_client):
    supplier, agreement = SupplierFactory(), AgreementFactory()
    months = [datetime.date(2024, m, 1) for m in (1, 2, 3, 4)]
    purchases = [PurchaseFactory(supplier=supplier, agreement=agreement, month=m) for m in months]
    other = PurchaseFactory(month=datetime.date(2024, 2, 1))
    assert listed(strategist_client, "purchase_list", supplier=supplier.pk) == set(purchases)
    assert listed(strategist_client, "purchase_list", agreement=other.agreement_id) == {other}
    assert listed(
        strategist_client,
        "purchase_list",
        supplier=supplier.pk,
        month_from="2024-02",
        month_to="2024-03",
    ) == set(purchases[1:3])
    response = strategist_client.get(reverse("suppliers:purchase_list"))
    assert 'type="month"' in response.content.decode()


def test_long_list_is_paginated_and_keeps_the_filter(strategist_client):
    for n in range(30):
        SupplierFactory(name=f"Omsorg {n:02d} AB")
    SupplierFactory(name="Annan AB")
    first = strategist_client.get(reverse("suppliers:supplier_list"), {"q": "omsorg"})
    assert len(first.context["object_list"]) == 25
    assert "30 poster" in text(first)
    assert "Sida 1 av 2" in text(first)
    assert "?q=omsorg&amp;page=2" in first.content.decode()
    second = strategist_client.get(reverse("suppliers:supplier_list"), {"q": "omsorg", "page": 2})
    assert len(second.context["object_list"]) == 5


# --- Detail pages -------------------------------------------------------------------------


def test_agreement_page_shows_period_type_owner_contracts_and_exclusions_in_force(
    strategist_client,
):
    owner = UserFactory(first_name="Karin", last_name="Allard", role="strategist")
    agreement = AgreementFactory(
        name="HVB barn och unga",
        reference="SCN-2019-0437",
        procurement_type=ProcurementType.LOU,
        start_date=datetime.date(2021, 3, 1),
        end_date=datetime.date(2025, 2, 28),
        option_end_date=datetime.date(2027, 2, 28),
        owner=owner,
    )
    first = ContractFactory(agreement=agreement, rank=1, supplier__name="Gläntan AB")
    ContractFactory(agreement=agreement, rank=2, supplier__name="Solrosen AB")
    ContractFactory(
        agreement=agreement,
        rank=3,
        supplier__name="Stängda AB",
        status=ContractStatus.RESCINDED,
        ended_on=datetime.date(2024, 6, 30),
        end_reason="permit_lost",
    )
    today = timezone.localdate()
    ExclusionFactory(supplier=first.supplier, contract=first, start_date=today)
    ExclusionFactory(
        supplier=first.supplier,
        contract=first,
        start_date=datetime.date(2023, 1, 1),
        lifted_on=datetime.date(2023, 2, 1),
        decision_reference="SCN-2023-00001",
    )

    page = text(strategist_client.get(agreement.get_absolute_url()))
    assert "Avtalsperiod 2021-03-01 – 2025-02-28" in page
    assert "Avtalsperiod inklusive option 2021-03-01 – 2027-02-28" in page
    assert "Upphandlingsform LOU" in page
    assert "Avtalsansvarig strateg Karin Allard" in page
    assert "Antal avtalade leverantörer 2" in page
    assert re.search(r"1 Gläntan AB .*? Aktivt", page)
    assert re.search(r"3 Stängda AB .*? Hävt 2024-06-30", page)
    assert page.index("Gläntan AB") < page.index("Solrosen AB") < page.index("Stängda AB")
    exclusions = page[page.index(f"Uteslutningar som gäller {today:%Y-%m-%d}") :]
    assert "Gläntan AB" in exclusions
    assert "SCN-2023-00001" not in exclusions


def test_supplier_page_shows_units_representatives_contracts_exclusions_and_purchase_sums(
    strategist_client,
):
    supplier = SupplierFactory(name="Vibor AB")
    UnitFactory(supplier=supplier, name="Vibor Gläntan unga vuxna")
    RepresentativeFactory(supplier=supplier, name="Eva Ek")
    hvb = ContractFactory(supplier=supplier, agreement__name="HVB barn och unga")
    ContractFactory(supplier=supplier, agreement__name="Stödboende")
    ExclusionFactory(supplier=supplier, contract=hvb, start_date=datetime.date(2024, 3, 1))
    ExclusionFactory(
        supplier=supplier,
        start_date=datetime.date(2022, 3, 1),
        lifted_on=datetime.date(2022, 9, 1),
    )
    PurchaseFactory(
        supplier=supplier,
        agreement=hvb.agreement,
        month=datetime.date(2023, 12, 1),
        amount=234567,
        placements=1,
    )
    PurchaseFactory(
        supplier=supplier,
        agreement=hvb.agreement,
        month=datetime.date(2024, 1, 1),
        amount=1000000,
        placements=2,
    )

    page = text(strategist_client.get(supplier.get_absolute_url()))
    assert "Vibor Gläntan unga vuxna" in page
    assert "Eva Ek" in page
    assert "HVB barn och unga" in page
    assert "Stödboende" in page
    assert "2024-03-01" in page  # the exclusion in force
    assert "2022-09-01" in page  # the lifted one, past
    assert f"HVB barn och unga 2023-12 – 2024-01 1{NBSP}234{NBSP}567{NBSP}kr 3" in page
    assert f"2024 HVB barn och unga 1{NBSP}000{NBSP}000{NBSP}kr 2" in page
    assert f"2023 HVB barn och unga 234{NBSP}567{NBSP}kr 1" in page


# --- Decisions are kept in history --------------------------------------------------------


@pytest.fixture
def karin_client(client):
    client.force_login(
        UserFactory(username="karin", first_name="Karin", last_name="Allard", role="strategist")
    )
    return client


def history_section(response) -> str:
    page = text(response)
    return page[page.index("Ändringshistorik") :]


def test_ending_a_contract_is_kept_in_history_with_who_when_and_what(karin_client):
    contract = ContractFactory()
    response = karin_client.post(
        reverse("suppliers:contract_end", args=[contract.pk]),
        {
            "status": "terminated",
            "ended_on": "2024-05-02",
            "reason": "economy",
            "decision_reference": "SCN-2024-00112",
        },
        follow=True,
    )
    assert "Avtalet har avslutats." in text(response)
    assert "Status Uppsagt Upphörde 2024-05-02 Skäl Svag ekonomi eller obestånd" in text(response)
    history = history_section(response)
    now = timezone.localtime()
    assert re.search(
        rf"Ändrad {now:%Y-%m-%d} \d\d:\d\d av Karin Allard – Avtalet har upphört", history
    )
    assert "Status: Aktivt → Uppsagt" in history
    assert "Upphörde: – → 2024-05-02" in history
    assert "Skäl: – → Svag ekonomi eller obestånd" in history
    assert "Beslutets diarienummer: – → SCN-2024-00112" in history


def test_starting_and_lifting_an_exclusion_is_kept_in_history(karin_client):
    contract = ContractFactory()
    response = karin_client.post(
        reverse("suppliers:exclusion_add"),
        {
            "supplier": contract.supplier_id,
            "contract": contract.pk,
            "reason": "ivo_supervision",
            "decided_by": "Avdelningschef",
            "decided_on": "2024-03-01",
            "decision_reference": "SCN-2024-00090",
            "start_date": "2024-03-04",
        },
        follow=True,
    )
    assert "Uteslutningen har registrerats." in text(response)
    history = history_section(response)
    assert re.search(r"Skapad .*? av Karin Allard – Uteslutning beslutad", history)
    exclusion = contract.exclusions.get()
    response = karin_client.post(
        reverse("suppliers:exclusion_lift", args=[exclusion.pk]),
        {
            "lifted_on": "2024-06-10",
            "lift_reference": "SCN-2024-00150",
            "lift_reason": "remedied",
            "lift_note": "Åtgärdat",
        },
        follow=True,
    )
    history = history_section(response)
    assert re.search(r"Ändrad .*? av Karin Allard – Uteslutningen hävd", history)
    assert "Hävd: – → 2024-06-10" in history
    assert "Diarienummer för beslut om hävning: – → SCN-2024-00150" in history


# --- Query counts do not grow with rows ---------------------------------------------------


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def make_rows(n, agreement, supplier):
    for _ in range(n):
        other = SupplierFactory()
        unit = UnitFactory(supplier=other)
        contract = ContractFactory(agreement=agreement, supplier=other)
        contract.units.add(unit)
        ExclusionFactory(supplier=other, contract=contract, start_date=timezone.localdate())
        RepresentativeFactory(supplier=other)
        PurchaseFactory(supplier=other, agreement=agreement)
        own_agreement = AgreementFactory()
        own_unit = UnitFactory(supplier=supplier)
        own = ContractFactory(agreement=own_agreement, supplier=supplier)
        own.units.add(own_unit)
        ExclusionFactory(supplier=supplier, contract=own)
        RepresentativeFactory(supplier=supplier)
        PurchaseFactory(supplier=supplier, agreement=own_agreement)


LIST_PAGES = [
    "board_list",
    "agreement_list",
    "supplier_list",
    "unit_list",
    "representative_list",
    "contract_list",
    "exclusion_list",
    "purchase_list",
]


def test_list_and_detail_pages_make_as_many_queries_for_many_rows_as_for_few(
    strategist_client,
):
    agreement = AgreementFactory()
    supplier = SupplierFactory()
    contract = ContractFactory(agreement=agreement, supplier=supplier)
    unit = UnitFactory(supplier=supplier)

    def more_rows(n):
        make_rows(n, agreement, supplier)
        for _ in range(n):
            ExclusionFactory(supplier=supplier, contract=contract)
            ContractFactory(supplier=supplier).units.add(unit)
            AgreementFactory(board=agreement.board)

    more_rows(2)
    urls = [reverse(f"suppliers:{name}") for name in LIST_PAGES] + [
        agreement.get_absolute_url(),
        supplier.get_absolute_url(),
        contract.get_absolute_url(),
        unit.get_absolute_url(),
        agreement.board.get_absolute_url(),
    ]
    few = {url: queries(strategist_client, url) for url in urls}
    more_rows(8)
    many = {url: queries(strategist_client, url) for url in urls}
    assert many == few


@pytest.mark.parametrize("url_name", LIST_PAGES[1:])
def test_list_filters_offer_all_as_the_empty_choice(strategist_client, url_name):
    AgreementFactory()
    page = strategist_client.get(reverse(f"suppliers:{url_name}")).content.decode()
    assert "---------" not in page
    assert '<option value="" selected>Alla</option>' in page
