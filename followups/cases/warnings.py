"""Warnings before a follow-up is planned, from rules that live above this package.

The rule that one special follow-up covers an agreement's period lives in planning, which
this package may not import; planning adds its check with `register_plan_warning(func)` in
the app's ready(). A check is `func(kind, agreement, planned_start, today) -> list[str]`
and returns its warnings in words. The planning page shows them and plans the follow-up
only once the strategist confirms; the warnings are advice, not rules, so the service
does not ask for them.
"""

import datetime
from collections.abc import Callable

PlanWarning = Callable[..., list[str]]
_checks: list[PlanWarning] = []


def register_plan_warning(func: PlanWarning) -> PlanWarning:
    if func not in _checks:
        _checks.append(func)
    return func


def plan_warnings(
    *, kind: str, agreement, planned_start: datetime.date | None, today: datetime.date
) -> list[str]:
    warnings = []
    for check in _checks:
        warnings += check(kind=kind, agreement=agreement, planned_start=planned_start, today=today)
    return warnings
