"""The yardstick: a login-protected view that makes one query (the file name sorts it first)."""

from django.urls import reverse

from tests.bench.registry import TRIVIAL, measurement


@measurement(TRIVIAL, description="GET /ping/ (login, one query)")
def trivial(ctx):
    return ctx.getter(reverse("ping"))
