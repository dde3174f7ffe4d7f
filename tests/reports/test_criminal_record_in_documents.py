"""Board documents are public records: they never name a criminal-record check beside a
supplier, whether as a follow-up's trigger, its method or its outcome (issue 13 §2).

A follow-up started by a criminal-record check reads "Kontroll" as its trigger; a follow-up
that used one lists its other checks only. Checked in the HTML the PDF is rendered from, as
the strategist who writes the documents sees it.
"""

import datetime

import pytest

from followups.models import Check, CheckKind, CheckResult
from reports.periods import report_period
from reports.rendering import render_html
from reports.selectors import annual_report_context
from reports.selectors.documents import followup_report_context
from tests.factories import RepresentativeFactory
from tests.followups.factories import FollowUpFactory

pytestmark = pytest.mark.django_db

D = datetime.date
KIND_LABEL = "Belastningsregister"


@pytest.fixture
def year(fixture_year):
    """fixture_year with a criminal-record check that started an event-driven follow-up of a
    named supplier, and that the special follow-up lists among its checks beside an IVO check."""
    strategist, hvb = fixture_year["strategist"], fixture_year["hvb"]
    special = fixture_year["special"]
    supplier = special.suppliers.get(name="Ramnäs HVB AB")
    record = Check.objects.create(
        kind=CheckKind.CRIMINAL_RECORD,
        supplier=supplier,
        representative=RepresentativeFactory(supplier=supplier),
        performed_on=D(2024, 5, 20),
        performed_by=strategist,
        result=CheckResult.REMARK,
        reference="BR-2024-17",
    )
    ivo = supplier.checks.filter(kind=CheckKind.IVO).first()
    special.checks.add(record, ivo)
    event = FollowUpFactory(
        kind="event_driven",
        title=f"Händelsestyrd uppföljning {supplier.name}",
        agreement=hvb,
        responsible=strategist,
        status="completed",
        started_on=D(2024, 5, 27),
        completed_on=D(2024, 8, 30),
        trigger_check=record,
        conclusion="Uteslutningen hävdes 2024-08-30.",
        suppliers=[supplier],
    )
    return {**fixture_year, "record": record, "event": event}


def test_the_yearly_report_gives_a_neutral_trigger_and_no_check_kind(year):
    board = year["board"]
    ctx = annual_report_context(board, report_period(board, 2024))
    triggers = {
        f.title: trigger for block in ctx["event_followups"] for f, trigger, _ in block.followups
    }
    assert triggers["Händelsestyrd uppföljning Ramnäs HVB AB"] == "Kontroll"
    assert triggers["Händelsestyrd uppföljning efter IVO"] == "Kontroll: IVO-tillstånd och tillsyn"
    html = render_html("annual", ctx, for_pdf=True)
    assert "Ramnäs HVB AB" in html and "Uteslutningen hävdes 2024-08-30." in html
    assert KIND_LABEL.lower() not in html.lower()


def test_a_follow_up_report_lists_the_checks_the_public_may_see(year):
    ctx = followup_report_context(year["special"].pk)
    assert "1 kontroll (IVO-tillstånd och tillsyn)" in ctx["methods"]
    html = render_html("followup", ctx, for_pdf=True)
    assert "1 kontroll (IVO-tillstånd och tillsyn)" in html
    assert KIND_LABEL.lower() not in html.lower()
    event = followup_report_context(year["event"].pk)
    assert KIND_LABEL.lower() not in render_html("followup", event, for_pdf=True).lower()
