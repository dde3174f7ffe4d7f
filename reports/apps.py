from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self):
        from uppfoljning.context_processors import NAVIGATION

        entry = (_("Reports"), "reports:report_list", "reports.view_finalised_report")
        if entry not in NAVIGATION:
            NAVIGATION.append(entry)
