from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupsConfig(AppConfig):
    name = "followups"
    verbose_name = _("Follow-ups")

    def ready(self):
        from uppfoljning.context_processors import NAVIGATION

        NAVIGATION.append((_("Work items"), "followups:workitem_list", "followups.view_workitem"))
        NAVIGATION.append(
            (_("Control rules"), "followups:controlrule_list", "followups.view_controlrule")
        )
        NAVIGATION.append((_("Import files"), "followups:feed_list", "followups.add_feedimport"))
        from .scheduling import desk_section  # noqa: F401  (registers the desk's work items)

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
