"""The plan document for the board: 001_…'s cover memo and table, through the same pipeline
as the yearly report (PDF with SHA-256, finalise and freeze), and make_report plan."""

import datetime
import hashlib

import pytest
from django.core.management import CommandError, call_command

from followups.planning import services as plan_services
from reports import services
from reports.models import ReportStatus
from tests.factories import AgreementFactory, BoardFactory
from tests.followups.factories import FollowUpFactory, plan_agreements
from tests.reports.helpers import pdf_text
from uppfoljning.core.errors import DomainError

D = datetime.date


@pytest.fixture
def plan(db, strategist):
    board = BoardFactory(name="Socialnämnden", municipality="Exempelkommun")
    agreements = plan_agreements(
        board,
        strategist,
        [
            ("Stödboende för vuxna", D(2022, 4, 18), D(2026, 4, 17), False),
            ("HVB barn och unga", D(2021, 3, 1), D(2027, 2, 28), True),
            ("Skyddat boende", D(2021, 5, 17), D(2025, 5, 16), False),
        ],
    )
    FollowUpFactory(
        agreement=agreements["Stödboende för vuxna"],
        status="completed",
        planned_start=D(2024, 3, 4),
        started_on=D(2024, 3, 4),
        completed_on=D(2024, 5, 31),
    )
    plan = plan_services.plan_propose(
        board=board, year=2025, user=strategist, capacity=2, today=D(2024, 12, 1)
    )
    return plan_services.plan_accept(plan=plan, user=strategist)


@pytest.mark.pdf
def test_the_plan_pdf_has_the_memo_and_001s_table(plan, strategist):
    report = services.report_create_plan(
        plan=plan, user=strategist, registry_reference="SCN-2025-00112"
    )
    file = services.report_generate_file(report=report, user=strategist)
    content = file.file.read()
    assert file.sha256 == hashlib.sha256(content).hexdigest()
    text = pdf_text(content)
    assert "Plan för uppföljning av privata utförare 2025" in text
    assert (
        "Socialnämnden beslutar 1. att anta nämndens plan för kontroll och uppföljning av "
        "privata utförare 2025 enligt bilaga 1."
    ) in text
    assert (
        "Förvaltningen föreslår att den särskilda uppföljningen 2025 genomförs inom ramavtalen "
        "HVB barn och unga och Skyddat boende."
    ) in text
    assert "Ramavtalet HVB barn och unga har barn och unga som målgrupp" in text
    assert (
        "Ramavtal Avtalsperiod (inklusive option) Särskild uppföljning 2024 Särskild "
        "uppföljning 2025 Särskild uppföljning 2026"
    ) in text
    # Last year done, this year planned; the columns of a row follow the table's order.
    assert "Stödboende för vuxna 2022-04-18 - 2026-04-17 X " in text
    assert "HVB barn och unga 2021-03-01 - 2027-02-28 X " in text
    assert "Skyddat boende 2021-05-17 - 2025-05-16 X " in text
    assert "Minst en per avtalsperiod: Avtalsperioden slutar 2025-05-16" in text
    assert "SCN-2025-00112" in text
    assert "Sida 1 av" in text


@pytest.mark.pdf
def test_a_finalised_plan_document_is_what_make_report_writes(plan, strategist, tmp_path):
    report = services.report_create_plan(
        plan=plan, user=strategist, registry_reference="SCN-2025-00112"
    )
    services.report_generate_file(report=report, user=strategist)
    report = services.report_finalise(report=report, user=strategist)
    assert report.status == ReportStatus.FINALISED
    out = tmp_path / "plan.pdf"
    call_command("make_report", "plan", "--year", "2025", "--output", str(out))
    assert out.read_bytes() == report.final_file.file.open("rb").read()
    with pytest.raises(DomainError):
        services.report_generate_file(report=report, user=strategist)


@pytest.mark.pdf
def test_make_report_renders_a_plan_that_has_no_document_yet(plan, tmp_path):
    out = tmp_path / "plan.pdf"
    call_command("make_report", "plan", "--year", "2025", "--output", str(out))
    assert "Särskild uppföljning 2026" in pdf_text(out.read_bytes())


def test_make_report_says_when_there_is_no_plan_for_the_year(plan, tmp_path):
    with pytest.raises(CommandError, match="There is no follow-up plan for 2031"):
        call_command("make_report", "plan", "--year", "2031", "--output", str(tmp_path / "x"))


def test_only_an_accepted_plan_gets_a_document(db, strategist):
    board = BoardFactory()
    AgreementFactory(board=board)
    draft = plan_services.plan_propose(board=board, year=2025, user=strategist)
    with pytest.raises(DomainError) as err:
        services.report_create_plan(plan=draft, user=strategist)
    assert err.value.messages == ["Godkänn planen innan du skapar dokumentet till nämnden."]


@pytest.mark.pdf
def test_a_second_document_of_the_same_plan_is_the_next_version(plan, strategist):
    first = services.report_create_plan(
        plan=plan, user=strategist, registry_reference="SCN-2025-00112"
    )
    with pytest.raises(DomainError):
        services.report_create_plan(plan=plan, user=strategist)
    services.report_generate_file(report=first, user=strategist)
    services.report_finalise(report=first, user=strategist)
    second = services.report_create_plan(plan=plan, user=strategist)
    assert second.version == 2
