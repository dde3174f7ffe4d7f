"""Every time a person reads is on a Stockholm clock, as 2024-12-20 20:59 (stored in UTC)."""

import datetime

import pytest
from django.utils import timezone

from followups.planning import services as plan_services
from tests.factories import AgreementFactory, BoardFactory
from uppfoljning.core.formatting import format_date

UTC = datetime.UTC


def test_a_moment_is_shown_in_stockholm_time_winter_and_summer():
    assert format_date(datetime.datetime(2024, 12, 20, 19, 59, tzinfo=UTC)) == "2024-12-20 20:59"
    assert format_date(datetime.datetime(2024, 6, 20, 22, 30, tzinfo=UTC)) == "2024-06-21 00:30"
    assert format_date(datetime.date(2024, 12, 20)) == "2024-12-20"


@pytest.mark.django_db
def test_the_plan_page_and_its_history_agree_on_the_time(strategist_client, strategist):
    board = BoardFactory()
    AgreementFactory(board=board, owner=strategist)
    plan = plan_services.plan_propose(
        board=board, year=2025, user=strategist, capacity=1, today=datetime.date(2024, 12, 1)
    )
    type(plan).objects.filter(pk=plan.pk).update(
        created_at=datetime.datetime(2024, 12, 20, 19, 59, tzinfo=UTC)
    )
    plan_services.plan_accept(plan=plan, user=strategist, deviation_reason="Ersätts.")
    plan.refresh_from_db()

    body = strategist_client.get(plan.get_absolute_url()).content.decode()
    assert "2024-12-20 20:59" in body
    assert "19:59" not in body
    # The history lists the acceptance time as the page does, never the raw UTC value.
    accepted = timezone.localtime(plan.accepted_at).strftime("%Y-%m-%d %H:%M")
    history = body[body.index('id="history-heading"') :]
    assert f'→ <ins aria-label="till">{accepted}</ins>' in history
    assert "+00:00" not in body
