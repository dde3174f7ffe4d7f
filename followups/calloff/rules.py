"""The call-off status rules (avropskontroll): may this supplier or unit be used today?

`followups.calloff.selectors.call_off_status()` is the entry point the status page, the
API, the call-off order and the reports share. The selector loads a Snapshot (the rows, in
a constant number of queries); `evaluate` walks the table RULES below over it, one key at a
time. Each rule is a small function ``(snapshot, key) -> [Reason, ...]``; the reasons come
out in table order, which the API, the pages and the frozen PlacementCheck snapshots show.

Levels: BLOCKED (red) beats CAUTION (yellow) beats CLEAR (green). Every reason carries a
code, a translated text, the date it applies from and its source (what record says so).

Blocked
  * ``no_contract`` / ``contract_ended`` / ``contract_not_started`` — no contract in the
    agreement that is active on the date (a contract ended on day D was active until D-1).
  * ``unit_not_in_contract`` / ``unit_closed`` — the unit is not served by the contract
    (when the contract lists its units) or has closed by the date.
  * ``agreement_not_started`` / ``agreement_ended`` — the date lies outside start ..
    end-including-option; both ends are inclusive (an option ending today still allows
    call-offs today).
  * ``exclusion`` — an exclusion of this contract or of the whole supplier is in force:
    started on or before the date and not lifted on or before it (lifted yesterday or today
    → not in force today). Its text gives the review date, and says the review is overdue
    from the day after that date.
  * ``ivo_permit_missing`` — the agreement requires an IVO permit and the unit's permit is
    missing, revoked or only applied for.
  * ``ivo_check_serious`` — the latest IVO check's result is serious.
  * ``ivo_check_no_permit`` — (agreements requiring a permit) the latest IVO check read the
    permit as missing or revoked in Placeringsstöd, even if the register says otherwise.
  For a supplier (no unit given) the unit rules are judged per unit served by the contract
  (all open units when the contract lists none): the supplier is blocked by them only when
  no served unit is usable; otherwise each unusable unit is a caution reason.

Caution
  * ``ivo_check_remark`` — latest IVO check has a remark.
  * ``ivo_open_supervision`` — latest IVO check noted an open supervision case.
  * ``ivo_check_missing`` / ``ivo_check_old`` — (agreements requiring an IVO permit) no IVO
    check, or the latest is older than ``agreement.ivo_check_interval_months``. A check made
    on D is current up to and including D + interval months; from the day after it is old.
  * ``credit_remark`` / ``credit_serious`` — latest credit check has a remark or is serious.
  * ``recently_ended_elsewhere`` — the supplier had a contract in another agreement
    terminated or rescinded within the last 12 months (ended on or after the date minus 12
    months, inclusive).
  * ``open_event_driven_followup`` — an event-driven follow-up of the supplier in this
    agreement is open on the date: started on or before it (or not started, unless it is
    still planned to start after the date), and not completed on or before it.
  * ``action_plan_overdue`` — an unresolved finding of a follow-up in this agreement is past
    its deadline: the action plan's deadline once a plan is received, else the due date;
    overdue from the day after the deadline.
  * ``serious_finding_open`` — an unresolved serious finding of a follow-up in this
    agreement.

Only checks performed on or before the date count. Criminal-record checks never appear in
a status (they are sensitive and not part of the rules).

A new rule is a function added to RULES, at the place where its reasons should be listed;
what it reads must be loaded into the Snapshot by `selectors.evaluate_call_off` with a
constant number of queries for all keys together (the status page asserts exact counts).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from dateutil.relativedelta import relativedelta
from django.urls import reverse
from django.utils.translation import gettext as _

from followups.models import CheckKind, CheckResult, FindingStatus, Severity
from suppliers.models import ContractStatus

from .snapshot import Snapshot
from .subject import Subject, check_source, judge_subject, latest_check, url_of
from .types import BLOCKED, CAUTION, CallOffStatus, ExclusionInfo, LatestCheck, Reason, StatusKey

RECENT_END_MONTHS = 12

Rule = Callable[[Snapshot, StatusKey], list[Reason]]


def contract_active_on(contract, on: datetime.date) -> bool:
    """Active on the date: begun, and not ended (an end date is the first day not active)."""
    if contract.start_date and contract.start_date > on:
        return False
    if contract.status == ContractStatus.ACTIVE:
        return True
    return bool(contract.ended_on and contract.ended_on > on)


def _agreement_source(agreement) -> str:
    return _("Agreement %(reference)s") % {"reference": agreement.reference}


def _contract_source(contract) -> str:
    return " ".join(filter(None, [str(_("Contract")), contract.decision_reference]))


# --- The rules, in the order their reasons are listed (see RULES) ---------------------------


def agreement_period(snapshot: Snapshot, key: StatusKey) -> list[Reason]:
    """The agreement period, option included; both ends inclusive."""
    agreement, on = key.agreement, snapshot.on
    if on < agreement.start_date:
        text = _("The agreement period has not begun; it starts %(date)s.")
        code, date = "agreement_not_started", agreement.start_date
    elif on > agreement.final_end_date:
        text = _("The agreement period, option included, ended %(date)s.")
        code, date = "agreement_ended", agreement.final_end_date
    else:
        return []
    return [
        Reason(
            BLOCKED,
            code,
            text % {"date": date.isoformat()},
            date,
            _agreement_source(agreement),
            agreement.get_absolute_url(),
        )
    ]


def contract_in_force(snapshot: Snapshot, key: StatusKey) -> list[Reason]:
    """A contract in the agreement, begun and not ended on the date."""
    agreement, on = key.agreement, snapshot.on
    contract = snapshot.contract_for(key)
    if contract is None:
        return [
            Reason(
                BLOCKED,
                "no_contract",
                _("The supplier has no contract in this agreement."),
                None,
                _agreement_source(agreement),
                agreement.get_absolute_url(),
            )
        ]
    if contract.start_date and contract.start_date > on:
        return [
            Reason(
                BLOCKED,
                "contract_not_started",
                _("The contract starts %(date)s.") % {"date": contract.start_date.isoformat()},
                contract.start_date,
                _("Contract"),
                contract.get_absolute_url(),
            )
        ]
    if not contract_active_on(contract, on):
        return [
            Reason(
                BLOCKED,
                "contract_ended",
                _("The contract is %(status)s since %(date)s (%(reason)s).")
                % {
                    "status": contract.get_status_display().lower(),
                    "date": contract.ended_on.isoformat(),
                    "reason": contract.get_end_reason_display() or "–",
                },
                contract.ended_on,
                _contract_source(contract),
                contract.get_absolute_url(),
            )
        ]
    return []


def exclusion_reason(exclusion, on: datetime.date) -> Reason:
    if exclusion.contract_id:
        text = _("Excluded from call-offs in this agreement: %(reason)s.")
    else:
        text = _("The supplier is excluded from call-offs in all agreements: %(reason)s.")
    review = ""
    if exclusion.review_overdue_on(on):
        # Said in words, so that a passed date is not read as one still to come.
        review = " " + _("Review overdue: the review date %(date)s has passed.") % {
            "date": exclusion.review_date.isoformat()
        }
    elif exclusion.review_date:
        review = " " + _("Review date %(date)s.") % {"date": exclusion.review_date.isoformat()}
    return Reason(
        BLOCKED,
        "exclusion",
        text % {"reason": exclusion.get_reason_display()} + review,
        exclusion.start_date,
        _("Exclusion %(reference)s") % {"reference": exclusion.decision_reference},
        exclusion.get_absolute_url(),
    )


def exclusions_in_force(snapshot: Snapshot, key: StatusKey) -> list[Reason]:
    """Each exclusion of this contract or of the whole supplier in force on the date."""
    return [exclusion_reason(e, snapshot.on) for e in snapshot.exclusions_for(key)]


def unit_served_by_contract(snapshot: Snapshot, key: StatusKey) -> list[Reason]:
    """A unit must be among the contract's units, when the contract lists any."""
    unit = key.unit
    contract = snapshot.contract_for(key)
    served = snapshot.served_by(contract)
    if unit is None or not served or unit.pk in {u.pk for u in served}:
        return []
    return [
        Reason(
            BLOCKED,
            "unit_not_in_contract",
            _("%(unit)s is not among the units the contract serves.") % {"unit": unit.name},
            None,
            _("Contract"),
            contract.get_absolute_url(),
        )
    ]


