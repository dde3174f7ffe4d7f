"""Coverage of the special follow-up: at least one per agreement during its period."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from followups.models import FollowUpKind, FollowUpStatus
from followups.planning.coverage import CoverageStatus, agreements_in_force, special_coverage
from tests.factories import AgreementFactory, BoardFactory
from tests.followups.factories import FollowUpFactory

pytestmark = pytest.mark.django_db

D = datetime.date
START, END, OPTION_END = D(2021, 3, 1), D(2023, 2, 28), D(2025, 2, 28)
DURING = D(2024, 6, 1)
AFTER = D(2025, 3, 1)


@pytest.fixture
def agreement():
    return AgreementFactory(
        name="HVB barn och unga", start_date=START, end_date=END, option_end_date=OPTION_END
    )


def done(agreement, day, kind=FollowUpKind.SPECIAL, completed=True):
    """A follow-up begun on `day`: completed a month later, or still ongoing."""
    return FollowUpFactory(
        agreement=agreement,
        kind=kind,
        status=FollowUpStatus.COMPLETED if completed else FollowUpStatus.ONGOING,
        planned_start=day,
        planned_end=day + datetime.timedelta(days=30),
        started_on=day,
        completed_on=day + datetime.timedelta(days=30) if completed else None,
    )


def planned(agreement, day, kind=FollowUpKind.SPECIAL):
    return FollowUpFactory(
        agreement=agreement,
        kind=kind,
        planned_start=day,
        planned_end=day + datetime.timedelta(days=30),
    )


def row_of(agreement, on):
    (row,) = special_coverage(agreements=[agreement], on=on)
    return row


def test_a_special_follow_up_done_in_the_period_covers_it(agreement):
    f = done(agreement, D(2022, 10, 3))
    row = row_of(agreement, DURING)
    assert row.status == CoverageStatus.COVERED
    assert row.done == [f]
    assert row.status_text == "Genomförd – påbörjad 2022-10-03"
    assert not row.is_lacking


def test_an_ongoing_follow_up_covers_it_too(agreement):
    done(agreement, D(2024, 5, 2), completed=False)
    assert row_of(agreement, DURING).status == CoverageStatus.COVERED


def test_an_in_depth_follow_up_counts_but_an_event_driven_one_does_not(agreement):
    done(agreement, D(2022, 10, 3), kind=FollowUpKind.EVENT_DRIVEN)
    assert row_of(agreement, DURING).status == CoverageStatus.GAP
    done(agreement, D(2023, 10, 3), kind=FollowUpKind.IN_DEPTH)
    assert row_of(agreement, DURING).status == CoverageStatus.COVERED


def test_a_follow_up_begun_the_day_before_the_period_does_not_cover_it(agreement):
    done(agreement, START - datetime.timedelta(days=1))
    row = row_of(agreement, DURING)
    assert row.status == CoverageStatus.GAP
    assert row.done == [] and row.planned == []


def test_a_follow_up_begun_the_day_after_the_option_ended_does_not_cover_it(agreement):
    done(agreement, OPTION_END + datetime.timedelta(days=1))
    assert row_of(agreement, D(2025, 6, 1)).status == CoverageStatus.MISSED


@pytest.mark.parametrize("day", [START, OPTION_END], ids=["first day", "last day incl. option"])
def test_a_follow_up_begun_on_the_first_or_last_day_of_the_period_covers_it(agreement, day):
    done(agreement, day)
    assert row_of(agreement, AFTER).status == CoverageStatus.COVERED


def test_the_option_years_belong_to_the_period(agreement):
    done(agreement, D(2024, 9, 2))  # after end_date, before option_end_date
    assert row_of(agreement, AFTER).status == CoverageStatus.COVERED


def test_planned_only(agreement):
    f = planned(agreement, D(2024, 10, 1))
    row = row_of(agreement, DURING)
    assert row.status == CoverageStatus.PLANNED
    assert row.planned == [f] and row.done == []
    assert row.status_text == "Planerad – påbörjas 2024-10-01"
    assert not row.is_lacking


def test_a_plan_outside_the_period_is_not_counted(agreement):
    planned(agreement, OPTION_END + datetime.timedelta(days=1))
    assert row_of(agreement, DURING).status == CoverageStatus.GAP


def test_gap_while_the_period_runs(agreement):
    row = row_of(agreement, DURING)
    assert row.status == CoverageStatus.GAP
    assert row.is_lacking
    assert row.status_text == "Saknas – avtalsperioden slutar 2025-02-28"


def test_missed_when_the_period_is_over(agreement):
    row = row_of(agreement, AFTER)
    assert row.status == CoverageStatus.MISSED
    assert row.is_lacking
    assert row.status_text == "Saknas – avtalsperioden slutade 2025-02-28"


def test_the_last_day_of_the_period_is_not_yet_over(agreement):
    assert row_of(agreement, OPTION_END).status == CoverageStatus.GAP


def test_a_plan_that_never_started_before_the_period_ended_is_missed(agreement):
    planned(agreement, D(2024, 10, 1))
    assert row_of(agreement, AFTER).status == CoverageStatus.MISSED


def test_seen_from_a_date_a_follow_up_begun_later_is_still_planned(agreement):
    """The yearly report on 2023 shows what stood at the end of 2023, made whenever."""
    f = done(agreement, D(2024, 9, 2))
    row = row_of(agreement, D(2023, 12, 31))
    assert row.status == CoverageStatus.PLANNED
    assert row.planned == [f]


def test_follow_ups_of_another_agreement_do_not_count(agreement):
    done(AgreementFactory(start_date=START, end_date=END), D(2022, 10, 3))
    assert row_of(agreement, DURING).status == CoverageStatus.GAP


def test_each_year_of_the_period_with_what_was_done_and_planned_in_it(agreement):
    first = done(agreement, D(2022, 10, 3))
    later = planned(agreement, D(2024, 10, 1))
    row = row_of(agreement, DURING)
    assert [y.year for y in row.years] == [2021, 2022, 2023, 2024, 2025]
    assert (row.years[0].starts_on, row.years[0].ends_on) == (START, D(2021, 12, 31))
    assert (row.years[-1].starts_on, row.years[-1].ends_on) == (D(2025, 1, 1), OPTION_END)
    assert row.year(2022).done == [first] and row.year(2022).planned == []
    assert row.year(2024).planned == [later]
    assert row.year(2023).is_empty
    assert row.year(2020) is None and row.year(2026) is None


def test_done_and_planned_are_in_date_order(agreement):
    late, early = done(agreement, D(2023, 5, 1)), done(agreement, D(2022, 5, 1))
    assert row_of(agreement, DURING).done == [early, late]
    assert row_of(agreement, DURING).status_text == "Genomförd – påbörjad 2023-05-01"


def test_board_selects_its_agreements_by_name(agreement):
    other_board = BoardFactory(name="Äldrenämnden")
    AgreementFactory(board=other_board)
    second = AgreementFactory(board=agreement.board, name="Skyddat boende")
    rows = special_coverage(board=agreement.board, on=DURING)
    assert [r.agreement for r in rows] == [agreement, second]
    assert len(special_coverage(on=DURING)) == 3


def _queries(**kwargs) -> int:
    with CaptureQueriesContext(connection) as ctx:
        # Everything the page and the report read of the rows.
        read = [
            (r.status_text, [y.done + y.planned for y in r.years])
            for r in special_coverage(on=DURING, **kwargs)
        ]
    assert read
    return len(ctx.captured_queries)


def _add_agreements(board, n):
    for i in range(n):
        a = AgreementFactory(board=board, start_date=START, end_date=END)
        done(a, D(2022, 1, 10 + i))
        planned(a, D(2024, 9, 1 + i))


def test_query_count_is_the_same_for_one_agreement_and_for_many(agreement):
    # The agreements, their follow-ups, and the accepted plans' preliminary years.
    _add_agreements(agreement.board, 1)
    assert _queries(board=agreement.board) == 3
    assert _queries(agreements=[agreement]) == 2
    _add_agreements(agreement.board, 20)
    assert _queries(board=agreement.board) == 3
    assert _queries(agreements=list(agreement.board.agreements.all())) == 2


def test_the_agreements_in_force_in_a_year_include_those_that_ended_the_year_before():
    ended_2023 = AgreementFactory(
        name="A slutade 2023",
        start_date=D(2020, 1, 1),
        end_date=D(2023, 6, 30),
        option_end_date=None,
    )
    AgreementFactory(
        name="B slutade 2022",
        start_date=D(2019, 1, 1),
        end_date=D(2021, 1, 1),
        option_end_date=D(2022, 12, 31),
    )
    running = AgreementFactory(name="C löper", start_date=D(2022, 1, 1), end_date=D(2026, 1, 1))
    starts_2024 = AgreementFactory(
        name="D börjar 2024", start_date=D(2024, 12, 31), end_date=D(2026, 1, 1)
    )
    AgreementFactory(name="E börjar 2025", start_date=D(2025, 1, 1), end_date=D(2026, 1, 1))
    assert list(agreements_in_force(2024)) == [ended_2023, running, starts_2024]
    assert len(agreements_in_force(None)) == 5


# --- The page -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "role,status",
    [("strategist", 200), ("coordinator", 200), ("board_reader", 403), ("caseworker", 403)],
)
def test_strategists_and_coordinators_see_the_page(client, user_with_role, role, status):
    client.force_login(user_with_role(role))
    assert client.get(reverse("followups:coverage")).status_code == status


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(reverse("followups:coverage"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.fixture
def register(agreement):
    """On 2024-06-01: HVB covered in 2022, Skyddat boende planned for 2024, Stödboende without
    any (a gap), HVB för vuxna ended 2023 without any, Spelberoende ended 2021."""
    covered = done(agreement, D(2022, 10, 3))
    plan = planned(
        AgreementFactory(
            name="Skyddat boende",
            start_date=D(2022, 5, 17),
            end_date=D(2026, 5, 16),
            option_end_date=None,
        ),
        D(2024, 10, 1),
    )
    gap = AgreementFactory(
        name="Stödboende för vuxna",
        start_date=D(2022, 4, 18),
        end_date=D(2024, 4, 17),
        option_end_date=D(2026, 4, 17),
    )
    missed = AgreementFactory(
        name="HVB för vuxna",
        start_date=D(2020, 4, 1),
        end_date=D(2023, 3, 31),
        option_end_date=None,
    )
    old = AgreementFactory(
        name="Spelberoende", start_date=D(2019, 3, 1), end_date=D(2021, 2, 28), option_end_date=None
    )
    return {"covered": covered, "plan": plan, "gap": gap, "missed": missed, "old": old}


def _rows(html: str) -> dict[str, str]:
    """Each body row's text by the agreement's name, whitespace collapsed."""
    rows = {}
    for tr in re.findall(r"<tbody>(.*?)</tbody>", html, re.S)[0].split("<tr>")[1:]:
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", tr)).strip()
        rows[text.split(" 20")[0]] = text
    return rows


@pytest.fixture
def on_2024(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: D(2024, 6, 1))


def test_the_page_shows_each_agreement_its_years_and_status(client, strategist, register, on_2024):
    client.force_login(strategist)
    response = client.get(reverse("followups:coverage"))
    html = response.content.decode()
    rows = _rows(html)
    # The current year and the year before: Spelberoende (ended 2021) is left out.
    assert list(rows) == [
        "HVB barn och unga",
        "HVB för vuxna",
        "Skyddat boende",
        "Stödboende för vuxna",
    ]
    assert response.context["years"] == list(range(2020, 2027))
    assert rows["HVB barn och unga"] == (
        "HVB barn och unga 2021-03-01 – 2025-02-28 Utanför avtalsperioden – Inget detta år "
        f"Genomförd : {register['covered'].title} 2022-10-03 "
        "– Inget detta år – Inget detta år – Inget detta år "
        "Utanför avtalsperioden Genomförd – påbörjad 2022-10-03"
    )
    assert "Planerad : " in rows["Skyddat boende"]
    assert rows["Skyddat boende"].endswith("Planerad – påbörjas 2024-10-01")
    assert rows["Stödboende för vuxna"].endswith("Saknas – avtalsperioden slutar 2026-04-17")
    assert rows["HVB för vuxna"].endswith("Saknas – avtalsperioden slutade 2023-03-31")
    # The gap and the missed period are red, and only they; the words say it too.
    assert html.count('coverage-lacking"') == 2
    assert (
        '<td class="coverage-status coverage-lacking">'
        "Saknas – avtalsperioden slutar 2026-04-17</td>"
    ) in html
    assert f'href="{register["covered"].get_absolute_url()}"' in html
    assert f'href="{register["gap"].get_absolute_url()}"' in html
    assert "<caption" in html and 'scope="row"' in html and 'scope="col"' in html


def test_the_filter_chooses_a_year_or_all(client, strategist, register, on_2024):
    client.force_login(strategist)
    url = reverse("followups:coverage")
    html = client.get(url, {"show": "2021"}).content.decode()
    assert '<option value="2021" selected>2021: i kraft eller avslutade 2020</option>' in html
    assert list(_rows(html)) == [
        "HVB barn och unga",
        "HVB för vuxna",
        "Spelberoende",
    ]
    assert len(_rows(client.get(url, {"show": "all"}).content.decode())) == 5
    # Something that is not a choice falls back to the current year.
    assert len(_rows(client.get(url, {"show": "1066"}).content.decode())) == 4
    # Another parameter leaves the choice alone: the select names the year shown.
    html = client.get(url, {"year": "2021"}).content.decode()
    assert '<option value="2024" selected>2024: i kraft eller avslutade 2023</option>' in html
    assert len(_rows(html)) == 4


def test_the_menu_and_the_risk_page_lead_to_the_page(client, strategist, coordinator, db):
    url = reverse("followups:coverage")
    link = re.compile(rf'href="{url}"[^>]*>Täckning särskild uppföljning</a>')
    client.force_login(coordinator)
    assert link.search(client.get(reverse("dashboard")).content.decode())
    client.force_login(strategist)
    assert len(link.findall(client.get(reverse("followups:risk")).content.decode())) == 2
