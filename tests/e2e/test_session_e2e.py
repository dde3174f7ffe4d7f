"""A session left idle ends in the browser too, also when the next request is htmx's."""

import time

from django.contrib.sessions.backends.db import SessionStore
from playwright.sync_api import expect

from tests.factories import UserFactory
from uppfoljning.middleware import LAST_ACTIVITY_KEY


def test_an_idle_search_page_goes_whole_to_the_login_and_back(page, login):
    UserFactory(username="samordnare", role="coordinator")
    login("samordnare")
    page.goto("/calloff/")
    # Thirty-one minutes without a request, as the server's session records them.
    cookie = next(c for c in page.context.cookies() if c["name"] == "sessionid")
    session = SessionStore(session_key=cookie["value"])
    session[LAST_ACTIVITY_KEY] = int(time.time()) - 31 * 60
    session.save()

    page.get_by_label("Leverantör eller verksamhet").fill("vibor")
    page.wait_for_url("**/login/?next=/calloff/")
    expect(page.get_by_text("Du loggades ut efter 30 minuter utan aktivitet.")).to_be_visible()
    expect(page.locator("#search-results")).to_have_count(0)  # not swapped into the old page

    page.get_by_label("Användarnamn").fill("samordnare")
    page.get_by_label("Lösenord").fill("lösenord-123")
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url("**/calloff/")
