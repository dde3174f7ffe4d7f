"""The yardstick: a login-protected view that makes one query (the file name sorts it first)."""

from django.urls import reverse

from tests.bench.registry import TRIVIAL, measurement


@measurement(TRIVIAL, description="GET /ping/ (login, one query)")
def trivial(ctx):
    return ctx.getter(reverse("ping"))


@measurement(
    "layout baseline",
    description="GET /followups/checks/new/ as strategist: layout, menu, a list of links",
)
def layout_baseline(ctx):
    """What any HTML page costs before its own content (permission check, layout, menu)."""
    return ctx.getter(reverse("followups:check_add"), role="strategist")
