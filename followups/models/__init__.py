"""Follow-ups, checks and scheduled controls."""

from .assessments import Assessment, AssessmentArea, Rating
from .checks import Check, CheckKind, CheckResult, IvoPermitReading
from .choices import Severity, SignalSource
from .deviations import (
    Deviation,
    DeviationCategory,
    DeviationSource,
    DeviationStatus,
    ReporterRole,
)
from .findings import ActionPlan, Escalation, FeedbackMethod, Finding, FindingStatus
from .followups import FollowUp, FollowUpKind, FollowUpStatus
from .methods import (
    DocumentKind,
    DocumentRequest,
    Interview,
    Survey,
    SurveyAreaSummary,
    SurveyAudience,
    Visit,
    VisitNotice,
    VisitTime,
)

__all__ = [
    "ActionPlan",
    "Assessment",
    "AssessmentArea",
    "Check",
    "CheckKind",
    "CheckResult",
    "Deviation",
    "DeviationCategory",
    "DeviationSource",
    "DeviationStatus",
    "DocumentKind",
    "DocumentRequest",
    "Escalation",
    "FeedbackMethod",
    "Finding",
    "FindingStatus",
    "FollowUp",
    "FollowUpKind",
    "FollowUpStatus",
    "Interview",
    "IvoPermitReading",
    "Rating",
    "ReporterRole",
    "Severity",
    "SignalSource",
    "Survey",
    "SurveyAreaSummary",
    "SurveyAudience",
    "Visit",
    "VisitNotice",
    "VisitTime",
]
