"""Follow-ups: planning, scope, starting and completing, and who may do it."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from followups.cases import services
from followups.models import AssessmentArea, FollowUp, FollowUpStatus
from tests.factories import SupplierFactory, UnitFactory
from uppfoljning.core.errors import DomainError

pytestmark = pytest.mark.django_db
D = datetime.date


def test_planning_a_special_followup_seeds_the_agreements_areas(followup, agreement):
    assert followup.status == FollowUpStatus.ONGOING
    assert followup.title == "Särskild uppföljning Stödboende för ungdomar 2024"
    names = list(agreement.assessment_areas.values_list("name", flat=True))
    assert "Bemanning och beredskap" in names
    assert "Meddelarfrihet" in names


def test_default_template_is_seeded_by_migration():
    assert AssessmentArea.objects.filter(agreement=None, name="Lex Sarah").exists()


def test_supplier_without_contract_cannot_be_in_scope(agreement, strategist):
    outsider = SupplierFactory(name="Utanför AB")
    with pytest.raises(DomainError, match="har inget avtal"):
        services.followup_create(
            kind="special",
            agreement=agreement,
            responsible=strategist,
            user=strategist,
            suppliers=[outsider],
        )
    assert not FollowUp.objects.exists()


def test_unit_must_belong_to_a_supplier_in_scope(agreement, scope, strategist):
    other_unit = UnitFactory()
    with pytest.raises(DomainError, match="tillhör inte"):
        services.followup_create(
            kind="special",
            agreement=agreement,
            responsible=strategist,
            user=strategist,
            suppliers=scope,
            units=[other_unit],
        )


def test_event_driven_needs_a_trigger(agreement, scope, strategist):
    with pytest.raises(DomainError, match="utlöste"):
        services.followup_create(
            kind="event_driven",
            agreement=agreement,
            responsible=strategist,
            user=strategist,
            suppliers=scope[:1],
        )
    fu = services.followup_create(
        kind="event_driven",
        agreement=agreement,
        responsible=strategist,
        user=strategist,
        suppliers=scope[:1],
        trigger_source="media",
        trigger_text="Artikel om bristande bemanning.",
    )
    assert fu.get_trigger_source_display() == "Media"


@pytest.mark.parametrize(
    ("start", "move", "allowed"),
    [
        ("planned", "start", True),
        ("planned", "complete", False),
        ("ongoing", "start", False),
        ("ongoing", "complete", True),
        ("completed", "start", False),
        ("completed", "complete", False),
    ],
)
def test_followup_transitions(agreement, scope, strategist, start, move, allowed):
    fu = services.followup_create(
        kind="special",
        agreement=agreement,
        responsible=strategist,
        user=strategist,
        suppliers=scope,
        conclusion="Inga brister.",
    )
    if start in ("ongoing", "completed"):
        fu = services.followup_start(followup=fu, started_on=D(2024, 9, 1), user=strategist)
    if start == "completed":
        fu = services.followup_complete(followup=fu, completed_on=D(2024, 12, 1), user=strategist)

    def do():
        if move == "start":
            return services.followup_start(followup=fu, started_on=D(2024, 9, 1), user=strategist)
        return services.followup_complete(
            followup=fu, completed_on=D(2024, 12, 20), user=strategist
        )

    if allowed:
        assert do().status != start
    else:
        with pytest.raises(DomainError, match="kan inte ändras till"):
            do()
        fu.refresh_from_db()
        assert fu.status == start


def test_completing_needs_a_conclusion(followup, strategist):
    with pytest.raises(DomainError, match="slutsats"):
        services.followup_complete(followup=followup, completed_on=D(2024, 12, 20), user=strategist)
    done = services.followup_complete(
        followup=followup,
        completed_on=D(2024, 12, 20),
        conclusion="Majoriteten uppvisar god kvalitet.",
        user=strategist,
    )
    assert done.status == FollowUpStatus.COMPLETED
    assert done.history.first().history_user == strategist


@pytest.mark.parametrize("role", ["coordinator", "caseworker", "board_reader"])
def test_only_strategists_plan_and_start_followups(
    agreement, scope, user_with_role, role, followup
):
    user = user_with_role(role)
    with pytest.raises(PermissionDenied):
        services.followup_create(
            kind="special", agreement=agreement, responsible=user, user=user, suppliers=scope
        )
    with pytest.raises(PermissionDenied):
        services.followup_complete(followup=followup, completed_on=D(2024, 12, 1), user=user)


def test_scope_cannot_drop_a_supplier_with_findings(followup, scope, strategist):
    services.finding_create(
        followup=followup, supplier=scope[0], severity="minor", description="x", user=strategist
    )
    with pytest.raises(DomainError, match="brister"):
        services.followup_set_scope(followup=followup, suppliers=scope[1:], user=strategist)
    assert followup.suppliers.count() == 2
