"""The project's own middleware.

NoStoreForUsersMiddleware: responses to a logged-in user are never stored by a browser or a
proxy. Every such page carries register, check or report data (and the CSV/XLSX exports and PDF
downloads carry them whole), so a shared computer's cache or the back button after logging
out must not show them again. Pages for the public may still be cached.

AuditRefusalsMiddleware: every 403 is written to the audit log.

PermissionsPolicyMiddleware: the header neither Django nor django-csp sets.

IdleTimeoutMiddleware: a session left idle ends.
"""

import time
from datetime import timedelta
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from uppfoljning import audit

# The session's last request, in whole seconds since the epoch.
LAST_ACTIVITY_KEY = "last_activity"
# The stamp is written at most this often (seconds): a write on every request would cost
# every page a session UPDATE.
ACTIVITY_WRITE_INTERVAL = 60


def _to_login(request):
    """The login page, to come back here after. An htmx request (a search as one types, a
    job's progress) would swap the login page into its part of the page: htmx is told to
    load the login page whole instead, to come back to the page the user is on."""
    if not request.headers.get("HX-Request"):
        return redirect_to_login(request.get_full_path())
    current = urlsplit(request.headers.get("HX-Current-URL", ""))
    back = urlunsplit(("", "", current.path, current.query, "")) or "/"
    response = HttpResponse()
    response["HX-Redirect"] = redirect_to_login(back)["Location"]
    return response


class NoStoreForUsersMiddleware:
    """Responses to a logged-in user are never stored by a browser or a proxy.

    Every such page carries register, check or report data (and the CSV/XLSX exports and PDF
    downloads carry them whole), so a shared computer's cache or the back button after logging
    out must not show them again. Pages for the public may still be cached.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response


class PermissionsPolicyMiddleware:
    """Sets `Permissions-Policy` from settings.PERMISSIONS_POLICY, {feature: [allowed origins]}:
    an empty list switches the feature off, e.g. {"camera": []} gives `camera=()`."""

    def __init__(self, get_response):
        self.get_response = get_response
        policy = getattr(settings, "PERMISSIONS_POLICY", {})
        self.header = ", ".join(
            f"{feature}=({' '.join(origins)})" for feature, origins in policy.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response


def start_session_clocks(sender, request, user, **kwargs):
    """On login (user_logged_in): the idle clock starts, written with the new session, and
    the session's end is fixed at SESSION_COOKIE_AGE from now, so the idle stamp's writes do
    not push the absolute lifetime on (Django counts it from a session's last save)."""
    if request is None or not hasattr(request, "session"):
        return
    request.session[LAST_ACTIVITY_KEY] = int(time.time())
    request.session.set_expiry(timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE))


class IdleTimeoutMiddleware:
    """Logs a user out after `SESSION_IDLE_TIMEOUT` seconds without a request, so a computer
    left unlocked does not stay signed in all day. The stamp is set at login and rewritten
    only when it is a minute old, so the requests of a working minute write nothing."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            last_activity = request.session.get(LAST_ACTIVITY_KEY)
            if last_activity is not None and now - last_activity > settings.SESSION_IDLE_TIMEOUT:
                logout(request)
                messages.info(
                    request,
                    _("You were logged out after %(minutes)s minutes without activity.")
                    % {"minutes": settings.SESSION_IDLE_TIMEOUT // 60},
                )
                return _to_login(request)
            if last_activity is None or now - last_activity >= ACTIVITY_WRITE_INTERVAL:
                request.session[LAST_ACTIVITY_KEY] = now
        return self.get_response(request)


class AuditRefusalsMiddleware:
    """Every 403 is a row of the audit log: a view's or the API's refusal, a CSRF failure,
    the admin refusing a staff user. Any other response costs nothing."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 403:
            audit.record(request, audit.Action.FORBIDDEN, method=request.method)
        return response
