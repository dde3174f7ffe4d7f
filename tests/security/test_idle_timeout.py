"""A session left idle ends (issue 14: sessions lasted a fixed 8 hours with no idle timeout)."""

import time

import pytest
from django.urls import reverse

from uppfoljning.middleware import LAST_SEEN_KEY

pytestmark = pytest.mark.django_db


def _idle_for(client, seconds):
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - seconds
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


def test_a_user_active_within_the_timeout_stays_logged_in(client, strategist):
    client.force_login(strategist)
    _idle_for(client, 29 * 60)
    assert client.get(reverse("dashboard")).status_code == 200
    # The request counted as activity: the clock starts again.
    assert int(time.time()) - client.session[LAST_SEEN_KEY] < 5


def test_the_timeout_is_a_setting(client, strategist, settings):
    settings.SESSION_IDLE_TIMEOUT = 5 * 60
    client.force_login(strategist)
    _idle_for(client, 6 * 60)
    assert client.get(reverse("dashboard")).status_code == 302
