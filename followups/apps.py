from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupsConfig(AppConfig):
    name = "followups"
    verbose_name = _("Follow-ups")

    def ready(self):
        from uppfoljning import roles

        # Checks: strategists record them and alone see criminal-record checks (GDPR art. 10);
        # coordinators and board readers may read the other kinds.
        roles.register_role_permissions(
            roles.STRATEGIST,
            {
                "followups.view_check",
                "followups.add_check",
                "followups.change_check",
                "followups.view_criminal_record",
            },
        )
        roles.register_role_permissions(roles.COORDINATOR, {"followups.view_check"})
        roles.register_role_permissions(roles.BOARD_READER, {"followups.view_check"})

        from . import permissions

        for role, perms in permissions.ROLE_PERMISSIONS.items():
            roles.register_role_permissions(role, perms)
