from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupsConfig(AppConfig):
    name = "followups"
    verbose_name = _("Follow-ups")

    def ready(self):
        from uppfoljning import roles

        from . import permissions

        for role, perms in permissions.ROLE_PERMISSIONS.items():
            roles.register_role_permissions(role, perms)
