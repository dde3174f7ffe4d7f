"""The project's own middleware.

NoStoreForUsersMiddleware: responses to a logged-in user are never stored by a browser or a
proxy. Every such page carries register, check or report data (and the CSV/XLSX exports and PDF
downloads carry them whole), so a shared computer's cache or the back button after logging
out must not show them again. Pages for the public may still be cached.

AuditRefusalsMiddleware: every 403 is written to the audit log.

PermissionsPolicyMiddleware: the header neither Django nor django-csp sets.

IdleTimeoutMiddleware: a session left idle ends.

DatabaseConnectionLostMiddleware: a request whose database connection died (its backend ended
by pg_terminate_backend, a restarted server) is tried once more if it is a GET or HEAD, and is
otherwise answered with a 503 page, never a 500.
"""

import logging
import sys
import time
from datetime import timedelta
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from uppfoljning import audit

logger = logging.getLogger(__name__)

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


# Seconds a client is asked to wait before trying again after a lost database connection.
DATABASE_RETRY_AFTER = 10
# Methods that change nothing, so a request may be run a second time.
REPEATABLE_METHODS = frozenset({"GET", "HEAD"})
# Set on a request whose database connection was lost.
CONNECTION_LOST = "_database_connection_lost"


def _lost_connection(exception):
    """Whether `exception` is a lost database connection; if so, the broken connections are
    closed (the pool then discards them), so what runs after (the session's save on the way
    out, a second try) takes a good one.

    psycopg raises OperationalError when the backend ends under a query ("terminating
    connection due to administrator command", "consuming input failed: server closed the
    connection unexpectedly") and on the next use ("the connection is closed"); the pool's
    PoolTimeout is one too. But Django raises OperationalError for a query's own fault as
    well (SQLite's "no such table", PostgreSQL's cancelled statement), which stays a 500: it
    counts only if a connection no longer answers, or never opened."""
    if not isinstance(exception, OperationalError | InterfaceError):
        return False
    broken = [
        connection
        for connection in connections.all(initialized_only=True)
        if connection.connection is None or not connection.is_usable()
    ]
    for connection in broken:
        try:
            connection.close()
        except DatabaseError:
            logger.warning("Could not close the broken connection %r", connection.alias)
    return bool(broken)


def note_lost_connection(sender, request=None, **kwargs):
    """got_request_exception: a lost connection in a middleware (a process_view, the lazy
    user's session load), which Django has already turned into a 500 response, marks the
    request for DatabaseConnectionLostMiddleware to try again or answer 503 instead."""
    if request is not None and _lost_connection(sys.exc_info()[1]):
        logger.warning("%s %s: database connection lost", request.method, request.path)
        setattr(request, CONNECTION_LOST, True)


def database_unavailable(request):
    """The 503 page, rendered without the request's context processors (the menu and the
    user read the database), so it cannot fail the same way; never a traceback."""
    response = HttpResponse(
        render_to_string(
            "503.html",
            {
                "safe_to_repeat": request.method in REPEATABLE_METHODS,
                "path": request.get_full_path(),
            },
        ),
        status=503,
    )
    response["Retry-After"] = str(DATABASE_RETRY_AFTER)
    add_never_cache_headers(response)
    return response


class DatabaseConnectionLostMiddleware:
    """A request whose database connection is lost is run once more if it is a GET or HEAD;
    a POST, and a GET lost twice, gets the 503 page with Retry-After, never a 500.

    The pool's check (CONN_HEALTH_CHECKS in settings) keeps a dead connection from being
    handed out; this is for one that dies while a request holds it. The view's loss comes
    to process_exception, which answers 503 at once; a middleware's, which Django turns into
    a 500 before any middleware sees it, is noted by note_lost_connection (connected in
    apps.py). Either way __call__, outside every middleware that reads the database, runs
    a repeatable request once more, or answers with the 503 page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not getattr(request, CONNECTION_LOST, False):
            return response
        if request.method in REPEATABLE_METHODS:
            logger.warning("%s %s: run once more", request.method, request.path)
            setattr(request, CONNECTION_LOST, False)
            response = self.get_response(request)
            if not getattr(request, CONNECTION_LOST, False):
                return response
        # The view's loss is the 503 page already; a middleware's is Django's 500.
        return response if response.status_code == 503 else database_unavailable(request)

    def process_exception(self, request, exception):
        if not _lost_connection(exception):
            return None
        logger.warning(
            "%s %s: database connection lost (%s)", request.method, request.path, exception
        )
        setattr(request, CONNECTION_LOST, True)
        return database_unavailable(request)
