"""What each role may do with the register (the call-off check declares its own grants)."""

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
