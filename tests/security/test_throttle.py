"""Login and API throttling (issue 14: 30 wrong passwords were answered in 7.6 s, every one
with 200, and the right password then logged in; the API had no throttles)."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from rest_framework.throttling import UserRateThrottle

from tests.factories import SupplierFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Ratt-losenord-2024"
LIMIT = settings.AXES_FAILURE_LIMIT
COOL_OFF = settings.AXES_COOLOFF_TIME


@pytest.fixture
def coordinator_with_password(coordinator):
    coordinator.set_password(PASSWORD)
    coordinator.save()
    return coordinator


def _log_in(client, username, password, ip="10.0.0.1"):
    return client.post(
        reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=ip,
        HTTP_ACCEPT_LANGUAGE="sv",
    )


def _logged_in(client):
    return client.get(reverse("dashboard")).status_code == 200


def _fail(client, username, times, ip="10.0.0.1"):
    for _ in range(times):
        response = _log_in(client, username, "fel-losenord-igen", ip)
    return response


def _age_attempts(by):
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - by)


def _retry_time():
    """The time the page should name: the latest failure plus the cool-off, rounded up."""
    latest = AccessAttempt.objects.latest("attempt_time").attempt_time
    until = timezone.localtime(latest + COOL_OFF)
    if until.second or until.microsecond:
        until = until.replace(second=0, microsecond=0) + timedelta(minutes=1)
    return until.strftime("%H:%M")


def test_a_wrong_password_below_the_limit_is_just_wrong(client, coordinator_with_password):
    response = _fail(client, "samordnare", LIMIT - 1)
    assert response.status_code == 200
    assert "Försök igen kl." not in response.content.decode()
    assert _log_in(client, "samordnare", PASSWORD).status_code == 302
    assert _logged_in(client)
    # The success cleared the failures: the count starts again.
    assert not AccessAttempt.objects.filter(username="samordnare").exists()


def test_after_the_limit_the_right_password_is_refused_until_the_cool_off_ends(
    client, coordinator_with_password
):
    last_failure = _fail(client, "samordnare", LIMIT)
    assert last_failure.status_code == 429
    assert f"Försök igen kl. {_retry_time()}" in last_failure.content.decode()

    response = _log_in(client, "samordnare", PASSWORD)
    assert response.status_code == 429
    page = response.content.decode()
    assert f"För många misslyckade inloggningsförsök. Försök igen kl. {_retry_time()}" in page
    assert 'name="password"' in page  # the login page itself, not a bare refusal
    assert not _logged_in(client)

    # Attempts while throttled do not move the time on.
    assert AccessAttempt.objects.get().failures_since_start == LIMIT

    _age_attempts(COOL_OFF - timedelta(minutes=1))
    assert _log_in(client, "samordnare", PASSWORD).status_code == 429
    assert not _logged_in(client)

    _age_attempts(timedelta(minutes=1, seconds=1))
    response = _log_in(client, "samordnare", PASSWORD)
    assert response.status_code == 302
    assert _logged_in(client)


def test_the_throttle_is_per_username_not_for_another_user_elsewhere(
    client, coordinator_with_password, caseworker
):
    # A caseworker: a role without the second factor, so the password alone logs in.
    caseworker.set_password(PASSWORD)
    caseworker.save()
    _fail(client, "samordnare", LIMIT, ip="10.0.0.1")

    assert _log_in(client, "socialsekreterare", PASSWORD, ip="10.0.0.2").status_code == 302
    assert _logged_in(client)
    client.logout()
    # The throttled username stays throttled from another address too.
    assert _log_in(client, "samordnare", PASSWORD, ip="10.0.0.2").status_code == 429
    # A colleague at the same address is not throttled by one user's five failures.
    assert _log_in(client, "socialsekreterare", PASSWORD, ip="10.0.0.1").status_code == 302


def test_one_address_guessing_many_usernames_is_throttled(client, coordinator_with_password):
    for n in range(settings.LOGIN_FAILURE_LIMIT_PER_IP):
        _log_in(client, f"gissning{n}", "fel-losenord-igen", ip="10.0.0.9")
    assert AccessAttempt.objects.filter(failures_since_start__gte=2).count() == 0

    response = _log_in(client, "samordnare", PASSWORD, ip="10.0.0.9")
    assert response.status_code == 429
    assert "Försök igen kl." in response.content.decode()
    assert not _logged_in(client)
    # The user is not throttled from their own address.
    assert _log_in(client, "samordnare", PASSWORD, ip="10.0.0.1").status_code == 302


def test_behind_the_proxy_each_client_address_counts_and_cannot_be_forged(
    client, coordinator_with_password, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "172.16.0.1"

    def via_proxy(username, password, forwarded):
        return client.post(
            reverse("login"),
            {"username": username, "password": password},
            REMOTE_ADDR=proxy,
            HTTP_X_FORWARDED_FOR=forwarded,
        )

    for n in range(settings.LOGIN_FAILURE_LIMIT_PER_IP):
        via_proxy(f"gissning{n}", "fel-losenord-igen", "10.1.1.1")
    # A name put first in the header by the client is not its address: the proxy's entry is.
    assert via_proxy("samordnare", PASSWORD, "10.9.9.9, 10.1.1.1").status_code == 429
    # Everyone else behind the same proxy logs in.
    assert via_proxy("samordnare", PASSWORD, "10.1.1.2").status_code == 302


def test_an_admin_lifts_a_throttle_with_the_command(client, coordinator_with_password):
    _fail(client, "samordnare", LIMIT)
    call_command("axes_reset_username", "samordnare")
    assert _log_in(client, "samordnare", PASSWORD).status_code == 302
    assert _logged_in(client)


def test_a_superuser_sees_and_lifts_a_throttle_in_the_admin(
    client, coordinator_with_password, user_with_role
):
    _fail(client, "samordnare", LIMIT)
    attempt = AccessAttempt.objects.get(username="samordnare")
    admin_client = client.__class__()
    admin_client.force_login(user_with_role("superuser"))
    listing = admin_client.get(reverse("admin:axes_accessattempt_changelist"))
    assert "samordnare" in listing.content.decode()
    delete_url = reverse("admin:axes_accessattempt_delete", args=[attempt.pk])
    assert admin_client.post(delete_url, {"post": "yes"}).status_code == 302

    assert _log_in(client, "samordnare", PASSWORD).status_code == 302
    assert _logged_in(client)


def test_a_throttled_login_on_the_admin_page_is_sent_to_the_login_page_with_the_time(
    client, coordinator_with_password
):
    _fail(client, "samordnare", LIMIT)
    response = client.post(
        reverse("admin:login"),
        {"username": "samordnare", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
        HTTP_ACCEPT_LANGUAGE="sv",
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("login")
    assert f"Försök igen kl. {_retry_time()}" in response.content.decode()
    assert not _logged_in(client)


def test_the_api_answers_429_in_swedish_past_its_rate(client, coordinator, monkeypatch):
    # DRF reads the rates into the throttle class when it is imported, so override_settings
    # cannot lower them; the class attribute is the setting's value.
    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", {"user": "3/minute"})
    cache.clear()
    supplier = SupplierFactory()
    client.force_login(coordinator)
    url = reverse("api_call_off_status") + f"?org_number={supplier.org_number}"
    for _ in range(3):
        assert client.get(url).status_code == 200
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 429
    assert response.json()["detail"].startswith("För många förfrågningar. Försök igen om ")
    assert 0 < int(response["Retry-After"]) <= 60
    # Another user has a count of their own.
    client.force_login(UserFactory(username="samordnare2", role="coordinator"))
    assert client.get(url).status_code == 200
    cache.clear()
