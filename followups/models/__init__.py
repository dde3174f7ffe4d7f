"""Follow-ups, checks and scheduled controls."""

from .checks import Check, CheckKind, CheckResult

__all__ = ["Check", "CheckKind", "CheckResult"]
