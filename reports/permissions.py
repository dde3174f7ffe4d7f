"""What each role may do with the board's documents, and their menu entry."""

from django.utils.translation import gettext_lazy as _

from uppfoljning.core.navigation import REPORTS, Entry
from uppfoljning.core.roles import BOARD_READER, STRATEGIST

ROLE_PERMISSIONS = {
    STRATEGIST: {
        "reports.view_report",
        "reports.add_report",
        "reports.change_report",
        "reports.finalise_report",
        "reports.view_finalised_report",
    },
    # The board reads finalised documents and nothing else.
    BOARD_READER: {"reports.view_finalised_report"},
}

MENU = [Entry(REPORTS, _("Reports"), "reports:report_list", "reports.view_finalised_report", 10)]
