"""Two strategists edit the same follow-up: the second save is refused, nothing is lost
(issue 15, lost updates)."""

import pytest
from django.urls import reverse

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
