"""The project's own middleware.

NoStoreForUsersMiddleware: responses to a logged-in user are never stored by a browser or a
proxy. Every such page carries register, check or report data (and the CSV/XLSX exports and PDF
downloads carry them whole), so a shared computer's cache or the back button after logging
out must not show them again. Pages for the public may still be cached.

AuditRefusalsMiddleware: every 403 is written to the audit log.
"""

from django.utils.cache import add_never_cache_headers

from uppfoljning import audit


class NoStoreForUsersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response


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
