"""The daily sweep: what each prescribed rule puts on the desk, once."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from followups.control import services
from followups.control.periods import period_of
from followups.models import Check, ControlRule, RuleKind, WorkItem
from tests.factories import (
    AgreementFactory,
    ContractFactory,
    ExclusionFactory,
    RepresentativeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

AUTUMN = datetime.date(2025, 9, 1)


@pytest.fixture
def owner():
    return UserFactory(username="agnes", role="strategist", email="agnes@kommun.example")


@pytest.fixture
def hvb(owner):
    agreement = AgreementFactory(
        name="HVB barn och unga",
        start_date=datetime.date(2023, 1, 1),
        end_date=datetime.date(2026, 12, 31),
        option_end_date=datetime.date(2028, 12, 31),
        owner=owner,
    )
    for _ in range(3):
        ContractFactory(agreement=agreement)
    return agreement


def test_seeded_rules_cover_what_the_plans_prescribe():
    services.seed_control_rules()
    kinds = set(ControlRule.objects.values_list("kind", flat=True))
    assert kinds == set(RuleKind.values) - {RuleKind.FEED_SIGNAL}  # made by feeds, not seeded
    assert ControlRule.objects.get(code="ivo-review").interval_months == 6
    assert not ControlRule.objects.get(code="in-depth").active


def test_ivo_round_is_one_item_per_agreement_on_the_owners_desk(hvb, owner):
    AgreementFactory(name="Familjehem", requires_ivo_permit=False)
    services.seed_control_rules()
    services.sweep(on=AUTUMN)
    item = WorkItem.objects.get(rule__code="ivo-review")
    assert item.title == "IVO-kontroll HT 2025, HVB barn och unga"
    assert item.subject == hvb
    assert item.assigned_to == owner
    assert item.due_date == datetime.date(2025, 12, 31)
    assert item.history.count() == 1


def test_sweep_twice_creates_nothing_twice(hvb):
    services.seed_control_rules()
    first = services.sweep(on=AUTUMN)
    second = services.sweep(on=AUTUMN)
    assert first.created > 0
    assert second.created == 0
    assert WorkItem.objects.filter(rule__code="ivo-review").count() == 1


def test_next_half_year_makes_a_new_round(hvb):
    services.seed_control_rules()
    services.sweep(on=AUTUMN)
    services.sweep(on=datetime.date(2026, 2, 1))
    titles = sorted(
        WorkItem.objects.filter(rule__code="ivo-review").values_list("title", flat=True)
    )
    assert titles == [
        "IVO-kontroll HT 2025, HVB barn och unga",
        "IVO-kontroll VT 2026, HVB barn och unga",
    ]


def test_agreement_ending_warns_nine_months_before_each_end(hvb):
    services.seed_control_rules()
    services.sweep(on=datetime.date(2026, 3, 30))
    assert not WorkItem.objects.filter(rule__code="agreement-ending").exists()
    services.sweep(on=datetime.date(2026, 4, 1))
    item = WorkItem.objects.get(rule__code="agreement-ending")
    assert item.due_date == datetime.date(2026, 12, 31)
    assert "2026-12-31" in item.title
    services.sweep(on=datetime.date(2028, 4, 1))
    assert WorkItem.objects.filter(rule__code="agreement-ending").count() == 2


def test_credit_check_due_a_year_after_the_last_one(hvb, owner):
    services.seed_control_rules()
    contract = hvb.contracts.first()
    for other in hvb.contracts.exclude(pk=contract.pk):
        Check.objects.create(
            kind="credit",
            supplier=other.supplier,
            performed_on=datetime.date(2025, 6, 1),
            performed_by=owner,
            result="ok",
        )
    services.sweep(on=AUTUMN)
    items = WorkItem.objects.filter(rule__code="credit-check")
    assert [i.subject for i in items] == [contract.supplier]
    services.sweep(on=datetime.date(2025, 10, 1))
    assert items.count() == 1


def test_exclusion_past_review_date_is_due(hvb):
    services.seed_control_rules()
    contract = hvb.contracts.first()
    ExclusionFactory(
        supplier=contract.supplier, contract=contract, review_date=datetime.date(2025, 8, 15)
    )
    services.sweep(on=AUTUMN)
    item = WorkItem.objects.get(rule__code="exclusion-review")
    assert contract.supplier.name in item.title


def test_yearly_plan_and_report_follow_the_boards_period(hvb):
    services.seed_control_rules()
    services.sweep(on=datetime.date(2025, 10, 1))
    plan = WorkItem.objects.get(rule__code="yearly-plan")
    assert plan.due_date == datetime.date(2025, 12, 31)
    assert plan.title.startswith("Plan för uppföljning 2026")
    services.sweep(on=datetime.date(2026, 2, 1))
    report = WorkItem.objects.get(rule__code="yearly-report")
    assert report.due_date == datetime.date(2026, 3, 31)


def test_inactive_rule_makes_nothing(hvb):
    services.seed_control_rules()
    ControlRule.objects.filter(code="ivo-review").update(active=False)
    services.sweep(on=AUTUMN)
    assert not WorkItem.objects.filter(rule__code="ivo-review").exists()


def _world(n_agreements, n_contracts, owner, start):
    for i in range(n_agreements):
        agreement = AgreementFactory(
            name=f"HVB barn och unga {start.year}-{i}",
            start_date=start,
            end_date=datetime.date(start.year + 1, 3, 31),
            option_end_date=None,
            owner=owner,
        )
        for _ in range(n_contracts):
            contract = ContractFactory(agreement=agreement)
            RepresentativeFactory(supplier=contract.supplier)
            ExclusionFactory(
                supplier=contract.supplier,
                contract=contract,
                start_date=start,
                decided_on=start,
                review_date=start,
            )


def test_sweep_queries_do_not_grow_with_the_register(owner):
    services.seed_control_rules()
    ControlRule.objects.filter(code="in-depth").update(active=True)
    counts = []
    for n, day in ((2, datetime.date(2025, 7, 1)), (20, datetime.date(2026, 7, 1))):
        _world(2, n, owner, day)
        ControlRule.objects.get(code="ivo-review").agreements.clear()
        with CaptureQueriesContext(connection) as ctx:
            result = services.sweep(on=day)
        counts.append(len(ctx.captured_queries))
        assert result.created >= 2 * n
    assert counts[0] == counts[1], counts


def test_a_failing_rule_does_not_stop_the_others(hvb, monkeypatch):
    from followups.control import rules

    services.seed_control_rules()
    monkeypatch.setitem(rules.EVALUATORS, RuleKind.CREDIT_CHECK, lambda rule, on: 1 / 0)
    with pytest.raises(services.SweepIncomplete):
        services.sweep(on=AUTUMN)
    assert WorkItem.objects.filter(rule__code="ivo-review").exists()
    monkeypatch.undo()
    complete = services.sweep(on=AUTUMN)
    assert complete.created == 3  # the three suppliers' credit checks, nothing else twice


def test_periods_have_swedish_term_names():
    assert period_of(datetime.date(2025, 2, 1), 6).key == "2025-H1"
    assert period_of(datetime.date(2025, 9, 1), 6).end == datetime.date(2025, 12, 31)
