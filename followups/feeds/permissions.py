"""Who imports the data feeds, and their place in the menu."""

from django.utils.translation import gettext_lazy as _

from uppfoljning.core.navigation import REGISTER, Entry
from uppfoljning.core.roles import STRATEGIST

ROLE_PERMISSIONS = {STRATEGIST: {"followups.view_feedimport", "followups.add_feedimport"}}

# Import files keep the register (and its volumes) up to date.
MENU = [Entry(REGISTER, _("Import files"), "followups:feed_list", "followups.add_feedimport", 90)]
