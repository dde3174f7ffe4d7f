"""The coordinator's call-off pages: status page, JSON status endpoint, search as one types."""

from django.urls import NoReverseMatch, reverse

from tests.bench.registry import measurement


def _reverse(name, **kwargs):
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return None


def _contracted(ctx, n=200):
    """A seeded sample of suppliers with contracts, and one of their units each."""
    from suppliers.models import Contract, Unit

    supplier_ids = sorted(set(Contract.objects.values_list("supplier_id", flat=True)))
    sample = ctx.rng.sample(supplier_ids, min(n, len(supplier_ids)))
    units = {}
    for unit_id, supplier_id in Unit.objects.filter(supplier_id__in=sample).values_list(
        "pk", "supplier_id"
    ):
        units.setdefault(supplier_id, unit_id)
    return sample, units


@measurement(
    "status page (unit)",
    description="GET /calloff/units/<pk>/ as coordinator, a different unit each time",
    ratio_goal=2.0,
)
def status_page_unit(ctx):
    if _reverse("calloff:unit_status", pk=1) is None:
        return None
    _, units = _contracted(ctx)
    return ctx.getter([reverse("calloff:unit_status", kwargs={"pk": pk}) for pk in units.values()])


@measurement(
    "status page (supplier)",
    description="GET /calloff/suppliers/<pk>/ as coordinator",
    ratio_goal=2.0,
)
def status_page_supplier(ctx):
    if _reverse("calloff:supplier_status", pk=1) is None:
        return None
    suppliers, _ = _contracted(ctx)
    return ctx.getter([reverse("calloff:supplier_status", kwargs={"pk": pk}) for pk in suppliers])


@measurement(
    "status endpoint",
    description="GET /api/v1/call-off-status?org_number=… (session auth)",
    ratio_goal=2.0,
)
def status_endpoint(ctx):
    url = _reverse("api_call_off_status")
    if url is None:
        return None
    from suppliers.models import Supplier

    suppliers, _ = _contracted(ctx)
    numbers = Supplier.objects.filter(pk__in=suppliers).values_list("org_number", flat=True)
    # Half with the hyphen, half without: both forms are accepted.
    urls = [
        f"{url}?org_number={nr if i % 2 else nr.replace('-', '')}"
        for i, nr in enumerate(sorted(numbers))
    ]
    return ctx.getter(urls)


_TYPED = (
    "vi",
    "vib",
    "vibo",
    "vibor",
    "gl",
    "glän",
    "gläntan",
    "omsorg",
    "stödb",
    "hvb 2",
    "lärk",
    "björk 12",
    "fyren",
    "nova",
    "5512",
    "551234",
    "5512345",
    "551234-5",
    "5586033549",
    "558603-35",
    "unga vuxna",
    "kompassen omsorg",
    "norrsken",
    "ljusgl",
)


@measurement(
    "search (as one types)",
    description="GET /calloff/?q=… with HX-Request (the results part htmx swaps in)",
    p95_goal_ms=50,
)
def search_partial(ctx):
    url = _reverse("calloff:search")
    if url is None:
        return None
    return ctx.getter([f"{url}?q={q}" for q in _TYPED], HTTP_HX_REQUEST="true")


@measurement(
    "search (full page)",
    description="GET /calloff/?q=… without htmx (first load, no JavaScript)",
    p95_goal_ms=50,
)
def search_page(ctx):
    url = _reverse("calloff:search")
    if url is None:
        return None
    return ctx.getter([f"{url}?q={q}" for q in _TYPED])
