"""Login throttling (django-axes) and the API's throttled answer (issue 14).

Axes counts failed logins per username and per client IP (AXES_LOCKOUT_PARAMETERS in the
settings); this handler holds each count against its own limit, so one office behind one
address is not throttled by a few mistyped passwords while one username is. The login page
says, in Swedish, when the user may try again; a superuser lifts a throttle in the admin
("Access attempts") or with `manage.py axes_reset_username <name>`.
"""

import math
from datetime import datetime, timedelta

from axes.backends import AxesStandaloneBackend
from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.shortcuts import redirect
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from rest_framework.exceptions import Throttled
from rest_framework.views import exception_handler

from uppfoljning import audit
from uppfoljning.audit.models import AuditEntry
from uppfoljning.core.requests import client_ip


class LoginThrottleBackend(AxesStandaloneBackend):
    """Axes' backend (first in AUTHENTICATION_BACKENDS: it refuses a throttled login before
    any password is checked). A check of a password outside any request (the test client's
    login(), a shell) has no client to throttle and passes on, where axes would raise."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)


class LoginThrottleHandler(AxesDatabaseHandler):
    """The database handler (its AccessAttempt rows are what an admin sees and deletes),
    with a limit per username (AXES_FAILURE_LIMIT) and another per IP
    (LOGIN_FAILURE_LIMIT_PER_IP)."""

    def _counted(self, request, credentials):
        """(attempts, limit) per lockout parameter, in AXES_LOCKOUT_PARAMETERS' order:
        username, then IP; only attempts within the cool-off count."""
        by_username, by_ip = self.get_user_attempts(request, credentials)
        return [
            (by_username, settings.AXES_FAILURE_LIMIT),
            (by_ip, settings.LOGIN_FAILURE_LIMIT_PER_IP),
        ]

    def get_failures(self, request, credentials=None) -> int:
        # Axes compares this with AXES_FAILURE_LIMIT: an IP past its own limit reports it.
        (by_username, _limit), (by_ip, ip_limit) = self._counted(request, credentials)
        username_failures = sum(a.failures_since_start for a in by_username)
        if sum(a.failures_since_start for a in by_ip) >= ip_limit:
            return max(username_failures, settings.AXES_FAILURE_LIMIT)
        return username_failures

    def reset_user_attempts(self, request, credentials=None) -> int:
        """A successful login clears that username's failures, not the other usernames'
        failures from the same address (axes would clear both)."""
        username = get_client_username(request, credentials)
        count, _deleted = AccessAttempt.objects.filter(username=username).delete()
        return count

    def throttled_until(self, request, credentials=None) -> datetime | None:
        """When the login stops being throttled. An attempt row counts until the cool-off
        has passed since its latest failure, so a count falls below its limit when the
        newest rows that reach the limit together have all aged out."""
        cool_off = get_cool_off(request)
        ends = []
        for attempts, limit in self._counted(request, credentials):
            failures = 0
            for attempt in attempts.order_by("-attempt_time"):
                failures += attempt.failures_since_start
                if failures >= limit:
                    ends.append(attempt.attempt_time + cool_off)
                    break
        return max(ends, default=None)


def throttle_message(request, username) -> str:
    credentials = {settings.AXES_USERNAME_FORM_FIELD: username}
    AxesProxyHandler.update_request(request)
    until = AxesProxyHandler.get_implementation().throttled_until(request, credentials)
    until = timezone.localtime(until or timezone.now() + get_cool_off(request))
    # Rounded up to the minute: the login works again at the time named.
    if until.second or until.microsecond:
        until = until.replace(second=0, microsecond=0) + timedelta(minutes=1)
    time = until.strftime("%H:%M")
    if until.date() != timezone.localdate():
        time = until.strftime("%Y-%m-%d %H:%M")
    return _(
        "Too many failed login attempts. Try again at %(time)s, or ask an administrator "
        "to lift the block."
    ) % {"time": time}


class LoginForm(AuthenticationForm):
    """The login form; a throttled login is told when to try again instead of "wrong
    password" (axes refused it before the password was checked, or this failure reached
    the limit)."""

    def get_invalid_login_error(self):
        if getattr(self.request, "axes_locked_out", False):
            username = self.cleaned_data.get("username")
            return ValidationError(throttle_message(self.request, username), code="throttled")
        return super().get_invalid_login_error()


def _reset_address_key(address: str) -> str:
    """The address as the audit log keeps it for counting: a keyed hash, not the address."""
    return salted_hmac("password-reset", address.strip().lower()).hexdigest()[:32]


class ThrottledPasswordResetForm(PasswordResetForm):
    """Django's reset form, sending at most PASSWORD_RESET_LIMIT e-mails an hour to one address
    and PASSWORD_RESET_LIMIT_PER_IP from one client, so nobody can flood a colleague's inbox.
    Each request is a row of the audit log (the address only as a keyed hash), which is also
    what is counted. Past a limit nothing is sent, and the page reads as always: it never tells
    whether an address exists."""

    def save(self, *args, request=None, **kwargs):
        key = _reset_address_key(self.cleaned_data["email"])
        recent = AuditEntry.objects.filter(
            action=audit.Action.PASSWORD_RESET_REQUESTED,
            at__gte=timezone.now() - timedelta(hours=1),
        )
        ip = client_ip(request) if request is not None else None
        if (
            recent.filter(detail__address=key).count() >= settings.PASSWORD_RESET_LIMIT
            or recent.filter(ip=ip).count() >= settings.PASSWORD_RESET_LIMIT_PER_IP
        ):
            audit.record(request, audit.Action.PASSWORD_RESET_REQUESTED, address=key, sent=False)
            return
        audit.record(request, audit.Action.PASSWORD_RESET_REQUESTED, address=key, sent=True)
        super().save(*args, request=request, **kwargs)


def throttled_response(request, original_response, credentials):
    """AXES_LOCKOUT_CALLABLE: the login page with its message, answered 429. A throttled
    login elsewhere (the admin's login page) goes to the login page, which shows why."""
    context = getattr(original_response, "context_data", None) or {}
    form = context.get("form")
    if isinstance(form, LoginForm) and form.has_error(NON_FIELD_ERRORS, "throttled"):
        original_response.status_code = 429
        return original_response
    username = get_client_username(request, credentials)
    messages.error(request, throttle_message(request, username))
    return redirect(settings.LOGIN_URL)


def api_exception_handler(exc, context):
    """DRF's handler, with the 429 answer in Swedish whole, as the API's other messages are
    (DRF's own Swedish catalogue lacks its "Expected available in … seconds"). The wait is
    also in the Retry-After header."""
    response = exception_handler(exc, context)
    if isinstance(exc, Throttled) and response is not None:
        seconds = math.ceil(exc.wait or 0)
        with translation.override(settings.LANGUAGE_CODE):
            detail = ngettext(
                "Too many requests. Try again in %(seconds)d second.",
                "Too many requests. Try again in %(seconds)d seconds.",
                seconds,
            ) % {"seconds": seconds}
        response.data = {"detail": detail}
    return response
