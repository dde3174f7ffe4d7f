"""What each role may do with the register and the call-off check, and their menu entries."""

from django.utils.translation import gettext_lazy as _

from uppfoljning.core.navigation import CALL_OFF, REGISTER, Entry
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

# The call-off check (avropskontroll): coordinators and strategists see statuses, call-off
# orders and log checks; strategists see every logged check, coordinators their own.
# Caseworkers may look at a status (it is not secret and helps them answer "can we use this
# provider?") but do not log call-offs; board readers don't.
_STATUS = {"suppliers.view_call_off_status"}

ROLE_PERMISSIONS = {
    STRATEGIST: model_perms("suppliers", ("view", "add", "change"), _REGISTER_MODELS)
    | {"suppliers.end_contract", "suppliers.decide_exclusion"}
    | _STATUS
    | {"suppliers.add_placementcheck", "suppliers.view_placementcheck"},
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
    )
    | _STATUS
    | {"suppliers.add_placementcheck", "suppliers.view_own_placementcheck"},
    CASEWORKER: model_perms("suppliers", ("view",), ("frameworkagreement", "supplier", "unit"))
    | _STATUS,
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
    Entry(CALL_OFF, _("Call-off check"), "calloff:search", "suppliers.view_call_off_status", 10),
    # The log also for strategists, who see every logged check.
    Entry(
        CALL_OFF,
        _("Call-off log"),
        "calloff:log_list",
        ("suppliers.view_placementcheck", "suppliers.view_own_placementcheck"),
        20,
    ),
]
