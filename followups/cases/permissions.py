"""What each role may do with follow-ups, findings and deviations, and their menu entries."""

from django.utils.translation import gettext_lazy as _

from uppfoljning.core.navigation import FOLLOW_UP, MY_DESK, Entry
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


ROLE_PERMISSIONS = {
    # The strategist runs the follow-ups, triages deviations and records decisions.
    STRATEGIST: _perms(("view", "add", "change"), _WORK_MODELS)
    | {"followups.triage_deviation", "followups.decide_finding"},
    # The coordinator reports deviations and sees what is going on with a supplier.
    COORDINATOR: _perms(("view",), ("followup", "finding", "deviation"))
    | {"followups.add_deviation"},
    # A caseworker reports deviations within a minute; triage is not theirs.
    CASEWORKER: {"followups.add_deviation"},
    BOARD_READER: set(),
}

MENU = [
    Entry(FOLLOW_UP, _("Follow-ups"), "followups:followup_list", "followups.view_followup", 10),
    Entry(FOLLOW_UP, _("Deviations"), "followups:deviation_list", "followups.view_deviation", 30),
    Entry(
        FOLLOW_UP, _("Report a deviation"), "followups:deviation_add", "followups.add_deviation", 40
    ),
    Entry(MY_DESK, _("My desk"), "followups:desk", "followups.view_followup", 10),
    # Whoever reports deviations sees their own reports and what became of them.
    Entry(MY_DESK, _("My reports"), "followups:my_deviations", "followups.add_deviation", 30),
]
