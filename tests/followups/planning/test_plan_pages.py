"""The plan pages: who may open them, and a strategist's proposal, change and acceptance
through the browser's forms."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from followups.models import FollowUp, FollowUpPlan, PlanEntrySource
from followups.planning import services as plan_services
from reports.models import Report
from tests.factories import AgreementFactory, BoardFactory
from tests.followups.factories import plan_agreements

D = datetime.date


@pytest.fixture
def register(db, strategist):
    board = BoardFactory()
    made = plan_agreements(
        board,
        strategist,
        [
            ("Skyddat boende", D(2021, 5, 17), D(2025, 5, 16), False),
            ("HVB barn och unga", D(2022, 3, 1), D(2028, 2, 28), True),
            ("Stödboende för vuxna", D(2022, 4, 18), D(2028, 4, 17), False),
        ],
    )
    return {**made, "board": board}


@pytest.fixture
def plan(register, strategist):
    return plan_services.plan_propose(
        board=register["board"], year=2025, user=strategist, capacity=2, today=D(2024, 12, 1)
    )


def urls(plan):
    entry = plan.entries.first()
    return [
        reverse("followups:plan_list"),
        reverse("followups:plan_add"),
        plan.get_absolute_url(),
        reverse("followups:plan_texts", args=[plan.pk]),
        reverse("followups:plan_entry", args=[entry.pk]),
    ]


def test_anonymous_users_are_sent_to_the_login(client, plan):
    for url in urls(plan):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/login/")


@pytest.mark.parametrize("role", ["coordinator", "caseworker", "board_reader"])
def test_other_roles_may_not_open_or_change_the_plan(client, plan, user_with_role, role):
    client.force_login(user_with_role(role))
    for url in urls(plan):
        assert client.get(url).status_code == 403
    response = client.post(plan.get_absolute_url(), {"accept": "1"})
    assert response.status_code == 403
    plan.refresh_from_db()
    assert not plan.is_accepted


def test_the_strategist_opens_every_plan_page(strategist_client, plan):
    for url in urls(plan):
        assert strategist_client.get(url).status_code == 200


def test_a_strategist_proposes_changes_and_accepts_the_plan(strategist_client, register):
    board = register["board"]
    response = strategist_client.post(
        reverse("followups:plan_add"), {"board": board.pk, "year": 2025, "capacity": 2}
    )
    plan = FollowUpPlan.objects.get()
    assert response.status_code == 302 and response["Location"] == plan.get_absolute_url()
    page = strategist_client.get(plan.get_absolute_url()).content.decode()
    assert "Särskild uppföljning 2024" in page and "Avtalsperiod (inklusive option)" in page
    ending, children, adults = (
        register[n] for n in ("Skyddat boende", "HVB barn och unga", "Stödboende för vuxna")
    )
    assert {(e.agreement, e.year) for e in plan.entries.all()} == {
        (ending, 2025),
        (children, 2025),
    }
    # Each checkbox has its own label, as a screen reader needs.
    assert f'<label class="visually-hidden" for="id_a{adults.pk}_2025">' in page

    # Swap the children's agreement for the adults' one.
    response = strategist_client.post(
        plan.get_absolute_url(),
        {"select": "1", f"a{ending.pk}_2025": "on", f"a{adults.pk}_2025": "on"},
        follow=True,
    )
    assert "Urvalet har sparats." in response.content.decode()
    assert {(e.agreement, e.source) for e in plan.entries.all()} == {
        (ending, PlanEntrySource.RULE),
        (adults, PlanEntrySource.STRATEGIST),
    }

    response = strategist_client.post(plan.get_absolute_url(), {"accept": "1"}, follow=True)
    assert "Planen är godkänd" in response.content.decode()
    assert sorted(FollowUp.objects.values_list("agreement__name", flat=True)) == [
        "Skyddat boende",
        "Stödboende för vuxna",
    ]

    response = strategist_client.post(
        reverse("reports:plan_add"), {"plan": plan.pk, "registry_reference": "SCN-2025-00112"}
    )
    report = Report.objects.get()
    assert response["Location"] == report.get_absolute_url()
    assert (report.kind, report.plan, report.registry_reference) == (
        "plan",
        plan,
        "SCN-2025-00112",
    )
    preview = strategist_client.get(reverse("reports:report_preview", args=[report.pk]))
    assert "Plan för uppföljning av privata utförare 2025" in preview.content.decode()


def test_leaving_out_an_ending_agreement_shows_it_in_red_and_asks_for_a_reason(
    strategist_client, plan, register
):
    children = register["HVB barn och unga"]
    response = strategist_client.post(
        plan.get_absolute_url(), {"select": "1", f"a{children.pk}_2025": "on"}, follow=True
    )
    page = response.content.decode()
    assert "Ett ramavtal skulle avsluta sin avtalsperiod utan särskild uppföljning." in page
    assert "table-danger" in page
    assert "Avtalsperioden slutar 2025-05-16; med den här planen slutar den utan särskild" in page
    response = strategist_client.post(plan.get_absolute_url(), {"accept": "1"})
    assert response.status_code == 200
    assert "Planen lämnar Skyddat boende utan särskild uppföljning" in response.content.decode()
    plan.refresh_from_db()
    assert not plan.is_accepted
    strategist_client.post(
        plan.get_absolute_url(), {"accept": "1", "deviation_reason": "Ersätts av nytt avtal."}
    )
    plan.refresh_from_db()
    assert plan.is_accepted and plan.deviation_reason == "Ersätts av nytt avtal."


def test_a_bad_year_is_refused_in_swedish(strategist_client, register):
    response = strategist_client.post(
        reverse("followups:plan_add"), {"board": register["board"].pk, "year": 1999, "capacity": 0}
    )
    page = response.content.decode()
    assert "Kontrollera att detta värde är större än eller lika med 2000." in page
    assert "Kontrollera att detta värde är större än eller lika med 1." in page
    assert not FollowUpPlan.objects.exists()


def test_the_plan_document_needs_an_accepted_plan(strategist_client, plan):
    response = strategist_client.post(reverse("reports:plan_add"), {"plan": plan.pk})
    assert response.status_code == 200
    assert "Välj ett giltigt alternativ" in response.content.decode()
    assert not Report.objects.exists()


def test_the_plan_page_takes_the_same_queries_for_more_agreements(
    strategist_client, register, strategist
):
    board = register["board"]

    def queries(plan):
        with CaptureQueriesContext(connection) as ctx:
            assert strategist_client.get(plan.get_absolute_url()).status_code == 200
        return len(ctx.captured_queries)

    plan = plan_services.plan_propose(board=board, year=2025, user=strategist, capacity=2)
    small = queries(plan)
    for i in range(8):
        AgreementFactory(
            board=board,
            start_date=D(2022, 1, 1),
            end_date=D(2025 + i % 3, 6, 30),
            option_end_date=None,
        )
    plan = plan_services.plan_propose(
        board=board, year=2025, user=strategist, capacity=2, anew=True
    )
    assert queries(plan) == small


def assert_accessible(client, url):
    from tests.suppliers.test_accessibility import structure

    page = structure(client, url)
    assert page.lang == "sv"
    assert page.headings.count(1) == 1 and page.headings[0] == 1, url
    for before, after in zip(page.headings, page.headings[1:], strict=False):
        assert after <= before + 1, f"{url}: h{before} is followed by h{after}"
    assert page.th_without_scope == 0, url
    unlabelled = [name for name, id_, aria in page.fields if not aria and id_ not in page.label_for]
    assert unlabelled == [], url


def test_plan_and_coverage_pages_have_headings_labels_and_table_scopes(
    strategist_client, plan, strategist
):
    for url in [*urls(plan), reverse("followups:coverage")]:
        assert_accessible(strategist_client, url)
    plan_services.plan_accept(plan=plan, user=strategist)
    assert_accessible(strategist_client, plan.get_absolute_url())


@pytest.mark.parametrize("app", ["followups", "reports"])
def test_every_text_of_the_plan_and_its_document_has_a_swedish_translation(app):
    import polib
    from django.conf import settings

    po = polib.pofile(str(settings.BASE_DIR / f"{app}/locale/sv/LC_MESSAGES/django.po"))
    missing = [e.msgid for e in po if not e.obsolete and (not e.translated() or e.fuzzy)]
    assert missing == []


def test_proposing_a_year_that_has_a_plan_keeps_it_and_says_so(strategist_client, plan, register):
    chosen = {(e.agreement_id, e.year) for e in plan.entries.all()}
    response = strategist_client.post(
        reverse("followups:plan_add"), {"board": register["board"].pk, "year": 2025, "capacity": 1}
    )
    assert "Det finns redan ett förslag för 2025" in response.content.decode()
    plan.refresh_from_db()
    assert plan.capacity == 2 and {(e.agreement_id, e.year) for e in plan.entries.all()} == chosen
    response = strategist_client.post(reverse("followups:plan_repropose", args=[plan.pk]))
    assert response["Location"] == plan.get_absolute_url()
    assert plan.history.first().history_change_reason == "Planen föreslogs på nytt"
