"""What each role may do with the call-off check (avropskontroll), and its menu entries.

The codenames stay in the suppliers app (they live on its PlacementCheck model).
Coordinators and strategists see statuses, call-off orders and log checks; strategists see
every logged check, coordinators their own. Caseworkers may look at a status (it is not
secret and helps them answer "can we use this provider?") but do not log call-offs; board
readers don't.
"""

from django.utils.translation import gettext_lazy as _

from uppfoljning.core.navigation import CALL_OFF, Entry
from uppfoljning.core.roles import BOARD_READER, CASEWORKER, COORDINATOR, STRATEGIST

_STATUS = {"suppliers.view_call_off_status"}

ROLE_PERMISSIONS = {
    STRATEGIST: _STATUS | {"suppliers.add_placementcheck", "suppliers.view_placementcheck"},
    COORDINATOR: _STATUS | {"suppliers.add_placementcheck", "suppliers.view_own_placementcheck"},
    CASEWORKER: _STATUS,
    BOARD_READER: set(),
}

MENU = [
    Entry(CALL_OFF, _("Call-off check"), "calloff:search", "suppliers.view_call_off_status", 10),
    # The log also for strategists, who see every logged check.
    Entry(
        CALL_OFF,
        _("Call-off log"),
        "calloff:log_list",
        ("suppliers.view_placementcheck", "suppliers.view_own_placementcheck"),
        20,
    ),
]
