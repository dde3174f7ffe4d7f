"""The year 2024 of 004_… in the browser (issue 4): a special follow-up of Stödboende för
ungdomar from selection to verified action plan, and an escalation that ends in a
temporary exclusion from call-offs."""

import datetime
import re
from decimal import Decimal

from playwright.sync_api import expect

from followups.models import Finding, FollowUp
from suppliers.models import Exclusion
from tests.factories import (
    AgreementFactory,
    ContractFactory,
    PurchaseFactory,
    SupplierFactory,
    UnitFactory,
    UserFactory,
)

# The five the board bought most from, Jan 2023 – Apr 2024 (004_…), and two smaller ones.
BOUGHT = [
    ("Vibor Stödboende AB", "5100000", 30),
    ("Utslussen Vård AB", "4900000", 10),
    ("Allviken Vård AB", "2000000", 5),
    ("Hudiksvalls Ungdomshem Ekonomisk förening", "1300000", 2),
    ("Humanisthemmet EQ AB", "900000", 5),
    ("Liten Stödboende AB", "500000", 1),
    ("Mindre Omsorg AB", "300000", 1),
]


def _year_2024():
    agreement = AgreementFactory(
        name="Stödboende för ungdomar",
        reference="SCN-2021-00275",
        start_date=datetime.date(2021, 5, 1),
        end_date=datetime.date(2025, 4, 30),
        option_end_date=datetime.date(2027, 4, 30),
    )
    suppliers = {}
    for rank, (name, amount, placements) in enumerate(BOUGHT, start=1):
        supplier = suppliers[name] = SupplierFactory(name=name)
        contract = ContractFactory(agreement=agreement, supplier=supplier, rank=rank)
        contract.units.add(UnitFactory(supplier=supplier, name=f"{name.split()[0]} boende"))
        # Spread over two months inside the period.
        for month in (datetime.date(2023, 6, 1), datetime.date(2024, 2, 1)):
            PurchaseFactory(
                agreement=agreement,
                supplier=supplier,
                month=month,
                amount=Decimal(amount) / 2,
                placements=placements // 2 + (placements % 2 if month.year == 2024 else 0),
            )
    # A big purchase before the period must not count.
    PurchaseFactory(
        agreement=agreement,
        supplier=suppliers["Mindre Omsorg AB"],
        month=datetime.date(2022, 6, 1),
        amount=Decimal(9_000_000),
        placements=20,
    )
    return agreement


def _save(page):
    page.get_by_role("button", name="Spara", exact=True).click()


