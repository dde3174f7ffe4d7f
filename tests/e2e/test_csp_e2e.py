"""The strict Content-Security-Policy (issue 14) breaks no page: Chromium reports no violation
on the main pages of each role in the demo, and the print button still prints.

A violation is caught twice over: the page's `securitypolicyviolation` event (a listener put
in before any of the page's own script runs) and Chromium's console error.
"""

import datetime

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse
from playwright.sync_api import expect

from followups.models import FollowUp
from reports import services as report_services
from suppliers.models import Board, FrameworkAgreement, Supplier, Unit
from tests.factories import (
    AgreementFactory,
    ContractFactory,
    SupplierFactory,
    UnitFactory,
    UserFactory,
)
from uppfoljning.core.roles import ROLE_PERMISSIONS
from uppfoljning.demo.loader import load_demo

DEMO_PASSWORD = "uppfoljning-demo"

LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.reportCspViolation(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"} ` +
    `at ${event.sourceFile}:${event.lineNumber} ${event.sample}`
  );
});
"""


@pytest.fixture
def violations(page):
    """Every CSP violation on any page the `page` opens, as (url, description)."""
    found = []
    page.expose_function("reportCspViolation", lambda text: found.append((page.url, text)))
    page.add_init_script(LISTENER)

    def console(message):
        if message.type == "error" and "Content Security Policy" in message.text:
            found.append((page.url, message.text))

    page.on("console", console)
    return found


def visit(page, url):
    response = page.goto(url)
    assert response.status == 200, f"{url}: {response.status}"
    page.wait_for_load_state("load")
    # Violation events are queued as tasks: let them all be delivered before moving on.
    page.evaluate("() => new Promise((done) => setTimeout(done, 0))")


def test_the_policy_is_enforced_and_a_violation_is_seen(page, violations):
    visit(page, "/login/")
    assert violations == []
    page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.inlineRan = true";
          document.head.appendChild(script);
          document.body.setAttribute("style", "background: red");
        }"""
    )
    page.evaluate("() => new Promise((done) => setTimeout(done, 0))")
    assert page.evaluate("() => window.inlineRan") is None
    assert page.evaluate("() => getComputedStyle(document.body).backgroundColor") != (
        "rgb(255, 0, 0)"
    )
    seen = " ".join(text for _, text in violations)
    assert "script-src" in seen and "style-src" in seen


def test_main_pages_of_every_role_break_no_policy(page, login, violations):
    for role in ROLE_PERMISSIONS:  # an earlier browser test's flush may have emptied them
        Group.objects.get_or_create(name=role)
    load_demo(today=datetime.date(2026, 11, 23))
    board = Board.objects.order_by("pk").first()
    report = report_services.report_create_annual(
        board=board, year=2024, user=User.objects.get(username="strateg")
    )
    supplier = Supplier.objects.filter(contracts__isnull=False).order_by("pk").first()
    unit = Unit.objects.filter(contracts__isnull=False).order_by("pk").first()
    agreement = FrameworkAgreement.objects.filter(contracts__isnull=False).order_by("pk").first()
    followup = FollowUp.objects.order_by("pk").first()
    admin = User.objects.get(username="admin")

    pages = {
        "strateg": [
            reverse("dashboard"),
            reverse("suppliers:supplier_list"),
            reverse("suppliers:supplier_detail", args=[supplier.pk]),
            reverse("suppliers:agreement_detail", args=[agreement.pk]),
            reverse("followups:followup_list"),
            reverse("followups:followup_detail", args=[followup.pk]),
            reverse("followups:check_list"),
            reverse("followups:desk"),
            reverse("followups:plan_list"),
            reverse("followups:coverage"),
            reverse("followups:risk"),
            reverse("reports:report_list"),
            reverse("reports:report_detail", args=[report.pk]),
            reverse("reports:report_preview", args=[report.pk]),
        ],
        "samordnare": [
            reverse("dashboard"),
            reverse("calloff:search"),
            reverse("calloff:unit_status", args=[unit.pk]),
            reverse("calloff:order", args=[agreement.pk]),
            reverse("calloff:log_list"),
            reverse("suppliers:supplier_detail", args=[supplier.pk]),
        ],
        "socialsekreterare": [
            reverse("dashboard"),
            reverse("followups:deviation_add"),
            reverse("followups:my_deviations"),
        ],
        "namnd": [reverse("dashboard")],
        "admin": [
            reverse("admin:index"),
            reverse("admin:auth_user_changelist"),
            reverse("admin:auth_user_change", args=[admin.pk]),
        ],
    }
    for username, urls in pages.items():
        page.context.clear_cookies()
        login(username, DEMO_PASSWORD)
        for url in urls:
            visit(page, url)
        if username == "samordnare":
            # The search's results come in by htmx: swapped-in markup is checked too.
            visit(page, reverse("calloff:search"))
            page.get_by_label("Leverantör eller verksamhet").fill(unit.name[:5])
            expect(page.locator("#search-results").get_by_role("link").first).to_be_visible()
    assert violations == []


def test_the_print_button_prints_without_inline_script(page, login, violations):
    UserFactory(username="samordnare", role="coordinator")
    supplier = SupplierFactory(name="Viborgs Omsorg AB")
    unit = UnitFactory(supplier=supplier, name="Vibor Gläntan")
    ContractFactory(supplier=supplier, agreement=AgreementFactory(name="HVB barn och unga"))
    supplier.contracts.get().units.add(unit)
    page.add_init_script("window.printed = 0; window.print = () => { window.printed += 1; };")
    login("samordnare")
    visit(page, reverse("calloff:unit_status", args=[unit.pk]))
    assert page.evaluate("() => window.printed") == 0
    page.get_by_role("button", name="Skriv ut").click()
    assert page.evaluate("() => window.printed") == 1
    assert violations == []
