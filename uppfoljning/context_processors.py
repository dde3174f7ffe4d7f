"""The navigation shows only what the user's role may open."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from .core.roles import ROLE_LABELS, user_roles

# (label, url name, permission needed); later apps append their entries.
NAVIGATION = [
    (_("Framework agreements"), "suppliers:agreement_list", "suppliers.view_frameworkagreement"),
    (_("Suppliers"), "suppliers:supplier_list", "suppliers.view_supplier"),
    (_("Units"), "suppliers:unit_list", "suppliers.view_unit"),
    (_("Contracts"), "suppliers:contract_list", "suppliers.view_contract"),
    (_("Exclusions"), "suppliers:exclusion_list", "suppliers.view_exclusion"),
    (_("Purchases"), "suppliers:purchase_list", "suppliers.view_purchase"),
    (_("Checks"), "followups:check_list", "followups.view_check"),
    (_("Call-off check"), "calloff:search", "suppliers.view_call_off_status"),
    (_("Call-off log"), "calloff:log_list", "suppliers.view_own_placementcheck"),
]


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    items = []
    for label, url_name, perm in NAVIGATION:
        if not user.has_perm(perm):
            continue
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            continue
        items.append({"label": label, "url": url, "active": False})
    # Only the closest entry is current: /followups/plans/ is Planning, not Follow-ups too.
    current = [i for i in items if request.path.startswith(i["url"])]
    if current:
        max(current, key=lambda i: len(i["url"]))["active"] = True
    roles = [ROLE_LABELS[r] for r in user_roles(user)]
    return {"nav_items": items, "user_role_labels": roles}
