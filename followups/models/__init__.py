"""Follow-ups, checks and scheduled controls."""

from .checks import Check, CheckKind, CheckResult, IvoPermitReading
from .control import (
    ROUND_KINDS,
    ControlRoundRow,
    ControlRule,
    DigestDelivery,
    RuleKind,
    WorkItem,
    WorkItemStatus,
)

__all__ = [
    "ROUND_KINDS",
    "Check",
    "CheckKind",
    "CheckResult",
    "ControlRoundRow",
    "ControlRule",
    "DigestDelivery",
    "IvoPermitReading",
    "RuleKind",
    "WorkItem",
    "WorkItemStatus",
]
