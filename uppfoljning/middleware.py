"""Response headers that neither Django nor django-csp set (issue 14)."""

from django.conf import settings
from django.utils.cache import add_never_cache_headers


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
