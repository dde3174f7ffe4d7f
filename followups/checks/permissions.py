"""What each role may do with checks, and the checks' place in the menu."""

from django.utils.translation import gettext_lazy as _

from uppfoljning.core.navigation import FOLLOW_UP, Entry
from uppfoljning.core.roles import COORDINATOR, STRATEGIST

# Strategists record checks and alone see criminal-record checks (GDPR art. 10);
# coordinators may read the other kinds. Board readers read finalised documents and nothing
# else (reports/permissions.py): no check, with its credit ratings, tax debts and staff names.
ROLE_PERMISSIONS = {
    STRATEGIST: {
        "followups.view_check",
        "followups.add_check",
        "followups.change_check",
        "followups.view_criminal_record",
    },
    COORDINATOR: {"followups.view_check"},
}

MENU = [Entry(FOLLOW_UP, _("Checks"), "followups:check_list", "followups.view_check", 20)]
