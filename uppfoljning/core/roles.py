"""The four roles of the system and what each may do.

Roles are Django groups (created by a migration). What a role may do is declared by each
package next to its views, in its `permissions.py` (`ROLE_PERMISSIONS = {role: {perm}}`);
`collect_permissions()` gathers them all here when the apps are ready, so
`ROLE_PERMISSIONS[COORDINATOR]` answers "what may a coordinator do". The authentication
backend enforces it, so every view, API endpoint and template asks the same question:
`user.has_perm(...)`.
"""

import importlib
import importlib.util
import pkgutil
from pathlib import Path

from django.apps import apps
from django.conf import settings
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

ROLE_PERMISSIONS: dict[str, set[str]] = {role: set() for role in ROLE_LABELS}


def model_perms(app: str, actions, models) -> set[str]:
    """{app.action_model} for every action and model: what permissions.py files declare."""
    return {f"{app}.{action}_{model}" for action in actions for model in models}


def permission_modules():
    """Every `permissions` module of the project's apps and of their direct sub-packages."""
    base = Path(settings.BASE_DIR).resolve()
    for config in apps.get_app_configs():
        if Path(config.path).resolve().parent != base:  # not a third-party app
            continue
        subpackages = sorted(
            f"{config.name}.{info.name}"
            for info in pkgutil.iter_modules([config.path])
            if info.ispkg
        )
        packages = [config.name, *subpackages]
        for package in packages:
            name = f"{package}.permissions"
            if importlib.util.find_spec(name) is not None:
                yield importlib.import_module(name)


def collect_permissions() -> None:
    """Gather each package's ROLE_PERMISSIONS (idempotent; called when the apps are ready)."""
    for module in permission_modules():
        for role, perms in module.ROLE_PERMISSIONS.items():
            ROLE_PERMISSIONS[role] |= perms


def user_roles(user) -> list[str]:
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_role_names", None)
    if cached is None:
        cached = [g.name for g in user.groups.all() if g.name in ROLE_PERMISSIONS]
        user._role_names = cached
    return cached


class RoleBackend(ModelBackend):
    """ModelBackend that also grants the permissions of the user's roles."""

    def get_group_permissions(self, user_obj, obj=None):
        perms = set(super().get_group_permissions(user_obj, obj))
        if user_obj.is_active and not user_obj.is_anonymous:
            for role in user_roles(user_obj):
                perms |= ROLE_PERMISSIONS[role]
        return perms
