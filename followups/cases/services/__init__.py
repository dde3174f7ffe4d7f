"""The writes of follow-up work, one module per subject; import them from here.

Each is a decision in one transaction, with who and when (see the modules).
"""

from .assessments import (
    assessment_areas_ensure,
    assessment_areas_seed,
    assessment_grid_save,
    method_record_save,
    survey_area_summaries_save,
)
from .deviations import (
    deviation_report,
    deviation_triage,
)
from .findings import (
    finding_create,
    finding_escalate,
    finding_give_feedback,
    finding_receive_action_plan,
    finding_record_decision,
    finding_verify,
)
from .followups import (
    default_title,
    followup_complete,
    followup_create,
    followup_set_scope,
    followup_start,
)

__all__ = [
    "assessment_areas_ensure",
    "assessment_areas_seed",
    "assessment_grid_save",
    "default_title",
    "deviation_report",
    "deviation_triage",
    "finding_create",
    "finding_escalate",
    "finding_give_feedback",
    "finding_receive_action_plan",
    "finding_record_decision",
    "finding_verify",
    "followup_complete",
    "followup_create",
    "followup_set_scope",
    "followup_start",
    "method_record_save",
    "survey_area_summaries_save",
]
