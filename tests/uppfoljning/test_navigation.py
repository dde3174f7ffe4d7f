"""The menu marks one current page: the entry whose address is closest to the page's."""

import re

from django.urls import reverse


def current_entries(html: str) -> list[str]:
    return re.findall(
        r'<a class="nav-link active" href="[^"]*" aria-current="page">([^<]*)</a>', html
    )


def test_only_the_closest_menu_entry_is_current(strategist_client):
    plans = strategist_client.get(reverse("followups:plan_list")).content.decode()
    assert current_entries(plans) == ["Planering"]
    followups = strategist_client.get(reverse("followups:followup_list")).content.decode()
    assert current_entries(followups) == ["Uppföljningar"]
    coverage = strategist_client.get(reverse("followups:coverage")).content.decode()
    assert current_entries(coverage) == ["Täckning särskild uppföljning"]
