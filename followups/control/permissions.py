"""What each role may do with the scheduled controls, and their place in the menu."""

from django.utils.translation import gettext_lazy as _

from uppfoljning.core.navigation import MY_DESK, PLANNING, Entry
from uppfoljning.core.roles import STRATEGIST, model_perms

# Strategists keep the control rules and work the items the sweep creates.
ROLE_PERMISSIONS = {
    STRATEGIST: model_perms("followups", ("view", "add", "change"), ("controlrule",))
    | {"followups.view_workitem", "followups.change_workitem"},
}

MENU = [
    Entry(
        PLANNING, _("Control rules"), "followups:controlrule_list", "followups.view_controlrule", 30
    ),
    Entry(MY_DESK, _("Work items"), "followups:workitem_list", "followups.view_workitem", 20),
]
