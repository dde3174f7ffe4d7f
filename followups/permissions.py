"""What each role may do with follow-ups, findings and deviations."""

from uppfoljning.roles import BOARD_READER, CASEWORKER, COORDINATOR, STRATEGIST

_WORK_MODELS = (
    "followup",
    "survey",
    "surveyareasummary",
    "interview",
    "documentrequest",
    "visit",
    "assessmentarea",
    "assessment",
    "finding",
    "actionplan",
    "deviation",
)


def _perms(actions, models):
    return {f"followups.{action}_{model}" for action in actions for model in models}


ROLE_PERMISSIONS = {
    # The strategist runs the follow-ups, triages deviations and records decisions.
    STRATEGIST: _perms(("view", "add", "change"), _WORK_MODELS)
    | {"followups.triage_deviation", "followups.decide_finding"}
    # The risk analysis and its weights are the strategist's; other roles do not see it.
    | {"followups.view_riskweight", "followups.change_riskweight"}
    | {"followups.view_riskjudgement", "followups.add_riskjudgement"}
    # The yearly plan is proposed, changed and accepted by the strategist.
    | _perms(("view", "add", "change"), ("followupplan", "plannedfollowup")),
    # The coordinator reports deviations and sees what is going on with a supplier.
    COORDINATOR: _perms(("view",), ("followup", "finding", "deviation"))
    | {"followups.add_deviation"},
    # A caseworker reports deviations within a minute; triage is not theirs.
    CASEWORKER: {"followups.add_deviation"},
    BOARD_READER: set(),
}
