"""What each role may do with the register and the call-off check."""

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
