"""Follow-ups, checks and scheduled controls."""

from .checks import Check, CheckKind, CheckResult, IvoPermitReading

__all__ = ["Check", "CheckKind", "CheckResult", "IvoPermitReading"]
