"""What every paginated list tells its reader above the table: how many rows there are."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from followups.calloff import services as calloff_services
from tests.followups.calloff.calloff_helpers import make_check, usable_contract
from tests.followups.factories import CheckFactory

pytestmark = pytest.mark.django_db


def _count_line(body: str) -> str:
    match = re.search(r'aria-live="polite">\s*([^<]*\bpost(?:er)?)\s*<', body)
    assert match, "no count above the list"
    return match.group(1).strip()


def test_the_checks_list_counts_every_row_not_zero(strategist_client):
    CheckFactory.create_batch(27)
    body = strategist_client.get(reverse("followups:check_list")).content.decode()
    assert _count_line(body) == "27 poster"
    assert "Sida 1 av 2" in body


@pytest.mark.parametrize("rows, line", [(3, "3 poster"), (1, "1 post")])
def test_the_call_off_log_counts_its_rows(client, coordinator, rows, line):
    today = timezone.localdate()
    for _ in range(rows):
        contract, unit = usable_contract()
        make_check(contract.supplier, unit=unit, on=today - datetime.timedelta(days=3))
        calloff_services.placement_check_log(
            user=coordinator,
            agreement=contract.agreement,
            unit=unit,
            placement_support_consulted=True,
            placement_support_reading="permit_ok",
        )
    client.force_login(coordinator)
    body = client.get(reverse("calloff:log_list")).content.decode()
    assert _count_line(body) == line
