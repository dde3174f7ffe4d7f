"""What each role may do with checks, and the checks' place in the menu."""

from django.utils.translation import gettext_lazy as _

from uppfoljning.core.navigation import FOLLOW_UP, Entry
from uppfoljning.core.roles import BOARD_READER, COORDINATOR, STRATEGIST

# Strategists record checks and alone see criminal-record checks (GDPR art. 10);
# coordinators and board readers may read the other kinds.
ROLE_PERMISSIONS = {
    STRATEGIST: {
        "followups.view_check",
        "followups.add_check",
        "followups.change_check",
        "followups.view_criminal_record",
    },
    COORDINATOR: {"followups.view_check"},
    BOARD_READER: {"followups.view_check"},
}

MENU = [Entry(FOLLOW_UP, _("Checks"), "followups:check_list", "followups.view_check", 20)]
