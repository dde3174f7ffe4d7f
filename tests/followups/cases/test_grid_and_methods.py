"""The assessment grid and method records stay within the follow-up's scope."""

import datetime

import pytest

from followups.cases import selectors, services
from followups.models import Assessment, Survey, Visit
from tests.factories import PurchaseFactory, SupplierFactory, UnitFactory
from uppfoljning.core.errors import DomainError

pytestmark = pytest.mark.django_db
D = datetime.date


def test_grid_saves_only_what_changed(followup, scope, strategist):
    areas, rows = selectors.assessment_grid(followup)
    assert [r.supplier for r in rows] == sorted(scope, key=lambda s: s.name)
    staffing = areas[0]
    ratings = {
        (scope[0].pk, staffing.pk): ("not_fulfilled", "Ingen kvällsbemanning."),
        (scope[1].pk, staffing.pk): ("fulfilled", ""),
        (scope[1].pk, areas[1].pk): ("not_assessed", ""),
    }
    assert services.assessment_grid_save(followup=followup, ratings=ratings, user=strategist) == 2
    assert services.assessment_grid_save(followup=followup, ratings=ratings, user=strategist) == 0
    saved = Assessment.objects.get(supplier=scope[0], area=staffing)
    assert saved.get_rating_display() == "Ej uppfyllt"


def test_grid_refuses_supplier_outside_scope(followup, strategist):
    area = selectors.assessment_areas(followup.agreement)[0]
    with pytest.raises(DomainError, match="omfattas inte"):
        services.assessment_grid_save(
            followup=followup,
            ratings={(SupplierFactory().pk, area.pk): ("fulfilled", "")},
            user=strategist,
        )
    assert not Assessment.objects.exists()


def test_visit_takes_supplier_from_unit_and_checks_scope(followup, scope, strategist):
    unit = scope[0].units.get()
    visit = services.method_record_save(
        record=Visit(
            followup=followup,
            unit=unit,
            notice="unannounced",
            time_of_day="evening",
            visited_on=D(2024, 10, 10),
            visitors="Två strateger",
            observations="Ingen personal på plats efter kl. 19.",
        ),
        user=strategist,
    )
    assert visit.supplier == scope[0]
    with pytest.raises(DomainError, match="omfattas inte"):
        services.method_record_save(
            record=Visit(
                followup=followup,
                unit=UnitFactory(),
                notice="announced",
                time_of_day="daytime",
                visited_on=D(2024, 10, 10),
                visitors="x",
                observations="y",
            ),
            user=strategist,
        )


def test_survey_cannot_have_more_answers_than_sent(followup, strategist):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.method_record_save(
            record=Survey(
                followup=followup, audience="caseworkers", sent_count=3, answered_count=5
            ),
            user=strategist,
        )
    assert not Survey.objects.exists()


def test_purchase_ranking_orders_by_value_and_ranks_placements(agreement):
    big, many, small = (SupplierFactory(name=n) for n in ("Vibor", "Utslussen", "Allviken"))
    PurchaseFactory(agreement=agreement, supplier=big, amount=5_100_000, placements=3)
    PurchaseFactory(agreement=agreement, supplier=many, amount=4_900_000, placements=10)
    PurchaseFactory(
        agreement=agreement, supplier=small, amount=2_000_000, placements=5, month=D(2022, 1, 1)
    )
    ranking = selectors.purchase_ranking(agreement, D(2023, 1, 1), D(2024, 4, 30))
    assert [(r.supplier.name, r.rank_by_placements) for r in ranking] == [
        ("Vibor", 2),
        ("Utslussen", 1),
    ]
