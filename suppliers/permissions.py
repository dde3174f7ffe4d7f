"""What each role may do with the register, and its menu entries (the call-off check
declares its own in followups/calloff/permissions.py)."""

from django.utils.translation import gettext_lazy as _

from uppfoljning.core.navigation import REGISTER, Entry
from uppfoljning.core.roles import (
    BOARD_READER,
    CASEWORKER,
    COORDINATOR,
    STRATEGIST,
    model_perms,
)

_REGISTER_MODELS = (
    "board",
    "frameworkagreement",
    "supplier",
    "unit",
    "representative",
    "contract",
    "exclusion",
    "purchase",
)

ROLE_PERMISSIONS = {
    STRATEGIST: model_perms("suppliers", ("view", "add", "change"), _REGISTER_MODELS)
    | {"suppliers.end_contract", "suppliers.decide_exclusion"},
    COORDINATOR: model_perms(
        "suppliers",
        ("view",),
        (
            "board",
            "frameworkagreement",
            "supplier",
            "unit",
            "representative",
            "contract",
            "exclusion",
        ),
    ),
    CASEWORKER: model_perms("suppliers", ("view",), ("frameworkagreement", "supplier", "unit")),
    BOARD_READER: set(),
}

MENU = [
    Entry(
        REGISTER,
        _("Framework agreements"),
        "suppliers:agreement_list",
        "suppliers.view_frameworkagreement",
        10,
    ),
    Entry(REGISTER, _("Suppliers"), "suppliers:supplier_list", "suppliers.view_supplier", 20),
    Entry(REGISTER, _("Units"), "suppliers:unit_list", "suppliers.view_unit", 30),
    Entry(REGISTER, _("Contracts"), "suppliers:contract_list", "suppliers.view_contract", 40),
    Entry(REGISTER, _("Exclusions"), "suppliers:exclusion_list", "suppliers.view_exclusion", 50),
    Entry(REGISTER, _("Purchases"), "suppliers:purchase_list", "suppliers.view_purchase", 60),
]
