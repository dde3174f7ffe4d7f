"""A strategist registers a supplier in the browser (issue: foundation and register)."""

import re

from playwright.sync_api import expect

from tests.factories import UserFactory


def test_strategist_creates_supplier_and_sees_history(page, login):
    UserFactory(username="strateg", first_name="Karin", last_name="Allard", role="strategist")
    login("strateg")

    page.get_by_role("link", name="Leverantörer").click()
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
