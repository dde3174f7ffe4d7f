"""Two journeys of issue 13 §5 in the browser: a caseworker reports a deviation and follows
it under "Mina rapporter"; a board reader finds the finalised documents on the start page."""

import hashlib
import re
from pathlib import Path

from playwright.sync_api import expect

from followups.cases import services
from followups.models import Deviation
from tests.factories import (
    AgreementFactory,
    BoardFactory,
    ContractFactory,
    SupplierFactory,
    UnitFactory,
    UserFactory,
)
from tests.reports.helpers import finalised_report


def _agreement(name, suppliers):
    agreement = AgreementFactory(name=name)
    for supplier_name in suppliers:
        supplier = SupplierFactory(name=supplier_name)
        contract = ContractFactory(agreement=agreement, supplier=supplier)
        contract.units.add(UnitFactory(supplier=supplier, name=f"{supplier_name.split()[0]} hem"))
    return agreement


def test_caseworker_reports_a_deviation_and_follows_it_under_my_reports(page, login):
    caseworker = UserFactory(username="socialsekreterare", role="caseworker")
    strategist = UserFactory(username="strateg", role="strategist")
    _agreement("Stödboende för ungdomar", ["Vibor Stödboende AB", "Utslussen Vård AB"])
    _agreement("HVB för vuxna missbrukare", ["Annat Behandlingshem AB"])
    login("socialsekreterare")

    menu = page.get_by_role("navigation", name="Huvudmeny")
    menu.get_by_role("link", name="Rapportera avvikelse").click()
    page.get_by_label("Ramavtal").select_option(label="Stödboende för ungdomar")
    page.get_by_role("button", name="Fortsätt").click()
    # Only the agreement's own suppliers, and no category chosen in advance.
    supplier = page.get_by_label("Leverantör")
    expect(supplier.locator("option")).to_have_text(
        ["---------", "Utslussen Vård AB", "Vibor Stödboende AB"]
    )
    expect(page.get_by_label("Kategori")).to_have_value("")
    supplier.select_option(label="Vibor Stödboende AB")
    page.get_by_label("Verksamhet").select_option(label="Vibor Stödboende AB – Vibor hem")
    page.get_by_role("button", name="Skicka rapport").click()
    expect(page.get_by_label("Kategori")).to_have_class(re.compile(r"\bis-invalid\b"))
    page.get_by_label("Kategori").select_option(label="Bemanning")
    page.get_by_label("Vad hände").fill("Ingen personal på plats vid överlämningen kl. 18.")
    page.get_by_role("button", name="Skicka rapport").click()

    expect(page.get_by_role("heading", name="Mina rapporter")).to_be_visible()
    expect(page.get_by_role("status").first).to_contain_text("Avvikelsen har rapporterats")
    row = page.get_by_role("row", name="Vibor Stödboende AB")
    expect(row).to_contain_text("Ny")
    expect(row).to_contain_text("Väntar på att en strateg bedömer den.")

    deviation = Deviation.objects.get()
    assert deviation.reported_by == caseworker and deviation.unit.name == "Vibor hem"
    services.deviation_triage(
        deviation=deviation,
        status="escalated",
        reason="Tredje rapporten om bemanningen i år.",
        user=strategist,
    )
    page.goto("/")
    menu.get_by_role("link", name="Mina rapporter").click()
    row = page.get_by_role("row", name="Vibor Stödboende AB")
    expect(row).to_contain_text("Eskalerad till uppföljning")
    expect(row).to_contain_text("Tredje rapporten om bemanningen i år.")
    expect(row).to_contain_text("Uppföljningen pågår.")


def test_board_reader_downloads_a_finalised_document_from_the_start_page(browser, live_server):
    strategist = UserFactory(username="strateg", role="strategist")
    UserFactory(username="namnd", role="board_reader")
    board = BoardFactory()
    content = b"%PDF-1.4 Uppfoljning av privata utforare 2024"
    report = finalised_report(
        board, strategist, "Uppföljning av privata utförare 2024", "SCN-2025-00012", 24, content
    )

    context = browser.new_context(locale="sv-SE", base_url=live_server.url, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto("/login/")
    page.get_by_label("Användarnamn").fill("namnd")
    page.get_by_label("Lösenord").fill("lösenord-123")
    page.get_by_role("button", name="Logga in").click()

    documents = page.get_by_role("region", name="Fastställda dokument")
    row = documents.get_by_role("row", name="Uppföljning av privata utförare 2024")
    expect(row).to_contain_text("SCN-2025-00012")
    with page.expect_download() as info:
        row.get_by_role("link", name="Ladda ner PDF (24 sidor)").click()
    downloaded = Path(info.value.path()).read_bytes()
    assert hashlib.sha256(downloaded).hexdigest() == report.final_file.sha256
    context.close()
