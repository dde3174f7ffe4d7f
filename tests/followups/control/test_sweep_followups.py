"""Rules that watch follow-ups: special follow-up per period, in-depth, action plans, feedback."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from followups.control import services
from followups.models import ControlRule, FindingStatus, FollowUpKind, FollowUpStatus, WorkItem
from tests.factories import AgreementFactory, ContractFactory
from tests.followups.factories import FindingFactory, FollowUpFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreement(strategist):
    agreement = AgreementFactory(
        name="Stödboende för ungdomar",
        start_date=datetime.date(2022, 1, 1),
        end_date=datetime.date(2025, 12, 31),
        option_end_date=datetime.date(2026, 12, 31),
        owner=strategist,
    )
    ContractFactory(agreement=agreement)
    services.seed_control_rules()
    return agreement


def codes():
    return set(WorkItem.objects.values_list("rule__code", flat=True))


def test_special_follow_up_missing_warns_twelve_months_before_the_final_end(agreement):
    services.sweep(on=datetime.date(2025, 12, 30))
    assert "special-followup" not in codes()
    services.sweep(on=datetime.date(2025, 12, 31))
    item = WorkItem.objects.get(rule__code="special-followup")
    assert "Stödboende för ungdomar" in item.title
    assert item.due_date == datetime.date(2026, 12, 31)


def test_a_planned_special_follow_up_silences_the_warning(agreement):
    FollowUpFactory(agreement=agreement, kind=FollowUpKind.SPECIAL, status=FollowUpStatus.PLANNED)
    services.sweep(on=datetime.date(2026, 1, 15))
    assert "special-followup" not in codes()


def test_in_depth_follow_up_every_third_year_when_switched_on(agreement):
    services.sweep(on=datetime.date(2025, 3, 1))
    assert "in-depth" not in codes()  # off by default
    ControlRule.objects.filter(code="in-depth").update(active=True)
    services.sweep(on=datetime.date(2025, 3, 1))
    supplier = agreement.contracts.get().supplier
    assert WorkItem.objects.get(rule__code="in-depth").subject == supplier


def test_action_plan_past_its_deadline(agreement):
    finding = FindingFactory(
        followup__agreement=agreement,
        status=FindingStatus.ACTION_PLAN_RECEIVED,
        feedback_given_on=datetime.date(2025, 2, 1),
        feedback_method="meeting",
        action_plan_deadline=datetime.date(2025, 5, 1),
    )
    services.sweep(on=datetime.date(2025, 5, 1))
    assert "action-plan-overdue" not in codes()
    services.sweep(on=datetime.date(2025, 5, 2))
    item = WorkItem.objects.get(rule__code="action-plan-overdue")
    assert item.subject == finding
    assert item.assigned_to == finding.followup.responsible


def test_feedback_not_given_within_thirty_days(agreement):
    finding = FindingFactory(followup__agreement=agreement)
    recorded = timezone.localdate()
    services.sweep(on=recorded + datetime.timedelta(days=29))
    assert "feedback-overdue" not in codes()
    services.sweep(on=recorded + datetime.timedelta(days=30))
    assert WorkItem.objects.get(rule__code="feedback-overdue").subject == finding


def test_desk_shows_my_work_items_first(strategist_client, agreement):
    services.sweep(on=datetime.date(2025, 9, 1))
    page = strategist_client.get(reverse("followups:desk")).content.decode()
    assert "Kontroller och påminnelser att göra" in page
    assert "IVO-kontroll HT 2025, Stödboende för ungdomar" in page
