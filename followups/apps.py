from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupsConfig(AppConfig):
    name = "followups"
    verbose_name = _("Follow-ups")

    def ready(self):
        from followups.calloff_reasons import followup_reasons
        from followups.cases.desk import register_desk_section
        from followups.control.desk_section import work_items_section
        from suppliers import calloff

        register_desk_section(work_items_section)
        calloff.register_reason_provider(followup_reasons)
