"""Sends a signed-in user who must pass the second factor, and has not, to the verification.

Placed after AuthenticationMiddleware and django_otp's OTPMiddleware (which tells whether the
session is verified). It decides in process_view, by the resolved url's name, so that only
the pages listed in EXEMPT stay open before the second factor: logging in and out, the
language chooser, /ping/, and the verification and enrolment themselves. /healthz answers
before any middleware, and static files are served outside the URLconf. Requests without a
session login (the API's token authentication, anonymous visitors) pass untouched.
"""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse

from .policy import is_verified, must_verify

EXEMPT = frozenset(
    {
        "login",
        "logout",
        "set_language",
        "ping",
        "two_factor:verify",
        "two_factor:setup",
    }
)


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated:
            return None
        match = request.resolver_match
        if match is not None and match.view_name in EXEMPT:
            return None
        if not must_verify(request) or is_verified(request):
            return None
        query = urlencode({"next": request.get_full_path()})
        return redirect(f"{reverse('two_factor:verify')}?{query}")
