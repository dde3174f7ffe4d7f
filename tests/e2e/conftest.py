"""Browser tests: Playwright drives Debian's Chromium (no browser download) against live_server."""

import os
import time

import pytest
from playwright.sync_api import sync_playwright

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")

# Playwright's sync API runs an event loop in this thread; the Django calls the tests make
# around it (creating fixtures, reading results) are ordinary synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    # Every browser test starts Chromium against a live server: e2e, and slow as well.
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, transactional_db):
    context = browser.new_context(locale="sv-SE", base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def second_factor_device(username):
    """The authenticator app of a user who must pass the second factor (None for the others):
    a confirmed TOTP device, as if set up on an earlier day."""
    from django.contrib.auth import get_user_model
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from uppfoljning.two_factor.policy import has_device, required_by_role

    user = get_user_model().objects.get(username=username)
    if not (required_by_role(user) or has_device(user)):
        return None
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="e2e phone", confirmed=True)


def current_code(device):
    """What the app shows now (django_otp.oath.TOTP over the device's key), or the next code
    when this one was already used: the server takes one step ahead and never a code twice."""
    from django_otp.oath import TOTP

    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if totp.t() <= device.last_t:
        ahead = device.last_t + 1 - totp.t()
        if ahead > device.tolerance:  # two logins in one step already: wait for the next
            time.sleep(device.step - (time.time() - device.t0) % device.step + 0.1)
            return current_code(device)
        totp.drift += ahead
    return str(totp.token()).zfill(device.digits)


@pytest.fixture
def login(page):
    """Log in through the Swedish login page, as a person would: the password, then, for a
    user who needs one, the code from the authenticator app on the verification page."""

    def do_login(username, password="lösenord-123"):
        device = second_factor_device(username)
        page.goto("/login/")
        page.get_by_label("Användarnamn").fill(username)
        page.get_by_label("Lösenord").fill(password)
        page.get_by_role("button", name="Logga in").click()
        if device is not None:
            page.wait_for_url("**/account/2fa/verify/**")
            page.get_by_label("Kod från appen").fill(current_code(device))
            page.get_by_role("button", name="Verifiera", exact=True).click()
        page.wait_for_url("**/")

    return do_login


@pytest.fixture
def follow_menu(page):
    """Open a group of the main menu and follow one of its entries, as a person would."""

    def follow(group, entry):
        menu = page.get_by_role("navigation", name="Huvudmeny")
        menu.get_by_role("button", name=group).click()
        menu.get_by_role("link", name=entry, exact=True).click()

    return follow
