"""What each role may do with follow-ups, findings and deviations."""

from uppfoljning.core.roles import BOARD_READER, CASEWORKER, COORDINATOR, STRATEGIST, model_perms

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
    return model_perms("followups", actions, models)


# Checks: strategists record them and alone see criminal-record checks (GDPR art. 10);
# coordinators and board readers may read the other kinds.
_CHECKS_READ = {"followups.view_check"}
_CHECKS_WRITE = {"followups.add_check", "followups.change_check", "followups.view_criminal_record"}

# Scheduled controls: strategists keep the rules and work the items.
_CONTROL = _perms(("view", "add", "change"), ("controlrule",)) | {
    "followups.view_workitem",
    "followups.change_workitem",
    "followups.view_feedimport",
    "followups.add_feedimport",
}

ROLE_PERMISSIONS = {
    # The strategist runs the follow-ups, triages deviations and records decisions.
    STRATEGIST: _perms(("view", "add", "change"), _WORK_MODELS)
    | {"followups.triage_deviation", "followups.decide_finding"}
    | _CHECKS_READ
    | _CHECKS_WRITE
    | _CONTROL,
    # The coordinator reports deviations and sees what is going on with a supplier.
    COORDINATOR: _perms(("view",), ("followup", "finding", "deviation"))
    | {"followups.add_deviation"}
    | _CHECKS_READ,
    # A caseworker reports deviations within a minute; triage is not theirs.
    CASEWORKER: {"followups.add_deviation"},
    BOARD_READER: _CHECKS_READ,
}
