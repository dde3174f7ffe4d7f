"""What the journeys found in the board's documents (issue 13 §5): the selection's figures,
coverage as it stood, the interview line and the diarienummer."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from followups.cases.selectors import purchase_ranking
from followups.models import Interview
from reports import services
from reports.models import ReportStatus
from reports.periods import Period
from reports.rendering import render_html
from reports.selectors import annual_report_context
from reports.selectors.followups import special_followups
from tests.factories import (
    AgreementFactory,
    BoardFactory,
    ContractFactory,
    PurchaseFactory,
    SupplierFactory,
)
from tests.followups.factories import FollowUpFactory
from uppfoljning.core.errors import DomainError
from uppfoljning.core.formatting import format_mkr

pytestmark = pytest.mark.django_db
D = datetime.date
YEAR_2024 = Period(D(2024, 1, 1), D(2024, 12, 31))


def _special(agreement, suppliers, **fields):
    return FollowUpFactory(
        agreement=agreement,
        status="completed",
        started_on=D(2024, 9, 2),
        completed_on=D(2024, 12, 13),
        suppliers=suppliers,
        **fields,
    )


@pytest.fixture
def spel(db):
    board = BoardFactory()
    agreement = AgreementFactory(board=board, name="Spelberoende")
    suppliers = [SupplierFactory(name=n) for n in ("Granlund AB", "Silver AB")]
    for supplier, amount in zip(suppliers, (92_191, 214_743), strict=True):
        ContractFactory(agreement=agreement, supplier=supplier)
        PurchaseFactory(
            agreement=agreement, supplier=supplier, month=D(2024, 5, 1), amount=amount, placements=1
        )
    return agreement, suppliers


def test_the_selection_table_has_the_selection_pages_figures(spel):
    agreement, suppliers = spel
    _special(agreement, suppliers, selection_start=D(2023, 9, 1), selection_end=D(2024, 8, 31))
    (block,), _goals = special_followups([agreement], YEAR_2024)
    rows = [
        (r.supplier.name, format_mkr(r.amount), r.placements) for r in block.followups[0].selection
    ]
    page = purchase_ranking(agreement, D(2023, 9, 1), D(2024, 8, 31))
    assert rows == [(r.supplier.name, format_mkr(r.amount), r.placements) for r in page]
    assert rows == [("Silver AB", "0,2\xa0mkr", 1), ("Granlund AB", "0,1\xa0mkr", 1)]


def test_without_a_selection_period_the_table_gives_no_made_up_zeros(spel):
    agreement, suppliers = spel
    _special(agreement, suppliers)
    ctx = annual_report_context(agreement.board, YEAR_2024)
    (block,) = ctx["special"]
    assert [r.amount for r in block.followups[0].selection] == [None, None]
    html = render_html("annual", ctx)
    assert "Granlund AB" in html
    assert "0,0\xa0mkr" not in html


def _aware(*args):
    return timezone.make_aware(datetime.datetime(*args))


def test_the_coverage_table_leaves_out_what_was_planned_after_the_period(db):
    board = BoardFactory()
    agreement = AgreementFactory(board=board, name="Skyddat boende")
    planned_then = FollowUpFactory(
        agreement=agreement,
        title="Planerad 2024",
        planned_start=D(2025, 3, 3),
        planned_end=D(2025, 5, 30),
    )
    planned_then.history.filter(history_type="+").update(history_date=_aware(2024, 11, 4, 10))
    FollowUpFactory(
        agreement=agreement,
        title="Planerad 2026",
        planned_start=D(2025, 9, 1),
        planned_end=D(2025, 11, 30),
    )
    (row,) = annual_report_context(board, YEAR_2024)["special_coverage"]
    assert [f.title for f in row.planned] == ["Planerad 2024"]
    # What was recorded after the period changes nothing: the row reads as it did then.
    planned_then.history.filter(history_type="+").update(history_date=_aware(2025, 1, 1, 9))
    (row,) = annual_report_context(board, YEAR_2024)["special_coverage"]
    assert row.planned == [] and row.status_text.startswith("Saknas")


@pytest.mark.parametrize(
    ("people", "line"),
    [
        ([1], "1 intervju med personal"),
        ([3], "1 intervju med personal (3 personer)"),
        ([1, 1], "2 intervjuer med personal"),
        ([2, 3], "2 intervjuer med personal (5 personer)"),
    ],
)
def test_interviews_are_counted_in_proper_swedish(spel, people, line):
    agreement, suppliers = spel
    followup = _special(agreement, suppliers)
    for count in people:
        Interview.objects.create(
            followup=followup,
            staff_role="Socialsekreterare",
            interviewee_count=count,
            held_on=D(2024, 10, 17),
        )
    (block,), _goals = special_followups([agreement], YEAR_2024)
    assert block.followups[0].methods == [line]


@pytest.fixture
def draft(db, strategist):
    board = BoardFactory()
    AgreementFactory(board=board)
    return services.report_create_annual(board=board, year=2024, user=strategist)


def test_finalising_needs_the_registry_reference(draft, strategist):
    with pytest.raises(DomainError) as err:
        services.report_finalise(report=draft, user=strategist)
    assert err.value.messages == [
        "Ange rapportens diarienummer (under Redigera texter) innan den fastställs."
    ]


def test_the_finalise_button_says_so_and_nothing_is_finalised(client, draft, strategist):
    client.force_login(strategist)
    response = client.post(reverse("reports:report_finalise", args=[draft.pk]))
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Ange rapportens diarienummer (under Redigera texter) innan den fastställs."
    ]
    draft.refresh_from_db()
    assert draft.status == ReportStatus.DRAFT