def unit_closed(snapshot: Snapshot, key: StatusKey) -> list[Reason]:
    """A unit closed on or before the date cannot be used."""
    unit = key.unit
    if unit is None or not (unit.closed_on and unit.closed_on <= snapshot.on):
        return []
    return [
        Reason(
            BLOCKED,
            "unit_closed",
            _("%(unit)s closed %(date)s.")
            % {"unit": unit.name, "date": unit.closed_on.isoformat()},
            unit.closed_on,
            _("Register: unit %(unit)s") % {"unit": unit.name},
            unit.get_absolute_url(),
        )
    ]


def units_permit_and_ivo_check(snapshot: Snapshot, key: StatusKey) -> list[Reason]:
    """The permit and IVO-check rules of subject.py: for the unit, or for a supplier per
    served open unit (the supplier itself when it has none)."""
    supplier, unit, agreement = key
    on, checks = snapshot.on, snapshot.checks_of(supplier)
    if unit is not None:
        ivo = latest_check(checks, CheckKind.IVO, unit.pk, unit_scoped=True)
        return judge_subject(Subject(supplier, unit, agreement, ivo, on))
    served = snapshot.served_by(snapshot.contract_for(key))
    considered = [
        u
        for u in (served or snapshot.units_of(supplier))
        if not (u.closed_on and u.closed_on <= on)
    ]
    if not considered:
        ivo = latest_check(checks, CheckKind.IVO)
        return judge_subject(Subject(supplier, None, agreement, ivo, on))
    per_unit = [
        judge_subject(
            Subject(supplier, u, agreement, latest_check(checks, CheckKind.IVO, u.pk, True), on)
        )
        for u in considered
    ]
    usable = any(not any(r.level == BLOCKED for r in rs) for rs in per_unit)
    reasons = []
    for unit_reasons in per_unit:
        for r in unit_reasons:
            # One unusable unit does not block the supplier while another is usable.
            if r.level == BLOCKED and usable:
                r = Reason(CAUTION, r.code, r.text, r.date, r.source, r.source_url)
            reasons.append(r)
    return reasons


