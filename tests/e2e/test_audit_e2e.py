"""One coordinator's day, through the browser, and what the audit log keeps of it (issue 14):
the failed and the successful login, the page they were refused, the logout. Their ordinary
work (the search, a unit's status, logging the call-off check, the log, an export without a
criminal-record check) writes nothing."""

import datetime

from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import (
    AgreementFactory,
    ContractFactory,
    SupplierFactory,
    UnitFactory,
    UserFactory,
)
from tests.followups.calloff.calloff_helpers import make_check
from uppfoljning.audit import Action
from uppfoljning.audit.models import AuditEntry


def test_a_coordinators_day_in_the_audit_log(page, login, follow_menu):
    today = timezone.localdate()
    coordinator = UserFactory(username="samordnare", role="coordinator")
    supplier = SupplierFactory(name="Viborgs Omsorg AB (fiktiv)", org_number="556036-0793")
    agreement = AgreementFactory(
        name="HVB barn och unga", option_end_date=today + datetime.timedelta(days=400)
    )
    contract = ContractFactory(supplier=supplier, agreement=agreement, rank=1)
    unit = UnitFactory(supplier=supplier, name="Vibor Gläntan", place="Uppsala")
    contract.units.add(unit)
    make_check(supplier, unit=unit, on=today - datetime.timedelta(days=20))

    # Giving the user the role was itself logged; the day starts after it.
    assert AuditEntry.objects.get().action == Action.ROLE_CHANGED
    start = AuditEntry.objects.get().pk

    # A mistyped password first, as mornings go.
    page.goto("/login/")
    page.get_by_label("Användarnamn").fill("samordnare")
    page.get_by_label("Lösenord").fill("fel-lösenord-1")
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_text("Ange ett korrekt användarnamn och lösenord.")).to_be_visible()
    login("samordnare")

    follow_menu("Avrop", "Avropskontroll")
    page.get_by_label("Leverantör eller verksamhet").fill("vibor")
    page.locator("#search-results").get_by_role("link", name="Vibor Gläntan").click()
    card = page.get_by_role("region", name="HVB barn och unga")
    card.get_by_label("Jag har kontrollerat i IVO:s Placeringsstöd").check()
    card.get_by_label("Placeringsstöd visade").select_option(
        label="Tillstånd finns, inget pågående tillsynsärende"
    )
    card.get_by_role("button", name="Logga kontrollen").click()
    expect(page.get_by_text("Avropskontrollen är loggad.")).to_be_visible()
    follow_menu("Avrop", "Logg över avropskontroller")
    expect(page.get_by_role("table")).to_contain_text("Vibor Gläntan")
    page.goto("/followups/checks/")
    with page.expect_download():
        page.get_by_role("link", name="CSV").click()

    # A bookmark from a colleague: the yearly plans are the strategists'.
    response = page.goto("/followups/plans/")
    assert response.status == 403

    page.goto("/")
    page.locator("#user-menu").click()
    page.get_by_role("button", name="Logga ut").click()
    page.wait_for_url("**/login/**")

    entries = list(AuditEntry.objects.filter(pk__gt=start).order_by("pk"))
    assert [e.action for e in entries] == [
        Action.LOGIN_FAILED,
        Action.LOGIN,
        Action.FORBIDDEN,
        Action.LOGOUT,
    ]
    assert {e.username for e in entries} == {"samordnare"}
    assert {e.user for e in entries} == {coordinator}
    assert {e.ip for e in entries} == {"127.0.0.1"}
    assert entries[2].path == "/followups/plans/"
