"""What each role may do with the risk assessment and the yearly plan."""

from uppfoljning.core.roles import STRATEGIST, model_perms

ROLE_PERMISSIONS = {
    # The risk analysis and its weights are the strategist's; other roles do not see it.
    STRATEGIST: {"followups.view_riskweight", "followups.change_riskweight"}
    | {"followups.view_riskjudgement", "followups.add_riskjudgement"}
    # The yearly plan is proposed, changed and accepted by the strategist.
    | model_perms("followups", ("view", "add", "change"), ("followupplan", "plannedfollowup")),
}
