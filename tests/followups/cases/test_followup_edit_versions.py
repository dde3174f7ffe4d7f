"""Two strategists edit the same follow-up: the second save is refused, nothing is lost
(issue 15, lost updates)."""

import pytest
from django.urls import reverse

from followups.cases.selectors import assessment_areas
from followups.models import Assessment
from tests.edit_forms import second_save_is_refused
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_stale_follow_up_edit_is_refused_and_the_summary_kept(followup, strategist):
    other = UserFactory(username="strateg2", role="strategist")
    url = reverse("followups:followup_edit", args=[followup.pk])
    page = second_save_is_refused(
        url,
        strategist,
        other,
        {"summary": "Bemanningen brister på kvällstid."},
        {"conclusion": "Utföraren ska ta fram en åtgärdsplan."},
        "Sammanfattning",
    )
    assert "”(tomt)” → ”Bemanningen brister på kvällstid.”" in page
    followup.refresh_from_db()
    # Both changes stand after the reload: the summary was never emptied again.
    assert followup.summary == "Bemanningen brister på kvällstid."
    assert followup.conclusion == "Utföraren ska ta fram en åtgärdsplan."


def test_a_stale_save_of_the_assessment_grid_is_refused(followup, scope, strategist):
    area = assessment_areas(followup.agreement)[0]
    first, second = (f"{s.pk}-{area.pk}" for s in scope)
    url = reverse("followups:assessment_grid", args=[followup.pk])
    page = second_save_is_refused(
        url,
        strategist,
        UserFactory(username="strateg2", role="strategist"),
        {f"r-{first}": "not_fulfilled", f"c-{first}": "Saknar kvällsbemanning"},
        {f"r-{second}": "fulfilled"},
        f"Kommentar om {area} för {scope[0]}",
    )
    assert "”(tomt)” → ”Saknar kvällsbemanning”" in page
    saved = {(a.supplier_id, a.rating, a.comment) for a in Assessment.objects.all()}
    assert saved == {
        (scope[0].pk, "not_fulfilled", "Saknar kvällsbemanning"),
        (scope[1].pk, "fulfilled", ""),
    }