def test_special_followup_of_supported_housing_from_selection_to_exclusion(
    page, login, follow_menu
):
    _year_2024()
    UserFactory(username="strateg", first_name="Karin", last_name="Allard", role="strategist")
    login("strateg")

    # Plan the special follow-up from the desk.
    follow_menu("Mitt skrivbord", "Mitt skrivbord")
    page.get_by_role("link", name="Planera uppföljning").click()
    page.get_by_label("Typ").select_option(label="Särskild uppföljning")
    page.get_by_label("Ramavtal").select_option(label="Stödboende för ungdomar")
    page.get_by_label("Planerad start").fill("2024-09-01")
    page.get_by_label("Planerat slut").fill("2024-12-20")
    page.get_by_label("Urvalsperiodens början").fill("2023-01-01")
    page.get_by_label("Urvalsperiodens slut").fill("2024-04-30")
    _save(page)

    # Select the top five by purchase value.
    expect(page.get_by_role("heading", name="Välj leverantörer utifrån inköp")).to_be_visible()
    rows = page.locator("table tbody tr")
    expect(rows.first).to_contain_text("Vibor Stödboende AB")
    expect(rows.first).to_contain_text("5,1\xa0mkr")
    expect(rows.nth(6)).to_contain_text("Mindre Omsorg AB")
    for name, _amount, _placements in BOUGHT[:5]:
        page.get_by_label(name, exact=True).check()
    page.get_by_role("button", name="Spara urval").click()

    expect(page.get_by_role("heading", name="Särskild uppföljning Stödboende för ungdomar 2024"))
    scope = page.get_by_role("region", name="Omfattning")
    for name, _amount, _placements in BOUGHT[:5]:
        expect(scope).to_contain_text(name)
    expect(scope).not_to_contain_text("Liten Stödboende AB")

    page.get_by_role("link", name="Starta uppföljningen").click()
    page.get_by_label("Startad").fill("2024-09-02")
    _save(page)
    expect(page.locator("main p > .badge").first).to_have_text("Pågående")

    # An unannounced evening visit finds no evening staff.
    page.get_by_role("link", name="Lägg till platsbesök").click()
    page.get_by_label("Verksamhet").select_option(label="Allviken Vård AB – Allviken boende")
    page.get_by_label("Anmälan").select_option(label="Oanmält")
    page.get_by_label("Tid på dygnet").select_option(label="Kvällstid")
    page.get_by_label("Besöksdatum").fill("2024-10-08")
    page.get_by_label("Vilka som deltog").fill("Två avtalsansvariga strateger")
    page.get_by_label("Vad som iakttogs").fill(
        "Kvällsbemanningen borttagen efter kl. 19 utan att kommunen meddelats; "
        "personal kom efter en halvtimme."
    )
    _save(page)
    methods = page.get_by_role("region", name="Metoder")
    expect(methods).to_contain_text("Oanmält, kvällstid")

    # The finding: feedback, action plan, verified.
    page.get_by_role("link", name="Registrera brist").click()
    page.get_by_label("Leverantör").select_option(label="Allviken Vård AB")
    page.get_by_label("Område").select_option(label="Bemanning och beredskap")
    page.get_by_label("Allvarlighetsgrad").select_option(label="Betydande")
    page.get_by_label("Beskrivning").fill("Kvällsbemanning saknas efter kl. 19.")
    page.get_by_label("Ska vara åtgärdat senast").fill("2024-08-01")
    _save(page)
    expect(page.get_by_text("kan inte vara före uppföljningens start")).to_be_visible()
    page.get_by_label("Ska vara åtgärdat senast").fill("2024-11-30")
    _save(page)

    expect(page.locator("main p > .badge").first).to_have_text("Öppen")
    page.get_by_role("link", name="Ge återkoppling").click()
    page.get_by_label("Återkoppling given").fill("2024-10-15")
    page.get_by_label("Given via").select_option(label="Möte")
    page.get_by_label("Vad leverantören fick veta").fill("Kvällsbemanningen ska återinföras.")
    _save(page)
    page.get_by_role("link", name="Ta emot åtgärdsplan").click()
    page.get_by_label("Inkom").fill("2024-10-25")
    page.get_by_label("Åtgärder").fill("Personal på plats till kl. 22 alla dagar.")
    page.get_by_label("Åtgärdsplanens slutdatum").fill("2024-11-15")
    _save(page)
    page.get_by_role("link", name="Verifiera").click()
    page.locator("#id_verified_on").fill("2024-11-20")
    page.get_by_label("Hur det verifierades").fill("Nytt oanmält kvällsbesök, personal på plats.")
    _save(page)
    expect(page.locator("main p > .badge").first).to_have_text("Verifierad")
    path = page.get_by_role("region", name="Förlopp")
    expect(path).to_contain_text("Återkoppling given 2024-10-15 (möte) av Karin Allard")
    expect(path).to_contain_text("Åtgärdsplan inkom 2024-10-25, slutdatum 2024-11-15")
    expect(path).to_contain_text("Verifierad 2024-11-20 av Karin Allard")

    # Another finding is escalated to an event-driven follow-up …
    page.get_by_role("link", name=re.compile("Särskild uppföljning Stödboende")).click()
    page.get_by_role("link", name="Registrera brist").click()
    page.get_by_label("Leverantör").select_option(label="Humanisthemmet EQ AB")
    page.get_by_label("Allvarlighetsgrad").select_option(label="Allvarlig")
    page.get_by_label("Beskrivning").fill(
        "Inget bemanningsschema kunde visas vid kvällsbesöket; personal osäker."
    )
    _save(page)
    page.get_by_role("link", name="Eskalera").click()
    page.get_by_label("Eskalera till").select_option(label="Händelsestyrd uppföljning")
    page.get_by_label("Datum").fill("2024-11-05")
    page.get_by_label("Skäl").fill("Uppgifter i media och efter samtalet med ledningen.")
    _save(page)
    expect(
        page.get_by_role("heading", name="Händelsestyrd uppföljning av Humanisthemmet EQ AB")
    ).to_be_visible()

    # … which ends in a temporary exclusion decided by the board.
    page.get_by_role("link", name="Registrera brist").click()
    page.get_by_label("Leverantör").select_option(label="Humanisthemmet EQ AB")
    page.get_by_label("Allvarlighetsgrad").select_option(label="Allvarlig")
    page.get_by_label("Beskrivning").fill("Påtalade brister har inte åtgärdats.")
    _save(page)
    page.get_by_role("link", name="Eskalera").click()
    page.get_by_label("Eskalera till").select_option(
        label="Förslag om tillfällig uteslutning från avrop"
    )
    page.get_by_label("Datum").fill("2024-11-25")
    page.get_by_label("Skäl").fill("Leverantören har inte åtgärdat bristerna.")
    _save(page)
    page.get_by_role("link", name="Registrera nämndens beslut").click()
    # The decision first; then only its fields (issue 13 §5).
    page.get_by_label("Tillfällig uteslutning från avrop").check()
    page.get_by_role("button", name="Fortsätt").click()
    expect(page.get_by_label("Hur avtalet upphör")).to_have_count(0)
    page.get_by_label("Beslutad av").fill("Socialnämndens arbetsutskott")
    page.get_by_label("Beslutsdatum").fill("2024-12-02")
    page.get_by_label("Beslutets diarienummer").fill("SCN-2024-00871")
    page.get_by_label("Uteslutningen börjar").fill("2024-12-03")
    page.get_by_label("Omprövningsdatum").fill("2025-03-01")
    _save(page)
    expect(page.get_by_role("link", name="Uteslutning SCN-2024-00871")).to_be_visible()

    exclusion = Exclusion.objects.get()
    assert exclusion.supplier.name == "Humanisthemmet EQ AB"
    assert exclusion.contract.agreement.name == "Stödboende för ungdomar"
    assert exclusion.is_active_on(datetime.date(2024, 12, 3))
    special = FollowUp.objects.get(kind="special")
    assert special.suppliers.count() == 5
    assert Finding.objects.get(supplier__name="Allviken Vård AB").status == "verified"
    assert FollowUp.objects.get(kind="event_driven").trigger_finding.followup == special
