from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self):
        from uppfoljning.core import navigation as nav
        from uppfoljning.roles import BOARD_READER, STRATEGIST, register_role_permissions

        register_role_permissions(
            STRATEGIST,
            {
                "reports.view_report",
                "reports.add_report",
                "reports.change_report",
                "reports.finalise_report",
                "reports.view_finalised_report",
            },
        )
        # The board reads finalised documents and nothing else.
        register_role_permissions(BOARD_READER, {"reports.view_finalised_report"})
        nav.register_entry(
            nav.REPORTS,
            _("Reports"),
            "reports:report_list",
            "reports.view_finalised_report",
            order=10,
        )
