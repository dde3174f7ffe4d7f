"""Deviations: the quick report and the strategist's triage."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from followups.cases import services
from followups.models import Deviation, DeviationStatus, FollowUp
from tests.factories import SupplierFactory, UnitFactory
from uppfoljning.core.errors import DomainError

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def deviation(agreement, scope, caseworker):
    return services.deviation_report(
        agreement=agreement,
        supplier=scope[0],
        category="invoicing",
        description="Fakturerat för utflyttsdagen.",
        occurred_on=D(2024, 5, 2),
        reporter_role="caseworker",
        user=caseworker,
    )


@pytest.mark.parametrize("role", ["caseworker", "coordinator", "strategist"])
def test_reporting_roles(agreement, scope, user_with_role, role):
    user = user_with_role(role)
    dev = services.deviation_report(
        agreement=agreement,
        supplier=scope[0],
        category="quality",
        description="Rapport saknas.",
        occurred_on=D(2024, 5, 2),
        reporter_role=role if role != "strategist" else "strategist",
        user=user,
    )
    assert dev.status == DeviationStatus.NEW
    assert dev.contract.supplier == scope[0]


def test_board_reader_cannot_report(agreement, scope, board_reader):
    with pytest.raises(PermissionDenied):
        services.deviation_report(
            agreement=agreement,
            supplier=scope[0],
            category="quality",
            description="x",
            occurred_on=D(2024, 5, 2),
            reporter_role="other",
            user=board_reader,
        )


def test_report_for_supplier_without_contract_is_refused(agreement, caseworker):
    with pytest.raises(DomainError, match="har inget avtal"):
        services.deviation_report(
            agreement=agreement,
            supplier=SupplierFactory(),
            category="quality",
            description="x",
            occurred_on=D(2024, 5, 2),
            reporter_role="caseworker",
            user=caseworker,
        )
    assert not Deviation.objects.exists()


def test_unit_of_another_supplier_is_refused(agreement, scope, caseworker):
    with pytest.raises(DomainError, match="tillhöra leverantören"):
        services.deviation_report(
            agreement=agreement,
            supplier=scope[0],
            unit=UnitFactory(),
            category="quality",
            description="x",
            occurred_on=D(2024, 5, 2),
            reporter_role="caseworker",
            user=caseworker,
        )


def _triage_to(start, deviation, user):
    if start == "new":
        return deviation
    if start == "closed":
        return services.deviation_triage(
            deviation=deviation, status="closed", reason="Ej avtalsfråga.", user=user
        )
    return services.deviation_triage(deviation=deviation, status=start, reason="Skäl.", user=user)


STATUSES = [s.value for s in DeviationStatus]


@pytest.mark.parametrize("start", STATUSES)
@pytest.mark.parametrize("move", [s for s in STATUSES if s != "new"])
def test_triage_transitions_follow_the_map(deviation, strategist, start, move):
    deviation = _triage_to(start, deviation, strategist)
    if move in Deviation.TRANSITIONS[start]:
        result = services.deviation_triage(
            deviation=deviation, status=move, reason="Bedömt.", user=strategist
        )
        assert result.status == move
        assert result.triaged_by == strategist
    else:
        with pytest.raises(DomainError, match="kan inte ändras till"):
            services.deviation_triage(
                deviation=deviation, status=move, reason="Bedömt.", user=strategist
            )
        deviation.refresh_from_db()
        assert deviation.status == start


def test_triage_needs_a_reason(deviation, strategist):
    with pytest.raises(DomainError, match="skälet"):
        services.deviation_triage(deviation=deviation, status="closed", reason=" ", user=strategist)
    deviation.refresh_from_db()
    assert deviation.status == DeviationStatus.NEW


def test_escalation_opens_event_driven_followup(deviation, strategist):
    services.deviation_triage(
        deviation=deviation, status="escalated", reason="Upprepade avvikelser.", user=strategist
    )
    followup = FollowUp.objects.get()
    assert followup.kind == "event_driven"
    assert followup.trigger_deviation == deviation
    assert followup.status == "ongoing"


@pytest.mark.parametrize("role", ["caseworker", "coordinator", "board_reader"])
def test_only_strategists_triage(deviation, user_with_role, role):
    with pytest.raises(PermissionDenied):
        services.deviation_triage(
            deviation=deviation, status="closed", reason="x", user=user_with_role(role)
        )
