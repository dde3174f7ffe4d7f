"""A strategist registers a supplier in the browser (issue: foundation and register)."""

import datetime
import re

from playwright.sync_api import expect

from tests.factories import ContractFactory, UserFactory


def test_strategist_creates_supplier_and_sees_history(page, login, follow_menu):
    UserFactory(username="strateg", first_name="Karin", last_name="Allard", role="strategist")
    login("strateg")

    follow_menu("Register", "Leverantörer")
    page.get_by_role("link", name="Lägg till").click()
    page.get_by_label("Namn").fill("Vibor Stödboende AB")
    page.get_by_label("Organisationsnummer").fill("556036-0794")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_text("kontrollsiffran stämmer inte")).to_be_visible()

    page.get_by_label("Organisationsnummer").fill("556036-0793")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("heading", name="Vibor Stödboende AB")).to_be_visible()
    history = page.get_by_role("region", name="Ändringshistorik")
    expect(history).to_contain_text(
        re.compile(r"Skapad \d{4}-\d{2}-\d{2} \d{2}:\d{2} av Karin Allard")
    )


def test_strategist_ends_a_contract_and_sees_the_decision_in_history(page, login, follow_menu):
    UserFactory(username="strateg", first_name="Karin", last_name="Allard", role="strategist")
    contract = ContractFactory(
        agreement__name="HVB barn och unga",
        supplier__name="Solrosen Omsorg AB",
        start_date=datetime.date(2021, 3, 1),
    )
    login("strateg")

    follow_menu("Register", "Ramavtal")
    page.get_by_role("link", name="HVB barn och unga").click()
    contracts = page.get_by_role("region", name="Avtal")
    expect(contracts).to_contain_text("Aktivt")
    contracts.get_by_role("link", name="Solrosen Omsorg AB").click()
    page.get_by_role("link", name="Avsluta avtal").click()

    page.get_by_label("Hur avtalet upphör").select_option(label="Uppsagt")
    page.get_by_label("Datum").fill("2024-05-02")
    page.get_by_label("Skäl").select_option(label="Svag ekonomi eller obestånd")
    page.get_by_label("Beslutets diarienummer").fill("SCN-2024-00112")
    page.get_by_label("Kommentar").fill("Leverantören har gått i konkurs.")
    # Keyboard only from here: focus the button and press Enter, as a keyboard user would.
    page.get_by_role("button", name="Spara beslut").focus()
    page.keyboard.press("Enter")

    expect(page.get_by_role("status")).to_contain_text("Avtalet har avslutats.")
    expect(page.get_by_role("link", name="Avsluta avtal")).to_have_count(0)
    expect(page.get_by_role("link", name="Redigera")).to_have_count(0)
    history = page.get_by_role("region", name="Ändringshistorik")
    expect(history).to_contain_text(
        re.compile(r"Ändrad \d{4}-\d{2}-\d{2} \d{2}:\d{2} av Karin Allard – Avtalet har upphört")
    )
    expect(history).to_contain_text("Status: Aktivt → Uppsagt")
    expect(history).to_contain_text("Upphörde: – → 2024-05-02")
    expect(history).to_contain_text("Skäl: – → Svag ekonomi eller obestånd")
    expect(history).to_contain_text("Beslutets diarienummer: – → SCN-2024-00112")

    page.goto(contract.agreement.get_absolute_url())
    expect(page.get_by_role("region", name="Avtal")).to_contain_text("Uppsagt 2024-05-02")
    expect(page.get_by_text("Antal avtalade leverantörer")).to_be_visible()
    expect(page.locator("dd", has_text=re.compile(r"^0$"))).to_have_count(1)


def test_strategist_starts_and_lifts_an_exclusion(page, login):
    UserFactory(username="strateg", first_name="Karin", last_name="Allard", role="strategist")
    contract = ContractFactory(
        agreement__name="HVB barn och unga", supplier__name="Gläntan Omsorg AB"
    )
    login("strateg")

    page.goto(contract.get_absolute_url())
    page.get_by_role("link", name="Uteslut från avrop").click()
    page.get_by_label("Skäl").select_option(label="Tillsynsärende hos IVO")
    page.get_by_label("Beskrivning").fill("IVO har inlett tillsyn efter anmälan.")
    page.get_by_label("Beslutad av").fill("Avdelningschef")
    page.get_by_label("Beslutsdatum").fill("2024-03-01")
    page.get_by_label("Beslutets diarienummer").fill("SCN-2024-00090")
    page.get_by_label("Startdatum").fill("2024-03-04")
    page.get_by_role("button", name="Spara").click()

    expect(page.get_by_role("status")).to_contain_text("Uteslutningen har registrerats.")
    expect(page.get_by_text("Gäller", exact=True)).to_be_visible()
    history = page.get_by_role("region", name="Ändringshistorik")
    expect(history).to_contain_text(re.compile(r"Skapad .* av Karin Allard – Uteslutning beslutad"))

    page.get_by_role("link", name="Häv uteslutning").click()
    page.get_by_label("Hävs från och med").fill("2024-03-01")
    page.get_by_label("Skälkategori för hävning").select_option(
        label="IVO har avslutat sitt tillsynsärende"
    )
    page.get_by_label("Beslutets diarienummer").fill("SCN-2024-00150")
    page.get_by_label("Skäl till att uteslutningen hävs").fill("IVO har avslutat tillsynen.")
    page.get_by_role("button", name="Spara beslut").click()
    expect(page.get_by_role("alert")).to_contain_text("Inget har sparats.")
    expect(page.get_by_text("En uteslutning kan inte hävas innan den har börjat.")).to_be_visible()

    page.get_by_label("Hävs från och med").fill("2024-06-10")
    page.get_by_role("button", name="Spara beslut").click()

    expect(page.get_by_role("status")).to_contain_text("Uteslutningen har hävts.")
    expect(page.get_by_text("Hävd 2024-06-10")).to_be_visible()
    expect(page.get_by_role("link", name="Häv uteslutning")).to_have_count(0)
    history = page.get_by_role("region", name="Ändringshistorik")
    expect(history).to_contain_text(re.compile(r"Ändrad .* av Karin Allard – Uteslutningen hävd"))
    expect(history).to_contain_text("Hävd: – → 2024-06-10")
    expect(history).to_contain_text("Diarienummer för beslut om hävning: – → SCN-2024-00150")
