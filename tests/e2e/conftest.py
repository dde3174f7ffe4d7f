"""Browser tests: Playwright drives Debian's Chromium (no browser download) against live_server."""

import os

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


@pytest.fixture
def login(page):
    """Log in through the Swedish login page, as a person would."""

    def do_login(username, password="lösenord-123"):
        page.goto("/login/")
        page.get_by_label("Användarnamn").fill(username)
        page.get_by_label("Lösenord").fill(password)
        page.get_by_role("button", name="Logga in").click()
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
