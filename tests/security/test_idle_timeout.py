"""A session left idle ends (issue 14: sessions lasted a fixed 8 hours with no idle timeout).

The last request's time is written at login and then at most once a minute, so the pages
whose queries are counted (status page, plan, register lists, /ping/) cost no session write.
"""

import time
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from uppfoljning.middleware import LAST_ACTIVITY_KEY

pytestmark = pytest.mark.django_db


def _idle_for(client, seconds):
    session = client.session
    session[LAST_ACTIVITY_KEY] = int(time.time()) - seconds
    session.save()


def test_after_thirty_idle_minutes_the_user_is_logged_out_and_told_why(client, strategist):
    client.force_login(strategist)
    assert client.get(reverse("dashboard")).status_code == 200
    _idle_for(client, 31 * 60)
    response = client.get(reverse("followups:check_list"), HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login") + "?next=")
    login_page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="sv")
    assert "Du loggades ut efter 30 minuter utan aktivitet." in login_page.content.decode()
    # Logged out for good: the next page asks for the login again.
    assert client.get(reverse("dashboard")).status_code == 302


def test_an_idle_search_as_one_types_sends_the_whole_page_to_the_login(client, strategist):
    """htmx would swap the login page into the results; it is told to load it whole."""
    client.force_login(strategist)
    _idle_for(client, 31 * 60)
    response = client.get(
        reverse("calloff:search") + "?q=bj",
        HTTP_HX_REQUEST="true",
        HTTP_HX_CURRENT_URL="http://testserver" + reverse("calloff:search") + "?q=b",
        HTTP_ACCEPT_LANGUAGE="sv",
    )
    assert response.status_code == 200
    assert response.content == b""
    back = reverse("calloff:search") + "?q=b"
    login_url = urlsplit(response["HX-Redirect"])
    assert login_url.path == reverse("login")
    assert parse_qs(login_url.query) == {"next": [back]}
    login_page = client.get(response["HX-Redirect"], HTTP_ACCEPT_LANGUAGE="sv")
    assert "Du loggades ut efter 30 minuter utan aktivitet." in login_page.content.decode()


def test_a_user_active_within_the_timeout_stays_logged_in(client, strategist):
    client.force_login(strategist)
    _idle_for(client, 29 * 60)
    assert client.get(reverse("dashboard")).status_code == 200
    # The request counted as activity: the clock starts again.
    assert int(time.time()) - client.session[LAST_ACTIVITY_KEY] < 5
    _idle_for(client, 29 * 60)
    assert client.get(reverse("dashboard")).status_code == 200


def test_the_timeout_is_a_setting(client, strategist, settings):
    settings.SESSION_IDLE_TIMEOUT = 5 * 60
    client.force_login(strategist)
    _idle_for(client, 6 * 60)
    assert client.get(reverse("dashboard")).status_code == 302


def test_a_login_through_the_page_starts_the_clock(client, strategist):
    strategist.set_password("Ratt-losenord-2024")
    strategist.save()
    client.post(reverse("login"), {"username": "strateg", "password": "Ratt-losenord-2024"})
    assert int(time.time()) - client.session[LAST_ACTIVITY_KEY] < 5


def test_requests_within_a_minute_of_the_stamp_write_no_session(
    client, board_reader, django_assert_num_queries
):
    client.force_login(board_reader)
    # session + user + the view's own query: no session UPDATE.
    with django_assert_num_queries(3):
        client.get(reverse("ping"))
    _idle_for(client, 61)
    # A minute on, the stamp is written again: the session's UPDATE, in its savepoint.
    with django_assert_num_queries(6):
        client.get(reverse("ping"))
    assert int(time.time()) - client.session[LAST_ACTIVITY_KEY] < 5


def test_activity_does_not_extend_the_absolute_lifetime(client, strategist):
    client.force_login(strategist)
    ends = client.session.get_expiry_date()
    _idle_for(client, 61)
    client.get(reverse("dashboard"))
    assert client.session.get_expiry_date() == ends
