from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupsConfig(AppConfig):
    name = "followups"
    verbose_name = _("Follow-ups")

    def ready(self):
        from uppfoljning.context_processors import NAVIGATION
        from uppfoljning.roles import STRATEGIST, register_role_permissions

        # Scheduled controls: strategists keep the rules and work the items.
        register_role_permissions(
            STRATEGIST,
            {
                "followups.view_controlrule",
                "followups.add_controlrule",
                "followups.change_controlrule",
                "followups.view_workitem",
                "followups.change_workitem",
                "followups.view_check",
                "followups.add_check",
            },
        )
        NAVIGATION.append((_("Work items"), "followups:workitem_list", "followups.view_workitem"))
        NAVIGATION.append(
            (_("Control rules"), "followups:controlrule_list", "followups.view_controlrule")
        )
