"""The yearly plan's writes: propose, change the selection and focus, accept (which creates
the planned special follow-ups), and the rules that keep an accepted plan as it was."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from followups.control.services import sweep
from followups.models import (
    AssessmentArea,
    FollowUp,
    FollowUpKind,
    FollowUpPlan,
    FollowUpStatus,
    PlanEntrySource,
    PlannedFollowUp,
    PlanStatus,
    WorkItem,
)
from followups.planning import proposal as planning
from followups.planning import services as plan_services
from followups.planning.coverage import CoverageStatus, special_coverage
from tests.factories import BoardFactory
from tests.followups.factories import FollowUpFactory, plan_agreements
from uppfoljning.core.errors import DomainError

D = datetime.date
TODAY = D(2024, 11, 15)


@pytest.fixture
def register(db, strategist):
    board = BoardFactory()

    def agreement(name, start, end, children=False):
        return plan_agreements(board, strategist, [(name, start, end, children)])[name]

    return {
        "board": board,
        "ending": agreement("Skyddat boende", D(2021, 5, 17), D(2025, 5, 16)),
        "children": agreement("HVB barn och unga", D(2022, 3, 1), D(2028, 2, 28), children=True),
        "adults": agreement("Stödboende för vuxna", D(2022, 4, 18), D(2028, 4, 17)),
        "next": agreement("Spelberoende", D(2023, 3, 1), D(2026, 2, 28)),
    }


def propose(register, strategist, **kw):
    return plan_services.plan_propose(
        board=register["board"], year=2025, user=strategist, capacity=2, today=TODAY, **kw
    )


def entries(plan):
    return {(e.agreement.name, e.year): e.source for e in plan.entries.all()}


def test_proposing_stores_the_proposal_its_texts_and_the_ranking(register, strategist):
    plan = propose(register, strategist)
    assert plan.status == PlanStatus.DRAFT
    assert plan.risk_date == TODAY  # before the year ends, today's data
    assert entries(plan) == {
        ("Skyddat boende", 2025): PlanEntrySource.RULE,
        ("HVB barn och unga", 2025): PlanEntrySource.RISK,
        ("Spelberoende", 2026): PlanEntrySource.RULE,
    }
    assert "Socialnämnden ansvarar" in plan.responsibility
    assert plan.risk_snapshot[0]["name"] == "HVB barn och unga"
    assert plan.history.first().history_change_reason == "Planen föreslogs"


def test_a_plan_for_the_year_is_proposed_once_per_board(register, strategist):
    plan = propose(register, strategist)
    plan.responsibility = "Egen text."
    plan.save()
    with pytest.raises(DomainError) as err:
        propose(register, strategist)  # a second "new plan" never overwrites the first
    assert err.value.messages == [
        "Det finns redan ett förslag för 2025; fortsätt med det eller föreslå det på nytt på "
        "dess sida."
    ]
    again = propose(register, strategist, anew=True)
    assert again.pk == plan.pk and FollowUpPlan.objects.count() == 1
    assert again.responsibility == "Egen text."  # the strategist's text is kept
    # The replaced entries are in the history.
    assert PlannedFollowUp.history.filter(history_type="-").count() == 3


def test_the_strategist_swaps_an_agreement_and_the_history_says_who(register, strategist):
    plan = propose(register, strategist)
    a = register
    selected = {(a["ending"].pk, 2025), (a["adults"].pk, 2025), (a["next"].pk, 2026)}
    flags = plan_services.plan_set_selection(plan=plan, user=strategist, selected=selected)
    assert flags == []
    assert entries(plan) == {
        ("Skyddat boende", 2025): PlanEntrySource.RULE,
        ("Stödboende för vuxna", 2025): PlanEntrySource.STRATEGIST,
        ("Spelberoende", 2026): PlanEntrySource.RULE,
    }
    added = PlannedFollowUp.history.filter(history_type="+", agreement=a["adults"]).get()
    assert added.history_change_reason == "Tillagd av strategen"
    removed = PlannedFollowUp.history.filter(history_type="-", agreement=a["children"]).get()
    assert (removed.history_user, removed.history_change_reason) == (
        strategist,
        "Borttagen av strategen",
    )


def test_removing_an_ending_agreement_is_flagged_and_accepting_needs_a_reason(register, strategist):
    plan = propose(register, strategist)
    flags = plan_services.plan_set_selection(
        plan=plan, user=strategist, selected={(register["children"].pk, 2025)}
    )
    assert {f.agreement.name for f in flags} == {"Skyddat boende", "Spelberoende"}
    with pytest.raises(DomainError) as err:
        plan_services.plan_accept(plan=plan, user=strategist)
    assert err.value.messages == [
        "Planen lämnar Skyddat boende, Spelberoende utan särskild uppföljning under "
        "avtalsperioden. Lägg till en särskild uppföljning eller motivera avsteget."
    ]
    assert FollowUp.objects.count() == 0
    plan_services.plan_accept(
        plan=plan, user=strategist, deviation_reason="Avtalen ersätts av nya ramavtal."
    )
    plan.refresh_from_db()
    assert plan.is_accepted and plan.deviation_reason == "Avtalen ersätts av nya ramavtal."


def test_accepting_creates_the_years_special_follow_ups_once(register, strategist):
    plan = propose(register, strategist)
    area = AssessmentArea.objects.create(agreement=register["children"], name="Bemanning")
    entry = plan.entries.get(agreement=register["children"])
    plan_services.plan_entry_update(
        entry=entry,
        user=strategist,
        focus_areas=[area],
        focus="Oanmälda besök kvällstid.",
        reason="Många avvikelser.",
    )
    plan_services.plan_accept(plan=plan, user=strategist)
    created = FollowUp.objects.order_by("agreement__name")
    assert [(f.agreement.name, f.kind, f.status) for f in created] == [
        ("HVB barn och unga", FollowUpKind.SPECIAL, FollowUpStatus.PLANNED),
        ("Skyddat boende", FollowUpKind.SPECIAL, FollowUpStatus.PLANNED),
    ]
    children, ending = created
    assert children.title == "Särskild uppföljning 2025: HVB barn och unga"
    assert (children.planned_start, children.planned_end) == (D(2025, 1, 1), D(2025, 12, 31))
    assert children.focus == "Fokusområden: Bemanning.\nOanmälda besök kvällstid."
    assert children.responsible == strategist
    # The period ends in May: the follow-up is planned within it.
    assert (ending.planned_start, ending.planned_end) == (D(2025, 1, 1), D(2025, 5, 16))
    # The preliminary entry of next year creates nothing yet.
    assert plan.entries.get(year=2026).followup is None
    assert {e.followup for e in plan.entries.filter(year=2025)} == {children, ending}

    with pytest.raises(DomainError):
        plan_services.plan_accept(plan=plan, user=strategist)
    assert FollowUp.objects.count() == 2


def test_an_accepted_plan_is_not_changed_or_proposed_again(register, strategist):
    plan = propose(register, strategist)
    plan_services.plan_accept(plan=plan, user=strategist)
    message = "Planen för 2025 är godkänd och kan inte längre ändras."
    for call in (
        lambda: propose(register, strategist, anew=True),
        lambda: plan_services.plan_set_selection(plan=plan, user=strategist, selected=set()),
        lambda: plan_services.plan_update_texts(plan=plan, user=strategist, timetable="Ny"),
        lambda: plan_services.plan_entry_update(
            entry=plan.entries.first(), user=strategist, focus_areas=[], focus="", reason=""
        ),
    ):
        with pytest.raises(DomainError) as err:
            call()
        assert err.value.messages == [message]


def test_a_special_follow_up_already_planned_for_the_year_is_kept_and_linked(register, strategist):
    existing = FollowUpFactory(
        agreement=register["adults"], planned_start=D(2025, 9, 1), planned_end=D(2025, 11, 30)
    )
    plan = propose(register, strategist)
    entry = plan.entries.get(agreement=register["adults"])
    assert (entry.source, entry.followup) == (PlanEntrySource.EXISTING, existing)
    with pytest.raises(DomainError) as err:
        plan_services.plan_set_selection(plan=plan, user=strategist, selected=set())
    assert "har redan en särskild uppföljning 2025" in err.value.messages[0]
    plan_services.plan_accept(plan=plan, user=strategist)
    assert FollowUp.objects.filter(agreement=register["adults"]).count() == 1


def test_the_selection_refuses_a_year_outside_the_plan_or_outside_the_period(register, strategist):
    plan = propose(register, strategist)
    with pytest.raises(DomainError) as err:
        plan_services.plan_set_selection(
            plan=plan, user=strategist, selected={(register["children"].pk, 2027)}
        )
    assert err.value.messages == [
        "Planen för 2025 lägger bara särskilda uppföljningar under 2025 och 2026."
    ]
    with pytest.raises(DomainError) as err:
        plan_services.plan_set_selection(
            plan=plan, user=strategist, selected={(register["ending"].pk, 2026)}
        )
    assert err.value.messages == ["Skyddat boende gäller inte under 2026."]


def test_focus_areas_must_belong_to_the_agreement(register, strategist):
    plan = propose(register, strategist)
    foreign = AssessmentArea.objects.create(agreement=register["adults"], name="Lokaler")
    AssessmentArea.objects.create(agreement=register["children"], name="Bemanning")
    entry = plan.entries.get(agreement=register["children"])
    with pytest.raises(DomainError):
        plan_services.plan_entry_update(
            entry=entry, user=strategist, focus_areas=[foreign], focus="", reason=""
        )


def test_an_emptied_text_gets_the_default_back(register, strategist):
    plan = propose(register, strategist)
    default = plan.timetable
    plan_services.plan_update_texts(plan=plan, user=strategist, timetable="Vår tidsplan.")
    plan.refresh_from_db()
    assert plan.timetable == "Vår tidsplan."
    plan_services.plan_update_texts(plan=plan, user=strategist, timetable="  ")
    plan.refresh_from_db()
    assert plan.timetable == default


def test_only_a_strategist_proposes_or_accepts(register, coordinator, strategist):
    with pytest.raises(PermissionDenied):
        plan_services.plan_propose(board=register["board"], year=2025, user=coordinator)
    plan = propose(register, strategist)
    with pytest.raises(PermissionDenied):
        plan_services.plan_accept(plan=plan, user=coordinator)


def test_an_accepted_plan_ends_the_yearly_plan_reminder(register, strategist):
    def plan_items():
        sweep(on=D(2024, 11, 15))
        return WorkItem.objects.filter(rule__kind="yearly_plan").count()

    assert plan_items() == 1  # due before 2025 begins
    WorkItem.objects.all().delete()
    plan = propose(register, strategist)
    plan_services.plan_accept(plan=plan, user=strategist)
    assert plan_items() == 0


def test_the_table_marks_last_year_done_and_this_year_planned(register, strategist):
    FollowUpFactory(
        agreement=register["adults"],
        status=FollowUpStatus.COMPLETED,
        planned_start=D(2024, 3, 1),
        started_on=D(2024, 3, 1),
        completed_on=D(2024, 6, 1),
    )
    plan = propose(register, strategist)
    rows = {r.agreement.name: r for r in planning.plan_table(plan)["rows"]}
    assert rows["Stödboende för vuxna"].marks == ["done", "", ""]
    assert rows["Skyddat boende"].marks == ["", "planned", ""]
    assert rows["Spelberoende"].marks == ["", "", "preliminary"]
    assert rows["Skyddat boende"].period == "2021-05-17 - 2025-05-16"


def test_coverage_counts_an_accepted_plans_preliminary_year_as_planned(register, strategist):
    plan = propose(register, strategist)
    rows = {r.agreement.name: r for r in special_coverage(board=register["board"], on=TODAY)}
    assert rows["Spelberoende"].status == CoverageStatus.GAP  # a proposal is not a plan yet
    plan_services.plan_accept(plan=plan, user=strategist)
    rows = {r.agreement.name: r for r in special_coverage(board=register["board"], on=TODAY)}
    assert rows["Spelberoende"].status == CoverageStatus.PLANNED
    assert rows["Spelberoende"].status_text == ("Planerad preliminärt 2026 i uppföljningsplanen")
    assert [e.year for e in rows["Spelberoende"].year(2026).preliminary] == [2026]
    # The year's own follow-ups are real follow-ups now, planned.
    assert rows["Skyddat boende"].planned[0].planned_in.plan == plan


def test_a_follow_up_planned_for_next_year_is_linked_by_next_years_plan(register, strategist):
    later = FollowUpFactory(
        agreement=register["adults"], planned_start=D(2026, 3, 1), planned_end=D(2026, 5, 31)
    )
    plan = propose(register, strategist)
    entry = plan.entries.get(agreement=register["adults"], year=2026)
    assert (entry.source, entry.followup) == (PlanEntrySource.EXISTING, None)
    plan_services.plan_accept(plan=plan, user=strategist)
    following = plan_services.plan_propose(
        board=register["board"], year=2026, user=strategist, today=D(2025, 11, 1)
    )
    assert following.entries.get(agreement=register["adults"], year=2026).followup == later
