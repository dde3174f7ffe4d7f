import datetime

import pytest
from django.utils import timezone

from followups.models import Check, CheckKind, CheckResult
from suppliers.models import ContractStatus, ExclusionReason
from tests.factories import (
    AgreementFactory,
    BoardFactory,
    ContractFactory,
    ExclusionFactory,
    PurchaseFactory,
    SupplierFactory,
    UnitFactory,
    UserFactory,
)

D = datetime.date


@pytest.fixture
def fixture_year(db):
    """A small 2024: two agreements, terminations, rescissions and exclusions with reasons."""
    board = BoardFactory(name="Socialnämnden", municipality="Exempelkommun")
    strategist = UserFactory(
        username="strateg", first_name="Stina", last_name="Strateg", role="strategist"
    )
    hvb = AgreementFactory(
        board=board, name="HVB barn och unga", reference="SCN-2019-0437", owner=strategist
    )
    shelter = AgreementFactory(
        board=board,
        name="Skyddat boende",
        reference="SCN-2022-00100",
        target_group="adults",
        start_date=D(2022, 5, 1),
        end_date=D(2026, 4, 30),
        option_end_date=None,
    )
    hvb_contracts = [ContractFactory(agreement=hvb) for _ in range(8)]
    shelter_contracts = [ContractFactory(agreement=shelter) for _ in range(5)]
    # HVB: 2 terminations for lost permit, 1 for economy; 3 exclusions IVO, 2 weak economy.
    for c, reason, day in [
        (hvb_contracts[0], "permit_lost", D(2024, 3, 1)),
        (hvb_contracts[1], "permit_lost", D(2024, 6, 1)),
        (hvb_contracts[2], "economy", D(2024, 9, 1)),
    ]:
        c.status, c.ended_on, c.end_reason = ContractStatus.TERMINATED, day, reason
        c.decision_reference = "SCN-2024-1"
        c.save()
    # Shelter: 2 rescissions (no permit application), 1 termination by agreement.
    for c, status, reason in [
        (shelter_contracts[0], ContractStatus.RESCINDED, "no_permit_application"),
        (shelter_contracts[1], ContractStatus.RESCINDED, "no_permit_application"),
        (shelter_contracts[2], ContractStatus.TERMINATED, "mutual"),
    ]:
        c.status, c.ended_on, c.end_reason = status, D(2024, 7, 1), reason
        c.decision_reference = "SCN-2024-2"
        c.save()
    # An ended contract from 2023 must not count.
    old = ContractFactory(agreement=hvb)
    old.status, old.ended_on, old.end_reason = ContractStatus.TERMINATED, D(2023, 5, 1), "economy"
    old.save()
    for c in hvb_contracts[3:6]:
        ExclusionFactory(
            supplier=c.supplier,
            contract=c,
            reason=ExclusionReason.IVO_SUPERVISION,
            start_date=D(2024, 4, 1),
        )
    for c in hvb_contracts[6:8]:
        ExclusionFactory(
            supplier=c.supplier,
            contract=c,
            reason=ExclusionReason.WEAK_ECONOMY,
            start_date=D(2024, 10, 1),
        )
    ExclusionFactory(
        supplier=shelter_contracts[3].supplier,
        contract=None,
        reason=ExclusionReason.INVESTIGATION,
        start_date=D(2024, 11, 5),
    )
    # Excluded in 2023: not this year's.
    ExclusionFactory(
        supplier=hvb_contracts[4].supplier,
        contract=hvb_contracts[4],
        reason=ExclusionReason.DORMANT,
        start_date=D(2023, 11, 5),
    )
    for c in hvb_contracts[3:8]:
        Check.objects.create(
            kind=CheckKind.IVO,
            supplier=c.supplier,
            performed_on=D(2024, 3, 20),
            performed_by=strategist,
            result=CheckResult.REMARK if c in hvb_contracts[3:6] else CheckResult.OK,
        )
    for c in hvb_contracts[3:6]:
        Check.objects.create(
            kind=CheckKind.IVO,
            supplier=c.supplier,
            performed_on=D(2024, 11, 15),
            performed_by=strategist,
            result=CheckResult.OK,
        )
    Check.objects.create(
        kind=CheckKind.CREDIT,
        supplier=hvb_contracts[6].supplier,
        performed_on=D(2024, 9, 20),
        performed_by=strategist,
        result=CheckResult.SERIOUS,
    )
    Check.objects.create(
        kind=CheckKind.INVOICE_SAMPLE,
        supplier=hvb_contracts[3].supplier,
        performed_on=D(2024, 5, 20),
        performed_by=strategist,
        result=CheckResult.REMARK,
        summary="Utflyttsdagen fakturerad",
    )
    unit = UnitFactory(supplier=hvb_contracts[3].supplier, name="Ramnäs HVB")
    PurchaseFactory(
        supplier=hvb_contracts[3].supplier,
        unit=unit,
        agreement=hvb,
        month=D(2023, 6, 1),
        amount=2_712_000,
        placements=7,
    )
    followup_data = _followup_year(strategist, hvb, hvb_contracts, unit)
    return {
        **followup_data,
        "board": board,
        "hvb": hvb,
        "shelter": shelter,
        "strategist": strategist,
        "hvb_contracts": hvb_contracts,
        "shelter_contracts": shelter_contracts,
        "supplier_named": SupplierFactory,
    }


