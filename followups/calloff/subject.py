"""The permit and IVO-check rules, judged per subject: one unit, or a supplier that has no
open unit. `rules.units_permit_and_ivo_check` decides which subjects a key has and how their
reasons add up; the table SUBJECT_RULES here says what each subject is judged on.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any, NamedTuple

from dateutil.relativedelta import relativedelta
from django.urls import NoReverseMatch
from django.utils.translation import gettext as _

from followups.models import CheckResult
from suppliers.models import IvoPermitStatus

from .types import BLOCKED, CAUTION, Reason


class Subject(NamedTuple):
    supplier: Any
    unit: Any  # None: the supplier itself, which has no open unit
    agreement: Any
    ivo: Any  # the latest IVO check of the unit (or of the supplier), or None
    on: datetime.date

    @property
    def name(self) -> str:
        # As before the table: a unit without a name reads as the supplier.
        return (self.unit.name if self.unit is not None else "") or _("the supplier")


SubjectRule = Callable[[Subject], "Reason | None"]


def check_is_current(performed_on: datetime.date, interval_months: int, on: datetime.date):
    """A check made on D is current through D + interval months (inclusive)."""
    return on <= performed_on + relativedelta(months=interval_months)


def latest_check(checks, kind, unit_id=None, unit_scoped=False):
    """The newest check of a kind; unit-scoped: the unit's own or supplier-wide ones."""
    candidates = [
        c
        for c in checks
        if c.kind == kind and (not unit_scoped or c.unit_id is None or c.unit_id == unit_id)
    ]
    return max(candidates, key=lambda c: (c.performed_on, c.pk), default=None)


def url_of(obj) -> str:
    # The check pages belong to the follow-up app and may not be mounted yet.
    try:
        return obj.get_absolute_url()
    except NoReverseMatch:
        return ""


def check_source(check) -> str:
    label = _("%(kind)s check %(date)s") % {
        "kind": check.get_kind_display(),
        "date": check.performed_on.isoformat(),
    }
    return f"{label} ({check.reference})" if check.reference else label


def _from_check(level: str, code: str, text: str, ivo) -> Reason:
    return Reason(level, code, text, ivo.performed_on, check_source(ivo), url_of(ivo))


def ivo_permit(s: Subject) -> Reason | None:
    """Where the agreement requires a permit: a unit with a valid one (a supplier: an open unit)."""
    if not s.agreement.requires_ivo_permit:
        return None
    if s.unit is None:
        return Reason(
            BLOCKED,
            "ivo_permit_missing",
            _("The agreement requires an IVO permit; the supplier has no open unit."),
            None,
            _("Register: supplier %(name)s") % {"name": s.supplier.name},
            s.supplier.get_absolute_url(),
        )
    texts = {
        IvoPermitStatus.MISSING: _("The agreement requires an IVO permit; %(unit)s has none."),
        IvoPermitStatus.REVOKED: _(
            "The agreement requires an IVO permit; the permit of %(unit)s is revoked."
        ),
        IvoPermitStatus.APPLIED: _(
            "The agreement requires an IVO permit; %(unit)s has applied but has no permit yet."
        ),
    }
    if s.unit.ivo_permit_status not in texts:
        return None
    return Reason(
        BLOCKED,
        "ivo_permit_missing",
        texts[s.unit.ivo_permit_status] % {"unit": s.unit.name},
        None,
        _("Register: unit %(unit)s") % {"unit": s.unit.name},
        s.unit.get_absolute_url(),
    )


def ivo_check_missing(s: Subject) -> Reason | None:
    if s.ivo is not None or not s.agreement.requires_ivo_permit:
        return None
    text = _("No IVO check of %(subject)s is recorded.") % {"subject": s.name}
    return Reason(CAUTION, "ivo_check_missing", text)


def ivo_check_serious(s: Subject) -> Reason | None:
    """A serious latest check blocks, and says all: the rules below stay silent."""
    if s.ivo is None or s.ivo.result != CheckResult.SERIOUS:
        return None
    text = _("The latest IVO check of %(subject)s found serious problems.") % {"subject": s.name}
    return _from_check(BLOCKED, "ivo_check_serious", text, s.ivo)


def _judged_on_details(s: Subject) -> bool:
    return s.ivo is not None and s.ivo.result != CheckResult.SERIOUS


def ivo_check_no_permit(s: Subject) -> Reason | None:
    """What IVO's Placeringsstöd showed counts even if the register is not yet updated."""
    if not (_judged_on_details(s) and s.agreement.requires_ivo_permit):
        return None
    if s.ivo.ivo_permit_status not in ("missing", "revoked"):
        return None
    text = _("The latest IVO check of %(subject)s shows: %(permit)s.") % {
        "subject": s.name,
        "permit": s.ivo.get_ivo_permit_status_display().lower(),
    }
    return _from_check(BLOCKED, "ivo_check_no_permit", text, s.ivo)


def ivo_open_supervision(s: Subject) -> Reason | None:
    if not (_judged_on_details(s) and s.ivo.ivo_open_supervision):
        return None
    text = _("IVO has an open supervision case concerning %(subject)s.") % {"subject": s.name}
    return _from_check(CAUTION, "ivo_open_supervision", text, s.ivo)


def ivo_check_remark(s: Subject) -> Reason | None:
    if s.ivo is None or s.ivo.result != CheckResult.REMARK:
        return None
    text = _("The latest IVO check of %(subject)s has a remark.") % {"subject": s.name}
    return _from_check(CAUTION, "ivo_check_remark", text, s.ivo)


def ivo_check_old(s: Subject) -> Reason | None:
    if not (_judged_on_details(s) and s.agreement.requires_ivo_permit):
        return None
    interval = s.agreement.ivo_check_interval_months
    if check_is_current(s.ivo.performed_on, interval, s.on):
        return None
    text = _(
        "The latest IVO check of %(subject)s is older than %(months)s months (due %(due)s)."
    ) % {
        "subject": s.name,
        "months": interval,
        "due": (s.ivo.performed_on + relativedelta(months=interval)).isoformat(),
    }
    return _from_check(CAUTION, "ivo_check_old", text, s.ivo)


SUBJECT_RULES: tuple[SubjectRule, ...] = (
    ivo_permit,
    ivo_check_missing,
    ivo_check_serious,
    ivo_check_no_permit,
    ivo_open_supervision,
    ivo_check_remark,
    ivo_check_old,
)


def judge_subject(subject: Subject) -> list[Reason]:
    return [r for rule in SUBJECT_RULES if (r := rule(subject)) is not None]
