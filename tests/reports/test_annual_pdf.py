"""The yearly report's PDF states the figures of the fixture year, read back with pypdf."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from reports.periods import report_period
from reports.rendering import render_pdf
from reports.selectors import annual_report_context
from tests.factories import AgreementFactory, ContractFactory, SupplierFactory
from tests.followups.factories import FollowUpFactory

from .helpers import pdf_pages, pdf_text

pytestmark = [pytest.mark.django_db, pytest.mark.pdf]


@pytest.fixture
def annual_pdf(fixture_year, tmp_path):
    out = tmp_path / "rapport.pdf"
    call_command("make_report", "annual", "--year", "2024", "--output", str(out))
    return out.read_bytes()


def test_report_counts_terminations_rescissions_and_exclusions_per_agreement(annual_pdf):
    text = pdf_text(annual_pdf)
    # Agreement, terminated, rescinded, exclusions, suppliers excluded; 2023 events left out.
    assert "HVB barn och unga 3 0 5 5" in text
    assert "Skyddat boende 1 2 1 1" in text
    assert "Totalt 4 2 6 6" in text


def test_report_lists_reasons_per_agreement(annual_pdf):
    text = pdf_text(annual_pdf)
    assert "Uppsagt Har förlorat sitt tillstånd 2" in text
    assert "Uppsagt Svag ekonomi eller obestånd 1" in text
    assert "Tillfälligt utesluten Tillsynsärende hos IVO 3" in text
    assert "Tillfälligt utesluten Svag ekonomi 2" in text
    assert "Hävt Har inte ansökt om krävt tillstånd 2" in text
    assert "Tillfälligt utesluten Utredning 1" in text
    assert "vilande" not in text.lower()  # the 2023 exclusion for a dormant operation


def test_report_shows_economic_exclusions_and_ivo_figures(annual_pdf):
    text = pdf_text(annual_pdf)
    assert "HVB barn och unga 2 1" in text  # weak-economy exclusions, economic terminations
    assert "Skyddat boende 0 0" in text
    # IVO: 8 checks of 5 suppliers, 5 without remark, 3 with remark, 0 serious, 3 exclusions.
    assert "8 5 5 3 0 3" in text
    # IVO on time at the period's end: 3 of HVB's 5 running contracts checked after 2024-06-30.
    assert "HVB barn och unga 5 3 60 % Inte tillräcklig" in text


def test_agreement_table_has_reference_period_option_and_suppliers(annual_pdf):
    text = pdf_text(annual_pdf)
    assert "HVB barn och unga SCN-2019-0437 2021-03-01 – 2025-02-28 2027-02-28 5" in text
    assert "Skyddat boende SCN-2022-00100 2022-05-01 – 2026-04-30 – 2" in text


def test_report_has_page_numbers_and_municipality_on_every_page(annual_pdf):
    pages = pdf_pages(annual_pdf)
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        assert f"Sida {number} av {len(pages)}" in page
    for page in pages[1:]:
        assert "Exempelkommun" in page


def test_cover_memo_has_the_decision_sections(annual_pdf):
    text = pdf_text(annual_pdf)
    for heading in (
        "Uppföljning av privata utförare 2024",
        "Förslag till beslut",
        "Ärendet",
        "Beredning",
        "Föredragning",
        "Barnkonsekvensanalys",
        "Ekonomiska konsekvenser",
        "Beslutsunderlag",
        "Stina Strateg",
    ):
        assert heading in text
    assert "Socialnämnden beslutar" in text


def test_invoice_samples_section_appears_only_with_samples(fixture_year):
    board = fixture_year["board"]
    text = pdf_text(
        render_pdf("annual", annual_report_context(board, report_period(board, 2024))).content
    )
    assert "Stickprov på fakturor" in text
    assert "Utflyttsdagen fakturerad" in text
    text_2023 = pdf_text(
        render_pdf("annual", annual_report_context(board, report_period(board, 2023))).content
    )
    assert "Stickprov på fakturor" not in text_2023


def test_user_text_cannot_pull_in_files_and_is_shown_escaped(fixture_year):
    board = fixture_year["board"]
    evil = SupplierFactory(name='<img src="file:///etc/passwd">')
    contract = ContractFactory(agreement=fixture_year["hvb"], supplier=evil)
    contract.status, contract.ended_on, contract.end_reason = "terminated", "2024-05-01", "other"
    contract.decision_reference = "X"
    contract.save()
    board.municipality = '<link rel="stylesheet" href="file:///etc/passwd">Kommun'
    board.save()
    ctx = annual_report_context(board, report_period(board, 2024))
    pdf = render_pdf("annual", ctx)
    assert pdf.refused_urls == []  # nothing even tried: the markup is text
    assert "&lt;link rel=" in pdf.html
    assert "<link rel" not in pdf.html
    text = pdf_text(pdf.content)
    assert '<link rel="stylesheet" href="file:///etc/passwd">Kommun' in text
    assert "root:x:0" not in text


def test_fetcher_refuses_local_files_and_network(fixture_year):
    from reports.rendering import html_to_pdf

    pdf = html_to_pdf(
        '<img src="file:///etc/passwd"><img src="http://example.com/x.png">'
        '<link rel="stylesheet" href="/static/css/app.css"><p>Hej</p>'
    )
    assert "file:///etc/passwd" in pdf.refused_urls
    assert "http://example.com/x.png" in pdf.refused_urls
    assert not any("app.css" in url for url in pdf.refused_urls)  # own static file is allowed
    assert re.search("Hej", pdf_text(pdf.content))


def test_special_follow_up_selection_table_methods_and_results(annual_pdf):
    text = pdf_text(annual_pdf)
    # Purchase value and placements over the selection period only, most bought first.
    assert "Urval av leverantörer; inköpsvärde och placeringar 2023-01-01 – 2024-04-30" in text
    assert "Ramnäs HVB AB 2,7 mkr 7 Bromstensgården AB 1,0 mkr 8" in text
    assert "Enkät till socialsekreterare: 12 av 15 svarade" in text
    assert "1 platsbesök, varav 1 oanmälda och 1 på kvällstid" in text
    assert "Meddelarfrihet 0 1 1" in text
    assert "Låg kännedom om meddelarfrihet" in text
    assert "Åtgärdsplan mottagen, senast 2025-02-28" in text


def test_goal_fulfilment_and_control(annual_pdf):
    text = pdf_text(annual_pdf)
    # 6 assessed (not-assessed left out), 4 fulfilled, 1 partly, 1 not: 67 %.
    assert "HVB barn och unga 6 4 1 1 67 %" in text
    # Coverage on the period's end: agreement, period incl. option, done, planned, status.
    assert (
        "HVB barn och unga 2021-03-01 – 2027-02-28 2024-09-01 – Genomförd – påbörjad 2024-09-01"
    ) in text
    assert (
        "Skyddat boende 2022-05-01 – 2026-04-30 – – Saknas – avtalsperioden slutar 2026-04-30"
    ) in text


def test_coverage_section_names_what_is_missing_in_red_and_in_words(fixture_year):
    """An agreement whose period ended without one, one with only a plan (a follow-up begun
    before its period does not count), and one still running without any."""
    board = fixture_year["board"]
    ended = AgreementFactory(
        board=board,
        name="HVB för vuxna",
        start_date=datetime.date(2020, 4, 1),
        end_date=datetime.date(2024, 3, 31),
        option_end_date=None,
    )
    foster = AgreementFactory(
        board=board,
        name="Konsulentstöd familjehemsvård",
        start_date=datetime.date(2021, 11, 10),
        end_date=datetime.date(2025, 11, 9),
        option_end_date=None,
    )
    FollowUpFactory(
        agreement=foster,
        status="completed",
        planned_start=datetime.date(2021, 10, 1),
        planned_end=datetime.date(2021, 10, 30),
        started_on=datetime.date(2021, 10, 1),
        completed_on=datetime.date(2021, 10, 30),
    )
    planned = FollowUpFactory(
        agreement=foster,
        planned_start=datetime.date(2025, 3, 3),
        planned_end=datetime.date(2025, 5, 30),
    )
    # Planned in 2024: the report shows it as the coverage stood when the year ended.
    planned.history.filter(history_type="+").update(
        history_date=timezone.make_aware(datetime.datetime(2024, 11, 4, 10))
    )
    FollowUpFactory(  # another agreement's follow-up: not HVB för vuxna's
        agreement=fixture_year["shelter"],
        kind="event_driven",
        status="ongoing",
        planned_start=datetime.date(2023, 5, 1),
        planned_end=datetime.date(2023, 6, 1),
        started_on=datetime.date(2023, 5, 1),
    )
    pdf = render_pdf("annual", annual_report_context(board, report_period(board, 2024)))
    text = pdf_text(pdf.content)
    assert (
        f"{ended.name} 2020-04-01 – 2024-03-31 – – Saknas – avtalsperioden slutade 2024-03-31"
        in (text)
    )
    assert (
        f"{foster.name} 2021-11-10 – 2025-11-09 – 2025-03-03 Planerad – påbörjas 2025-03-03"
    ) in text
    assert (
        "Skyddat boende 2022-05-01 – 2026-04-30 – – Saknas – avtalsperioden slutar 2026-04-30"
    ) in text
    # Red is the second signal, the words the first; only the missing ones are red.
    assert '<td class="lacking">Saknas – avtalsperioden slutade 2024-03-31</td>' in pdf.html
    assert '<td class="lacking">Saknas – avtalsperioden slutar 2026-04-30</td>' in pdf.html
    assert pdf.html.count('class="lacking"') == 2
    assert ".lacking { color: #8a1c1c" in pdf.html


def test_deviation_counts_by_category_and_handling(annual_pdf):
    text = pdf_text(annual_pdf)
    assert "5 avvikelser har rapporterats under perioden" in text
    # Category, new, handled in the case, escalated, closed, total (2023's left out).
    assert "Fakturering 0 2 0 1 3" in text
    assert "Kostnadsansvar 0 1 0 0 1" in text
    assert "Kvalitet 0 0 1 0 1" in text


def test_ivo_remark_shows_what_it_led_to(annual_pdf):
    text = pdf_text(annual_pdf)
    assert "Händelsestyrd uppföljning: Händelsestyrd uppföljning efter IVO" in text
    assert "Tillfälligt utesluten från avrop från 2024-04-01 (Tillsynsärende hos IVO)" in text
