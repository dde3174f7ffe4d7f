from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupsConfig(AppConfig):
    name = "followups"
    verbose_name = _("Follow-ups")

    def ready(self):
        from followups.cases.desk import register_desk_section
        from followups.cases.warnings import register_plan_warning
        from followups.control.desk_section import work_items_section
        from followups.planning.coverage import second_special_warning

        register_desk_section(work_items_section)
        register_plan_warning(second_special_warning)
