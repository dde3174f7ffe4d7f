"""The demo's 2024 report states what 004_… says happened (as far as the demo holds it)."""

import pytest

from reports.periods import report_period
from reports.rendering import render_pdf
from reports.selectors import annual_report_context
from suppliers.models import Board

from .helpers import pdf_text

# The demo loads once for the module (tests/conftest.py's `demo`, rolled back afterwards),
# on one xdist worker.
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.pdf,
    pytest.mark.slow,
    pytest.mark.xdist_group("demo_report"),
]


@pytest.fixture(scope="module")
def demo_pdf(demo, django_db_blocker):
    """The demo's 2024 report, rendered once for the module inside the demo's transaction."""
    with django_db_blocker.unblock():
        board = Board.objects.get()
        pdf = render_pdf("annual", annual_report_context(board, report_period(board, 2024)))
    return pdf_text(pdf.content), pdf.pages


def test_demo_report_lists_the_seven_agreements_with_004s_references(demo_pdf):
    text, _pages = demo_pdf
    for row in (
        "HVB barn och unga SCN-2019-0437 2021-03-01 – 2023-02-28 2025-02-28 127",
        "Stödboende för ungdomar SCN-2021-00275 2022-11-01 – 2024-10-31 2026-10-31 46",
        "Insatser för personer med spelmissbruk och spelberoende SCN-2021-00652 "
        "2023-03-01 – 2025-02-28 2027-02-28 4",
    ):
        assert row in text
    assert "Skyddat boende SCN-2020-00588" in text


def test_demo_report_has_004s_terminations_rescissions_and_exclusions(demo_pdf):
    text, _pages = demo_pdf
    # Terminated, rescinded, exclusions, excluded suppliers per agreement (004's 2024).
    assert "HVB barn och unga 5 0 30 30" in text  # five terminated, "ett trettiotal" excluded
    assert "Stödboende för ungdomar 0 0 2 2" in text
    assert "HVB för vuxna missbrukare 0 0 4 4" in text
    assert "Skyddat boende 1 6 1 1" in text  # one terminated, six rescinded, one exclusion
    assert "Stödboende för vuxna 1 0 0 0" in text
    assert "Hävt Har inte ansökt om krävt tillstånd 5" in text  # shelters without IVO permit
    # Economic reasons: six weak-economy exclusions in HVB, one termination in Skyddat boende
    # (and the demo's one HVB termination for economy).
    assert "HVB barn och unga 6 1" in text
    assert "Skyddat boende 0 1" in text


def test_demo_report_has_004s_selection_tables(demo_pdf):
    text, _pages = demo_pdf
    assert (
        "Vibor Stödboende AB 5,1 mkr 30 Utslussen Vård AB 4,9 mkr 10 Allviken Vård AB 2,0 mkr 5 "
        "Hudiksvalls Ungdomshem Ekonomisk förening 1,3 mkr 2 Humanisthemmet EQ AB 0,9 mkr 5"
    ) in text
    for row in (
        "Cederängens utrednings- och behandlingshem 2,9 mkr 7",
        "Ramnäs HVB 2,7 mkr 7",
        "Morgården vård och behandling 2,6 mkr 4",
        "Vibor Gläntan unga vuxna 2,4 mkr 4",
        "Bromstensgården 1,0 mkr 8",
    ):
        assert row in text


def test_demo_report_goal_fulfilment_and_deviations(demo_pdf):
    text, pages = demo_pdf
    assert "HVB barn och unga 55 48 7 0 87 %" in text
    # Meddelarfrihet at all five is the one shortcoming 004 pins on the selected suppliers.
    assert "Stödboende för ungdomar 85 80 5 0 94 %" in text
    assert "spelberoende 16 12 0 4 75 %" in text
    assert "23 avvikelser har rapporterats under perioden" in text  # "ett drygt tjugotal"
    # The visits, at suppliers 004 does not name, are told in the follow-ups' summaries.
    assert "genomförde tre platsbesök: två oanmälda på kvällstid och ett föranmält" in text
    assert "Oanmälda platsbesök gjordes kvällstid på två av de boenden" in text
    assert f"Sida {pages} av {pages}" in text


def test_demo_report_shows_which_agreements_lack_a_special_follow_up(demo_pdf):
    text, _pages = demo_pdf
    # Per agreement on 2024-12-31: period incl. option, done, planned, status in words.
    assert (
        "Stödboende för ungdomar 2022-11-01 – 2026-10-31 2024-05-13 – "
        "Genomförd – påbörjad 2024-05-13"
    ) in text
    assert (
        "HVB för vuxna missbrukare 2020-04-01 – 2024-03-31 – – "
        "Saknas – avtalsperioden slutade 2024-03-31"
    ) in text
    # The board's 2024 plan (001) placed Skyddat boende preliminarily in 2025.
    assert (
        "Skyddat boende 2021-05-17 – 2025-05-16 – 2025 (preliminärt) "
        "Planerad preliminärt 2025 i uppföljningsplanen"
    ) in text
    # The special follow-ups of 2023 that 001's table shows.
    assert (
        "Stödboende för vuxna 2022-04-18 – 2026-04-17 2023-09-04 – Genomförd – påbörjad 2023-09-04"
    ) in text


def test_no_document_of_the_demo_carries_a_demo_note(demo_pdf, db):
    """Documents print the texts as they stand; the demo's notes on what it invented stay in
    the rows' history and the register's notes, never in a text a document prints."""
    from followups.models import FollowUp, FollowUpPlan
    from reports.rendering import render_html
    from reports.selectors.documents import feedback_letter_context, followup_report_context
    from reports.selectors.plan import plan_report_context

    text, _pages = demo_pdf
    html = [text]
    html.append(render_html("plan", plan_report_context(FollowUpPlan.objects.get(year=2024))))
    for followup in FollowUp.objects.all():
        html.append(render_html("followup", followup_report_context(followup.pk)))
        if followup.kind in ("special", "event_driven"):
            for supplier in followup.suppliers.all():
                ctx = feedback_letter_context(followup.pk, supplier)
                html.append(render_html("feedback", ctx))
    for document in html:
        assert "demodata" not in document.lower()
        assert "påhittad" not in document.lower()


def test_demo_report_gives_the_spel_selection_the_figures_of_its_selection_page(demo_pdf):
    # Issue 13 §5: the table read "0,0 mkr 0" for all four while the page showed 0,1–0,4 mkr.
    text, _pages = demo_pdf
    assert (
        "Österstugans öppenvård AB (fiktiv) 0,4 mkr 4 Silver Spelberoendevård AB (fiktiv) "
        "0,2 mkr 1 Stranddalens öppenvård AB (fiktiv) 0,1 mkr 6 Granlundens öppenvård AB "
        "(fiktiv) 0,1 mkr 1"
    ) in text
    assert "0,0 mkr 0" not in text
    # One interview with one social worker: no "(1 personer)".
    assert "1 intervju med personal" in text
    assert "(1 personer)" not in text
