"""The four roles of the system and what each may do.

Roles are Django groups (created by a migration); what a role may do is declared
here, in one place, and enforced by the authentication backend, so every view,
API endpoint and template asks the same question: `user.has_perm(...)`.
"""

from django.contrib.auth.backends import ModelBackend
from django.utils.translation import gettext_lazy as _

STRATEGIST = "strategist"
COORDINATOR = "coordinator"
CASEWORKER = "caseworker"
BOARD_READER = "board_reader"

ROLE_LABELS = {
    STRATEGIST: _("Strategist"),
    COORDINATOR: _("Placement coordinator"),
    CASEWORKER: _("Caseworker"),
    BOARD_READER: _("Board reader"),
}

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


def _perms(app, actions, models):
    return {f"{app}.{action}_{model}" for action in actions for model in models}


ROLE_PERMISSIONS: dict[str, set[str]] = {
    STRATEGIST: _perms("suppliers", ("view", "add", "change"), _REGISTER_MODELS)
    | {"suppliers.end_contract", "suppliers.decide_exclusion"},
    COORDINATOR: _perms(
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
    CASEWORKER: _perms("suppliers", ("view",), ("frameworkagreement", "supplier", "unit")),
    BOARD_READER: set(),
}


def register_role_permissions(role: str, perms: set[str]) -> None:
    """Let a later app add what a role may do with its own models."""
    ROLE_PERMISSIONS[role] |= perms


def user_roles(user) -> list[str]:
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_role_names", None)
    if cached is None:
        cached = [g.name for g in user.groups.all() if g.name in ROLE_PERMISSIONS]
        user._role_names = cached
    return cached


def has_role(user, *roles: str) -> bool:
    return user.is_superuser or any(r in user_roles(user) for r in roles)


class RoleBackend(ModelBackend):
    """ModelBackend that also grants the permissions of the user's roles."""

    def get_group_permissions(self, user_obj, obj=None):
        perms = set(super().get_group_permissions(user_obj, obj))
        if user_obj.is_active and not user_obj.is_anonymous:
            for role in user_roles(user_obj):
                perms |= ROLE_PERMISSIONS[role]
        return perms
