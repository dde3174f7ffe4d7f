"""A coordinator checks a unit before a call-off and logs it (issue 3)."""

import datetime

from django.utils import timezone
from playwright.sync_api import expect

from followups.models import CheckKind, CheckResult
from suppliers.models import PlacementCheck
from tests.factories import (
    AgreementFactory,
    ContractFactory,
    SupplierFactory,
    UnitFactory,
    UserFactory,
)
from tests.followups.calloff.calloff_helpers import make_check


def test_coordinator_searches_checks_unit_logs_and_sees_it_in_the_log(page, login, follow_menu):
    today = timezone.localdate()
    coordinator = UserFactory(
        username="samordnare", first_name="Sara", last_name="Lind", role="coordinator"
    )
    supplier = SupplierFactory(name="Viborgs Omsorg AB", org_number="556036-0793")
    agreement = AgreementFactory(
        name="HVB barn och unga", option_end_date=today + datetime.timedelta(days=400)
    )
    contract = ContractFactory(supplier=supplier, agreement=agreement, rank=1)
    unit = UnitFactory(supplier=supplier, name="Vibor Gläntan unga vuxna", place="Uppsala")
    contract.units.add(unit)
    make_check(supplier, unit=unit, on=today - datetime.timedelta(days=20))
    make_check(
        supplier,
        kind=CheckKind.CREDIT,
        result=CheckResult.REMARK,
        on=today - datetime.timedelta(days=5),
        performed_by=coordinator,
    )

    login("samordnare")
    follow_menu("Avrop", "Avropskontroll")
    page.get_by_label("Leverantör eller verksamhet").fill("vibor")
    # The count is announced through the live region; the links follow in the results.
    expect(page.get_by_role("status")).to_have_text("2 träffar för ”vibor”.")
    results = page.locator("#search-results")
    results.get_by_role("link", name="Vibor Gläntan unga vuxna").click()

    expect(
        page.get_by_role("heading", name="Avropsstatus: Vibor Gläntan unga vuxna")
    ).to_be_visible()
    card = page.get_by_role("region", name="HVB barn och unga")
    expect(card.locator(".light-lg")).to_contain_text("Varning")
    expect(card).to_contain_text("Den senaste kreditupplysningen har en anmärkning.")
    expect(card).to_contain_text("20 dagar")

    card.get_by_label("Jag har kontrollerat i IVO:s Placeringsstöd").check()
    card.get_by_label("Placeringsstöd visade").select_option(
        label="Tillstånd finns, inget pågående tillsynsärende"
    )
    card.get_by_role("button", name="Logga kontrollen").click()

    expect(page.get_by_text("Avropskontrollen är loggad.")).to_be_visible()
    expect(page.get_by_role("heading", name="Loggad avropskontroll")).to_be_visible()
    follow_menu("Avrop", "Logg över avropskontroller")
    table = page.get_by_role("table")
    expect(table).to_contain_text("Vibor Gläntan unga vuxna")
    expect(table).to_contain_text("Sara Lind")
    expect(table).to_contain_text("Varning")

    logged = PlacementCheck.objects.get()
    assert logged.performed_by == coordinator
    assert logged.snapshot["reasons"][0]["code"] == "credit_remark"
