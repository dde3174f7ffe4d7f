from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupsConfig(AppConfig):
    name = "followups"
    verbose_name = _("Follow-ups")

    def ready(self):
        from uppfoljning import roles
        from uppfoljning.core import navigation as nav

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
        from . import permissions
        from .scheduling import desk_section  # noqa: F401  (registers the desk's work items)

        for role, perms in permissions.ROLE_PERMISSIONS.items():
            roles.register_role_permissions(role, perms)

        # The menu, by task. One entry for the planning pages; the plan list links the
        # risk analysis. Import files keep the register (and its volumes) up to date.
        nav.register_entry(
            nav.REGISTER,
            _("Import files"),
            "followups:feed_list",
            "followups.add_feedimport",
            order=90,
        )
        nav.register_entry(
            nav.FOLLOW_UP,
            _("Follow-ups"),
            "followups:followup_list",
            "followups.view_followup",
            order=10,
        )
        nav.register_entry(
            nav.FOLLOW_UP,
            _("Checks"),
            "followups:check_list",
            "followups.view_check",
            order=20,
        )
        nav.register_entry(
            nav.FOLLOW_UP,
            _("Deviations"),
            "followups:deviation_list",
            "followups.view_deviation",
            order=30,
        )
        nav.register_entry(
            nav.FOLLOW_UP,
            _("Report a deviation"),
            "followups:deviation_add",
            "followups.add_deviation",
            order=40,
        )
        nav.register_entry(
            nav.PLANNING,
            _("Planning"),
            "followups:plan_list",
            "followups.view_followupplan",
            order=10,
        )
        nav.register_entry(
            nav.PLANNING,
            _("Coverage of special follow-up"),
            "followups:coverage",
            "followups.view_followup",
            order=20,
        )
        nav.register_entry(
            nav.PLANNING,
            _("Control rules"),
            "followups:controlrule_list",
            "followups.view_controlrule",
            order=30,
        )
        nav.register_entry(
            nav.MY_DESK, _("My desk"), "followups:desk", "followups.view_followup", order=10
        )
        nav.register_entry(
            nav.MY_DESK,
            _("Work items"),
            "followups:workitem_list",
            "followups.view_workitem",
            order=20,
        )

        from suppliers import calloff

        from .calloff_reasons import followup_reasons

        calloff.register_reason_provider(followup_reasons)
