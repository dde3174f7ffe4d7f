"""A logged-in user's session: never stored by a cache, and ended when left idle.

Responses to a logged-in user are never stored by a browser or a proxy.

Every such page carries register, check or report data (and the CSV/XLSX exports and PDF
downloads carry them whole), so a shared computer's cache or the back button after logging
out must not show them again. Pages for the public may still be cached.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

LAST_SEEN_KEY = "last_seen"


class NoStoreForUsersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response


class IdleTimeoutMiddleware:
    """Logs a user out after `SESSION_IDLE_TIMEOUT` seconds without a request, beside the
    session's absolute lifetime, so a computer left unlocked does not stay signed in all day.
    The last request's time is written at most once a minute, not on every request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN_KEY, now)
            if now - last_seen > settings.SESSION_IDLE_TIMEOUT:
                logout(request)
                messages.info(
                    request,
                    _("You were logged out after %(minutes)s minutes without activity.")
                    % {"minutes": settings.SESSION_IDLE_TIMEOUT // 60},
                )
                return redirect_to_login(request.get_full_path())
            if now - request.session.get(LAST_SEEN_KEY, 0) >= 60:
                request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)