def credit_check(snapshot: Snapshot, key: StatusKey) -> list[Reason]:
    """Credit is about the company, whichever subject the check was recorded on."""
    credit = latest_check(snapshot.checks_of(key.supplier), CheckKind.CREDIT)
    if credit is None or credit.result not in (CheckResult.REMARK, CheckResult.SERIOUS):
        return []
    serious = credit.result == CheckResult.SERIOUS
    return [
        Reason(
            CAUTION,
            "credit_serious" if serious else "credit_remark",
            _("The latest credit check found serious problems.")
            if serious
            else _("The latest credit check has a remark."),
            credit.performed_on,
            check_source(credit),
            url_of(credit),
        )
    ]


def recently_ended_elsewhere(snapshot: Snapshot, key: StatusKey) -> list[Reason]:
    """A contract in another agreement terminated or rescinded within the last 12 months."""
    on = snapshot.on
    since = on - relativedelta(months=RECENT_END_MONTHS)
    return [
        Reason(
            CAUTION,
            "recently_ended_elsewhere",
            _("The contract in %(agreement)s was %(status)s %(date)s.")
            % {
                "agreement": other.agreement.name,
                "status": other.get_status_display().lower(),
                "date": other.ended_on.isoformat(),
            },
            other.ended_on,
            _contract_source(other),
            other.get_absolute_url(),
        )
        for other in snapshot.contracts_of(key.supplier)
        if other.agreement_id != key.agreement.pk
        and other.status in (ContractStatus.TERMINATED, ContractStatus.RESCINDED)
        and other.ended_on
        and since <= other.ended_on <= on
    ]


def open_event_driven_followups(snapshot: Snapshot, key: StatusKey) -> list[Reason]:
    """Each event-driven follow-up of the supplier in this agreement open on the date."""
    return [
        Reason(
            level=CAUTION,
            code="open_event_driven_followup",
            text=_("Open event-driven follow-up: %(title)s") % {"title": f.title},
            date=f.started_on or f.planned_start,
            source=f.title,
            source_url=reverse("followups:followup_detail", args=[f.pk]),
        )
        for f in snapshot.followups_for(key)
    ]


def findings_overdue_or_serious(snapshot: Snapshot, key: StatusKey) -> list[Reason]:
    """Per unresolved finding (in order): its action overdue, then its being serious."""
    reasons = []
    for f in snapshot.findings_for(key):
        url = reverse("followups:finding_detail", args=[f.pk])
        deadline = (
            f.action_plan_deadline if f.status == FindingStatus.ACTION_PLAN_RECEIVED else f.due_date
        )
        if deadline and deadline < snapshot.on:
            reasons.append(
                Reason(
                    level=CAUTION,
                    code="action_plan_overdue",
                    text=_("Action on a finding overdue since %(date)s")
                    % {"date": deadline.isoformat()},
                    date=deadline,
                    source=f.followup_title,
                    source_url=url,
                )
            )
        if f.severity == Severity.SERIOUS:
            reasons.append(
                Reason(
                    level=CAUTION,
                    code="serious_finding_open",
                    text=_("Open serious finding"),
                    date=f.due_date,
                    source=f.followup_title,
                    source_url=url,
                )
            )
    return reasons


RULES: tuple[Rule, ...] = (
    agreement_period,
    contract_in_force,
    exclusions_in_force,
    unit_served_by_contract,
    unit_closed,
    units_permit_and_ivo_check,
    credit_check,
    recently_ended_elsewhere,
    open_event_driven_followups,
    findings_overdue_or_serious,
)


# --- What the status shows besides its reasons ---------------------------------------------


def latest_checks_shown(snapshot: Snapshot, key: StatusKey) -> list[LatestCheck]:
    """The latest check per kind (the unit's own and supplier-wide ones), in kind order."""
    latest_by_kind = {}
    for check in sorted(snapshot.checks_of(key.supplier), key=lambda c: (c.performed_on, c.pk)):
        if key.unit is not None and check.unit_id not in (None, key.unit.pk):
            continue
        latest_by_kind[check.kind] = check
    order = {k: i for i, k in enumerate(CheckKind.values)}
    return [
        LatestCheck.of(c, snapshot.on)
        for c in sorted(latest_by_kind.values(), key=lambda c: order.get(c.kind, 99))
    ]


def evaluate(snapshot: Snapshot, key: StatusKey) -> CallOffStatus:
    """The status of one key: every rule's reasons, in table order, from the snapshot only."""
    result = CallOffStatus(key=key, on=snapshot.on, contract=snapshot.contract_for(key))
    for rule in RULES:
        result.reasons.extend(rule(snapshot, key))
    result.exclusions = [ExclusionInfo.of(e, snapshot.on) for e in snapshot.exclusions_for(key)]
    result.latest_checks = latest_checks_shown(snapshot, key)
    return result
