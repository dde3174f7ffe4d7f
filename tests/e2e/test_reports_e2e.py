"""In the demo, a strategist generates the 2024 report, edits the conclusions and finalises it;
a board reader downloads the identical file (issue: the board's documents)."""

import datetime
import hashlib

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from reports.models import Report
from uppfoljning.core.roles import ROLE_PERMISSIONS
from uppfoljning.demo.loader import load_demo

pytestmark = pytest.mark.pdf  # generates and downloads the report PDF

ROLES = tuple(ROLE_PERMISSIONS)
PASSWORD = "uppfoljning-demo"


def _download(page, link) -> bytes:
    with page.expect_download() as info:
        link.click()
    return open(info.value.path(), "rb").read()


def test_strategist_finalises_2024_report_and_board_reader_downloads_the_same_file(
    page, login, browser, live_server
):
    # An earlier browser test's flush may have emptied the role groups the migration made.
    for role in ROLES:
        Group.objects.get_or_create(name=role)
    load_demo(today=datetime.date(2026, 11, 23))
    login("strateg", PASSWORD)

    page.get_by_role("link", name="Rapporter", exact=True).click()
    page.get_by_role("link", name="Ny årsrapport").click()
    page.get_by_label("År").fill("2024")
    page.get_by_label("Diarienummer").fill("SCN-2025-00012")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("heading", name="Uppföljning av privata utförare 2024")).to_be_visible()

    page.set_default_timeout(60_000)  # a PDF of the demo year takes a while on a busy machine
    page.get_by_role("button", name="Skapa PDF").click()
    expect(page.get_by_role("button", name="Fastställ")).to_be_visible(timeout=180_000)

    page.get_by_role("link", name="Redigera texter").click()
    conclusions = page.get_by_label("Bedömning och slutsatser")
    expect(conclusions).to_contain_text("tillfälliga uteslutningar från avrop")
    conclusions.fill("Kontrollen av leverantörerna bedöms som tillräcklig.")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("status").first).to_contain_text("Texterna har sparats")
    expect(page.get_by_text("Texterna har ändrats efter senaste PDF")).to_be_visible()
    expect(page.get_by_role("button", name="Fastställ")).to_have_count(0)

    page.get_by_role("button", name="Skapa PDF").click()
    expect(page.get_by_role("button", name="Fastställ")).to_be_visible(timeout=180_000)
    page.get_by_role("button", name="Fastställ").click()
    expect(page.get_by_role("status").first).to_contain_text("Rapporten är fastställd")
    expect(page.get_by_role("button", name="Skapa PDF")).to_have_count(0)
    strategist_copy = _download(page, page.get_by_role("link", name="Ladda ner fastställd PDF"))

    report = Report.objects.get()
    assert report.status == "finalised" and report.final_file.version == 2
    assert hashlib.sha256(strategist_copy).hexdigest() == report.final_file.sha256

    board = browser.new_context(locale="sv-SE", base_url=live_server.url, accept_downloads=True)
    board_page = board.new_page()
    board_page.set_default_timeout(30_000)
    board_page.goto("/login/")
    board_page.get_by_label("Användarnamn").fill("namnd")
    board_page.get_by_label("Lösenord").fill(PASSWORD)
    board_page.get_by_role("button", name="Logga in").click()
    board_page.get_by_role("link", name="Rapporter", exact=True).click()
    row = board_page.get_by_role("row", name="Uppföljning av privata utförare 2024")
    board_copy = _download(board_page, row.get_by_role("link", name="Ladda ner PDF"))
    assert hashlib.sha256(board_copy).hexdigest() == report.final_file.sha256
    assert board_copy == strategist_copy
    # The board reader cannot open the report's working page.
    response = board_page.goto(f"/reports/{report.pk}/")
    assert response.status == 403
    board.close()
