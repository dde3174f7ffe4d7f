"""What each role may do with the risk assessment and the yearly plan, and their menu entries."""

from django.utils.translation import gettext_lazy as _

from uppfoljning.core.navigation import PLANNING, Entry
from uppfoljning.core.roles import STRATEGIST, model_perms

ROLE_PERMISSIONS = {
    # The risk analysis and its weights are the strategist's; other roles do not see it.
    STRATEGIST: {"followups.view_riskweight", "followups.change_riskweight"}
    | {"followups.view_riskjudgement", "followups.add_riskjudgement"}
    # The yearly plan is proposed, changed and accepted by the strategist.
    | model_perms("followups", ("view", "add", "change"), ("followupplan", "plannedfollowup")),
}

# The planning pages; the risk page has its own entry, or /followups/ would be current there.
MENU = [
    Entry(PLANNING, _("Planning"), "followups:plan_list", "followups.view_followupplan", 10),
    Entry(PLANNING, _("Risk analysis"), "followups:risk", "followups.view_riskweight", 15),
    Entry(
        PLANNING,
        _("Coverage of special follow-up"),
        "followups:coverage",
        "followups.view_followup",
        20,
    ),
]
