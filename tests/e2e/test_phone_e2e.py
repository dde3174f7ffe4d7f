"""On a phone (390 × 844) the strategist's busiest pages of the demo fit the width: nothing
scrolls sideways, a wide table scrolls inside its own box (WCAG 1.4.10 reflow)."""

import pytest
from django.contrib.auth.models import Group

from followups.models import FollowUpPlan
from tests.conftest import DEMO_TODAY
from uppfoljning.core.roles import ROLE_PERMISSIONS
from uppfoljning.demo.loader import load_demo

PHONE = {"width": 390, "height": 844}

# The widest element that runs past the window and is not inside a box that scrolls.
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const scrolls = el => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(a).overflowX)) return true;
    }
    return false;
  };
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.right > width + 1 && !scrolls(el)) out.push(el.tagName + '.' + el.className);
  }
  return out.slice(0, 5);
}"""


@pytest.mark.slow
def test_the_start_page_desk_plan_and_risk_pages_do_not_scroll_sideways(page, login, tmp_path):
    for role in ROLE_PERMISSIONS:  # an earlier browser test's flush may have emptied them
        Group.objects.get_or_create(name=role)
    load_demo(today=DEMO_TODAY)
    page.set_default_timeout(30_000)  # the demo's pages take a while on a busy machine
    page.set_viewport_size(PHONE)
    login("strateg", "uppfoljning-demo")
    plan = FollowUpPlan.objects.order_by("year").first()
    pages = {
        "start": "/",
        "desk": "/followups/desk/",
        "plans": "/followups/plans/",
        "plan": plan.get_absolute_url(),
        "risk": "/followups/risk/",
    }
    wide = {}
    for name, url in pages.items():
        page.goto(url)
        page.screenshot(path=tmp_path / f"phone-{name}.png", full_page=True)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            wide[name] = (width, page.evaluate(OVERFLOW))
    assert wide == {}
