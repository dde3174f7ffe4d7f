"""The strategist's check list over 200,000 checks (first page, filtered)."""

from django.urls import NoReverseMatch, reverse

from tests.bench.registry import measurement


@measurement("check list", description="GET /followups/checks/ as strategist, with filters")
def check_list(ctx):
    try:
        url = reverse("followups:check_list")
    except NoReverseMatch:
        return None
    from suppliers.models import Supplier

    all_ids = sorted(Supplier.objects.values_list("pk", flat=True))
    supplier_ids = ctx.rng.sample(all_ids, min(50, len(all_ids)))
    urls = [url, f"{url}?kind=ivo", f"{url}?result=serious", f"{url}?q=vibor"]
    urls += [f"{url}?supplier={pk}" for pk in supplier_ids]
    return ctx.getter(urls, role="strategist")
