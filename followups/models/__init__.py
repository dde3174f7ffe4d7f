"""Follow-ups, checks and scheduled controls."""

from .assessments import Assessment, AssessmentArea, Rating
from .checks import Check, CheckKind, CheckResult, IvoPermitReading
from .choices import Severity, SignalSource
from .control import (
    ROUND_KINDS,
    ControlRoundRow,
    ControlRule,
    DigestDelivery,
    RuleKind,
    WorkItem,
    WorkItemStatus,
)
from .deviations import (
    Deviation,
    DeviationCategory,
    DeviationSource,
    DeviationStatus,
    ReporterRole,
)
from .feeds import FeedImport, FeedImportStatus, FeedKind
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
from .plans import FollowUpPlan, PlanEntrySource, PlannedFollowUp, PlanStatus
from .risk import DEFAULT_WEIGHTS, RiskFactor, RiskJudgement, RiskWeight

__all__ = [
    "DEFAULT_WEIGHTS",
    "ROUND_KINDS",
    "ActionPlan",
    "Assessment",
    "AssessmentArea",
    "Check",
    "CheckKind",
    "CheckResult",
    "ControlRoundRow",
    "ControlRule",
    "Deviation",
    "DeviationCategory",
    "DeviationSource",
    "DeviationStatus",
    "DigestDelivery",
    "DocumentKind",
    "DocumentRequest",
    "Escalation",
    "FeedImport",
    "FeedImportStatus",
    "FeedKind",
    "FeedbackMethod",
    "Finding",
    "FindingStatus",
    "FollowUp",
    "FollowUpKind",
    "FollowUpPlan",
    "FollowUpStatus",
    "Interview",
    "IvoPermitReading",
    "PlanEntrySource",
    "PlanStatus",
    "PlannedFollowUp",
    "Rating",
    "ReporterRole",
    "RiskFactor",
    "RiskJudgement",
    "RiskWeight",
    "RuleKind",
    "Severity",
    "SignalSource",
    "Survey",
    "SurveyAreaSummary",
    "SurveyAudience",
    "Visit",
    "VisitNotice",
    "VisitTime",
    "WorkItem",
    "WorkItemStatus",
]
