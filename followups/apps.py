from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupsConfig(AppConfig):
    name = "followups"
    verbose_name = _("Follow-ups")

    def ready(self):
        from uppfoljning import roles
        from uppfoljning.context_processors import NAVIGATION

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

        # Scheduled controls: strategists keep the rules and work the items.
        roles.register_role_permissions(
            roles.STRATEGIST,
            {
                "followups.view_controlrule",
                "followups.add_controlrule",
                "followups.change_controlrule",
                "followups.view_workitem",
                "followups.change_workitem",
                "followups.view_feedimport",
                "followups.add_feedimport",
            },
        )
        NAVIGATION.append((_("Work items"), "followups:workitem_list", "followups.view_workitem"))
        NAVIGATION.append(
            (_("Control rules"), "followups:controlrule_list", "followups.view_controlrule")
        )
        from . import permissions

        NAVIGATION.append((_("Import files"), "followups:feed_list", "followups.add_feedimport"))
        from .scheduling import desk_section  # noqa: F401  (registers the desk's work items)

        for role, perms in permissions.ROLE_PERMISSIONS.items():
            roles.register_role_permissions(role, perms)
        NAVIGATION.append((_("My desk"), "followups:desk", "followups.view_followup"))
        NAVIGATION.append((_("Follow-ups"), "followups:followup_list", "followups.view_followup"))
        NAVIGATION.append((_("Deviations"), "followups:deviation_list", "followups.view_deviation"))
        NAVIGATION.append(
            (_("Report a deviation"), "followups:deviation_add", "followups.add_deviation")
        )
        # One entry for the planning pages; the plan list links the risk analysis.
        NAVIGATION.append((_("Planning"), "followups:plan_list", "followups.view_followupplan"))
        NAVIGATION.append(
            (_("Coverage of special follow-up"), "followups:coverage", "followups.view_followup")
        )

        from suppliers import calloff

        from .calloff_reasons import followup_reasons

        calloff.register_reason_provider(followup_reasons)