def _followup_year(strategist, hvb, hvb_contracts, unit):
    """A special follow-up of HVB with selection, methods, a 3×2 grid (4 of 6 fulfilled),
    findings with an action plan, an event-driven follow-up and deviations."""
    from followups.models import (
        ActionPlan,
        Assessment,
        AssessmentArea,
        DeviationCategory,
        DeviationStatus,
        Interview,
        Rating,
        Survey,
        Visit,
    )
    from tests.followups.factories import DeviationFactory, FindingFactory, FollowUpFactory

    a, b = hvb_contracts[3].supplier, hvb_contracts[4].supplier
    a.name, b.name = "Ramnäs HVB AB", "Bromstensgården AB"
    a.save()
    b.save()
    PurchaseFactory(supplier=b, agreement=hvb, month=D(2024, 2, 1), amount=1_000_000, placements=8)
    PurchaseFactory(  # outside the selection period: not counted
        supplier=b, agreement=hvb, month=D(2024, 6, 1), amount=5_000_000, placements=9
    )
    special = FollowUpFactory(
        kind="special",
        title="Särskild uppföljning HVB 2024",
        agreement=hvb,
        responsible=strategist,
        status="completed",
        started_on=D(2024, 9, 1),
        completed_on=D(2024, 12, 10),
        selection_start=D(2023, 1, 1),
        selection_end=D(2024, 4, 30),
        suppliers=[a, b],
    )
    Survey.objects.create(
        followup=special,
        audience="caseworkers",
        sent_on=D(2024, 9, 10),
        sent_count=15,
        answered_count=12,
    )
    Interview.objects.create(
        followup=special,
        supplier=a,
        staff_role="Behandlingspersonal",
        interviewee_count=3,
        held_on=D(2024, 10, 1),
    )
    Visit.objects.create(
        followup=special,
        supplier=a,
        unit=unit,
        notice="unannounced",
        time_of_day="evening",
        visited_on=D(2024, 10, 20),
        visitors="Två strateger",
        observations="Bemanning enligt schema.",
    )
    areas = [
        AssessmentArea.objects.create(agreement=hvb, name=name, order=i)
        for i, name in enumerate(["Bemanning och kompetens", "Meddelarfrihet", "Lokaler"])
    ]
    ratings = {
        (a, 0): Rating.FULFILLED,
        (a, 1): Rating.PARTLY,
        (a, 2): Rating.FULFILLED,
        (b, 0): Rating.FULFILLED,
        (b, 1): Rating.NOT_FULFILLED,
        (b, 2): Rating.FULFILLED,
    }
    for (supplier, i), rating in ratings.items():
        Assessment.objects.create(followup=special, supplier=supplier, area=areas[i], rating=rating)
    Assessment.objects.create(
        followup=special,
        supplier=b,
        area=AssessmentArea.objects.create(agreement=hvb, name="Hälso- och sjukvård", order=9),
        rating=Rating.NOT_ASSESSED,
    )
    finding = FindingFactory(
        followup=special,
        supplier=b,
        area=areas[1],
        description="Låg kännedom om meddelarfrihet",
        due_date=D(2025, 1, 31),
        status="action_plan_received",
        feedback_given_on=D(2024, 11, 1),
        feedback_method="meeting",
        action_plan_deadline=D(2025, 2, 28),
    )
    ActionPlan.objects.create(
        finding=finding,
        received_on=D(2024, 11, 20),
        measures="Introduktion om meddelarfrihet",
        deadline=D(2025, 2, 28),
    )
    FindingFactory(
        followup=special,
        supplier=a,
        area=areas[0],
        description="Kvällsbemanning saknas",
        status="verified",
        feedback_given_on=D(2024, 10, 25),
        verified_on=D(2024, 12, 1),
    )
    ivo_remark = hvb_contracts[5].supplier.checks.get(performed_on=D(2024, 3, 20))
    FollowUpFactory(
        kind="event_driven",
        title="Händelsestyrd uppföljning efter IVO",
        agreement=hvb,
        responsible=strategist,
        status="completed",
        started_on=D(2024, 3, 25),
        completed_on=D(2024, 5, 1),
        trigger_check=ivo_remark,
        conclusion="Tillfälligt utesluten tills IVO avslutat ärendet.",
        suppliers=[hvb_contracts[5].supplier],
    )
    for category, status in [
        (DeviationCategory.INVOICING, DeviationStatus.HANDLED_IN_CASE),
        (DeviationCategory.INVOICING, DeviationStatus.HANDLED_IN_CASE),
        (DeviationCategory.INVOICING, DeviationStatus.CLOSED),
        (DeviationCategory.COST_RESPONSIBILITY, DeviationStatus.HANDLED_IN_CASE),
        (DeviationCategory.QUALITY, DeviationStatus.ESCALATED),
    ]:
        DeviationFactory(
            agreement=hvb,
            supplier=a,
            category=category,
            status=status,
            triage_reason="Hanterat",
            triaged_by=strategist,
            triaged_at=timezone.now(),
        )
    DeviationFactory(agreement=hvb, supplier=a, occurred_on=D(2023, 12, 1))  # last year
    return {"special": special}
