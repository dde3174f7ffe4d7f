"""THE REFERENCE the call-off rule table is proved against: a frozen copy of the call-off
status code as it was before the rules became a table (`git show aa664ba:suppliers/calloff.py`,
plus `evaluate_call_off` of `aa664ba:suppliers/selectors.py`).

Only tests/followups/calloff/test_rules_equivalence.py uses it: random histories are evaluated
both by this code and by followups.calloff, and must give the same answers. The only edits to
the copy: relative imports made absolute, the module docstring shortened, and the old loader
appended (without the reason providers: the follow-up reasons are not part of the random
histories). Do not change it to make a test pass; it is the old behaviour, frozen.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from typing import Any, NamedTuple

from dateutil.relativedelta import relativedelta
from django.urls import NoReverseMatch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

BLOCKED = "blocked"
CAUTION = "caution"
CLEAR = "clear"
LEVEL_ORDER = {CLEAR: 0, CAUTION: 1, BLOCKED: 2}
LEVEL_LABELS = {
    BLOCKED: gettext_lazy("Blocked"),
    CAUTION: gettext_lazy("Caution"),
    CLEAR: gettext_lazy("Clear"),
}
RECENT_END_MONTHS = 12


@dataclass(frozen=True)
class Reason:
    """Why a status is blocked or caution: a rule code, its text, date and source."""

    level: str  # BLOCKED or CAUTION
    code: str
    text: str
    date: datetime.date | None = None
    source: str = ""  # what says so, e.g. "Uteslutning SCN-2024-00112"
    source_url: str = ""

    @property
    def level_label(self) -> str:
        return str(LEVEL_LABELS[self.level])

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["date"] = self.date.isoformat() if self.date else None
        data["level_label"] = self.level_label
        return data


class StatusKey(NamedTuple):
    """What is evaluated: a supplier (unit None) or one of its units, within an agreement."""

    supplier: Any
    unit: Any
    agreement: Any


@dataclass
class LatestCheck:
    kind: str
    kind_label: str
    check_id: int
    performed_on: datetime.date
    result: str
    result_label: str
    age_days: int
    summary: str
    reference: str
    unit_name: str = ""

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["performed_on"] = self.performed_on.isoformat()
        return data


@dataclass
class ExclusionInfo:
    exclusion_id: int
    reason: str
    reason_label: str
    description: str
    start_date: datetime.date
    review_date: datetime.date | None
    decision_reference: str
    scope: str  # "supplier" or "contract"

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["start_date"] = self.start_date.isoformat()
        data["review_date"] = self.review_date.isoformat() if self.review_date else None
        return data


@dataclass
class CallOffStatus:
    """The status of one supplier or unit within one agreement on one date."""

    key: StatusKey
    on: datetime.date
    contract: Any = None
    reasons: list[Reason] = field(default_factory=list)
    latest_checks: list[LatestCheck] = field(default_factory=list)
    exclusions: list[ExclusionInfo] = field(default_factory=list)

    @property
    def supplier(self):
        return self.key.supplier

    @property
    def unit(self):
        return self.key.unit

    @property
    def agreement(self):
        return self.key.agreement

    @property
    def rank(self):
        return self.contract.rank if self.contract else None

    @property
    def level(self) -> str:
        if not self.reasons:
            return CLEAR
        return max((r.level for r in self.reasons), key=LEVEL_ORDER.__getitem__)

    @property
    def level_label(self) -> str:
        return str(LEVEL_LABELS[self.level])

    @property
    def blocked_reasons(self) -> list[Reason]:
        return [r for r in self.reasons if r.level == BLOCKED]

    @property
    def caution_reasons(self) -> list[Reason]:
        return [r for r in self.reasons if r.level == CAUTION]

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready answer; the API returns it and a PlacementCheck freezes it."""
        supplier, unit, agreement = self.key
        return {
            "date": self.on.isoformat(),
            "level": self.level,
            "level_label": self.level_label,
            "supplier": {
                "id": supplier.pk,
                "name": supplier.name,
                "org_number": supplier.org_number,
            },
            "unit": {"id": unit.pk, "name": unit.name} if unit else None,
            "agreement": {
                "id": agreement.pk,
                "name": agreement.name,
                "reference": agreement.reference,
            },
            "contract": (
                {
                    "id": self.contract.pk,
                    "rank": self.contract.rank,
                    "status": self.contract.status,
                    "status_label": str(self.contract.get_status_display()),
                }
                if self.contract
                else None
            ),
            "reasons": [r.as_dict() for r in self.reasons],
            "latest_checks": [c.as_dict() for c in self.latest_checks],
            "exclusions": [e.as_dict() for e in self.exclusions],
        }


ReasonProvider = Callable[..., dict[StatusKey, list[Reason]]]
_providers: list[ReasonProvider] = []


def register_reason_provider(func: ReasonProvider) -> ReasonProvider:
    """Add a source of extra reasons (see the module docstring). Usable as a decorator."""
    if func not in _providers:
        _providers.append(func)
    return func


def unregister_reason_provider(func: ReasonProvider) -> None:
    if func in _providers:
        _providers.remove(func)


def reason_providers() -> list[ReasonProvider]:
    return list(_providers)


def check_is_current(performed_on: datetime.date, interval_months: int, on: datetime.date):
    """A check made on D is current through D + interval months (inclusive)."""
    return on <= performed_on + relativedelta(months=interval_months)


def contract_active_on(contract, on: datetime.date) -> bool:
    """Active on the date: begun, and not ended (an end date is the first day not active)."""
    from suppliers.models import ContractStatus

    if contract.start_date and contract.start_date > on:
        return False
    if contract.status == ContractStatus.ACTIVE:
        return True
    return bool(contract.ended_on and contract.ended_on > on)


def apply_providers(results: Iterable[CallOffStatus], on: datetime.date) -> None:
    results = list(results)
    if not results or not _providers:
        return
    by_key = {r.key: r for r in results}
    for provider in _providers:
        extra = provider(pairs=list(by_key), on=on) or {}
        for key, reasons in extra.items():
            if key in by_key:
                by_key[key].reasons.extend(reasons)


def _text(fmt: str, **kwargs) -> str:
    return fmt % kwargs if kwargs else fmt


def exclusion_reason(exclusion) -> Reason:
    if exclusion.contract_id:
        text = _("Excluded from call-offs in this agreement: %(reason)s.")
    else:
        text = _("The supplier is excluded from call-offs in all agreements: %(reason)s.")
    review = (
        " " + _("Review date %(date)s.") % {"date": exclusion.review_date.isoformat()}
        if exclusion.review_date
        else ""
    )
    return Reason(
        BLOCKED,
        "exclusion",
        _text(text, reason=exclusion.get_reason_display()) + review,
        exclusion.start_date,
        _("Exclusion %(reference)s") % {"reference": exclusion.decision_reference},
        exclusion.get_absolute_url(),
    )


@dataclass
class EvaluationData:
    """Rows fetched once for all keys being evaluated (see selectors.evaluate_call_off)."""

    contracts: list
    units_by_supplier: dict
    exclusions: list
    latest_checks: list

    def __post_init__(self):
        self.contract_by_pair = {(c.supplier_id, c.agreement_id): c for c in self.contracts}
        self.contracts_by_supplier: dict[int, list] = {}
        for c in self.contracts:
            self.contracts_by_supplier.setdefault(c.supplier_id, []).append(c)
        self.checks_by_supplier: dict[int, list] = {}
        for check in self.latest_checks:
            self.checks_by_supplier.setdefault(check.supplier_id, []).append(check)


def _latest(checks, kind, unit_id=None, *, unit_scoped=False):
    """The newest check of a kind; unit-scoped: the unit's own or supplier-wide ones."""
    candidates = [
        c
        for c in checks
        if c.kind == kind and (not unit_scoped or c.unit_id is None or c.unit_id == unit_id)
    ]
    return max(candidates, key=lambda c: (c.performed_on, c.pk), default=None)


def _latest_check_info(check, on) -> LatestCheck:
    return LatestCheck(
        kind=check.kind,
        kind_label=str(check.get_kind_display()),
        check_id=check.pk,
        performed_on=check.performed_on,
        result=check.result,
        result_label=str(check.get_result_display()),
        age_days=(on - check.performed_on).days,
        summary=check.summary,
        reference=check.reference,
        unit_name=check.unit.name if check.unit_id else "",
    )


def _url(obj) -> str:
    # The check pages belong to the follow-up app and may not be mounted yet.
    try:
        return obj.get_absolute_url()
    except NoReverseMatch:
        return ""


def _check_source(check) -> str:
    label = _("%(kind)s check %(date)s") % {
        "kind": check.get_kind_display(),
        "date": check.performed_on.isoformat(),
    }
    return f"{label} ({check.reference})" if check.reference else label


def _unit_reasons(unit, agreement, checks, on) -> list[Reason]:
    """Permit and IVO-check rules for one unit (all of them blocked or caution as stated)."""
    from followups.models import CheckKind
    from suppliers.models import IvoPermitStatus

    reasons = []
    if agreement.requires_ivo_permit:
        status = unit.ivo_permit_status
        if status in (IvoPermitStatus.MISSING, IvoPermitStatus.REVOKED, IvoPermitStatus.APPLIED):
            texts = {
                IvoPermitStatus.MISSING: _(
                    "The agreement requires an IVO permit; %(unit)s has none."
                ),
                IvoPermitStatus.REVOKED: _(
                    "The agreement requires an IVO permit; the permit of %(unit)s is revoked."
                ),
                IvoPermitStatus.APPLIED: _(
                    "The agreement requires an IVO permit; %(unit)s has applied but has no "
                    "permit yet."
                ),
            }
            reasons.append(
                Reason(
                    BLOCKED,
                    "ivo_permit_missing",
                    texts[status] % {"unit": unit.name},
                    None,
                    _("Register: unit %(unit)s") % {"unit": unit.name},
                    unit.get_absolute_url(),
                )
            )
    ivo = _latest(checks, CheckKind.IVO, unit.pk, unit_scoped=True)
    reasons.extend(_ivo_check_reasons(ivo, agreement, on, unit_name=unit.name))
    return reasons


def _ivo_check_reasons(ivo, agreement, on, unit_name="") -> list[Reason]:
    from followups.models import CheckResult

    subject = unit_name or _("the supplier")
    if ivo is None:
        if not agreement.requires_ivo_permit:
            return []
        return [
            Reason(
                CAUTION,
                "ivo_check_missing",
                _("No IVO check of %(subject)s is recorded.") % {"subject": subject},
            )
        ]
    if ivo.result == CheckResult.SERIOUS:
        return [
            Reason(
                BLOCKED,
                "ivo_check_serious",
                _("The latest IVO check of %(subject)s found serious problems.")
                % {"subject": subject},
                ivo.performed_on,
                _check_source(ivo),
                _url(ivo),
            )
        ]
    reasons = []
    # What IVO's Placeringsstöd showed counts even if the register is not yet updated.
    if agreement.requires_ivo_permit and ivo.ivo_permit_status in ("missing", "revoked"):
        reasons.append(
            Reason(
                BLOCKED,
                "ivo_check_no_permit",
                _("The latest IVO check of %(subject)s shows: %(permit)s.")
                % {"subject": subject, "permit": ivo.get_ivo_permit_status_display().lower()},
                ivo.performed_on,
                _check_source(ivo),
                _url(ivo),
            )
        )
    if ivo.ivo_open_supervision:
        reasons.append(
            Reason(
                CAUTION,
                "ivo_open_supervision",
                _("IVO has an open supervision case concerning %(subject)s.")
                % {"subject": subject},
                ivo.performed_on,
                _check_source(ivo),
                _url(ivo),
            )
        )
    if ivo.result == CheckResult.REMARK:
        reasons.append(
            Reason(
                CAUTION,
                "ivo_check_remark",
                _("The latest IVO check of %(subject)s has a remark.") % {"subject": subject},
                ivo.performed_on,
                _check_source(ivo),
                _url(ivo),
            )
        )
    interval = agreement.ivo_check_interval_months
    if agreement.requires_ivo_permit and not check_is_current(ivo.performed_on, interval, on):
        reasons.append(
            Reason(
                CAUTION,
                "ivo_check_old",
                _(
                    "The latest IVO check of %(subject)s is older than %(months)s months "
                    "(due %(due)s)."
                )
                % {
                    "subject": subject,
                    "months": interval,
                    "due": (ivo.performed_on + relativedelta(months=interval)).isoformat(),
                },
                ivo.performed_on,
                _check_source(ivo),
                _url(ivo),
            )
        )
    return reasons


def evaluate(key: StatusKey, *, on: datetime.date, data: EvaluationData) -> CallOffStatus:
    """Apply the rules of the module docstring to one key, using prefetched rows only."""
    from followups.models import CheckKind, CheckResult
    from suppliers.models import ContractStatus

    supplier, unit, agreement = key
    result = CallOffStatus(key=key, on=on)
    reasons = result.reasons
    checks = data.checks_by_supplier.get(supplier.pk, [])
    contract = data.contract_by_pair.get((supplier.pk, agreement.pk))
    result.contract = contract

    # Agreement period, option included; both ends inclusive.
    if on < agreement.start_date:
        reasons.append(
            Reason(
                BLOCKED,
                "agreement_not_started",
                _("The agreement period has not begun; it starts %(date)s.")
                % {"date": agreement.start_date.isoformat()},
                agreement.start_date,
                _("Agreement %(reference)s") % {"reference": agreement.reference},
                agreement.get_absolute_url(),
            )
        )
    elif on > agreement.final_end_date:
        reasons.append(
            Reason(
                BLOCKED,
                "agreement_ended",
                _("The agreement period, option included, ended %(date)s.")
                % {"date": agreement.final_end_date.isoformat()},
                agreement.final_end_date,
                _("Agreement %(reference)s") % {"reference": agreement.reference},
                agreement.get_absolute_url(),
            )
        )

    # The contract.
    agreement_source = _("Agreement %(reference)s") % {"reference": agreement.reference}
    if contract is None:
        reasons.append(
            Reason(
                BLOCKED,
                "no_contract",
                _("The supplier has no contract in this agreement."),
                None,
                agreement_source,
                agreement.get_absolute_url(),
            )
        )
    elif contract.start_date and contract.start_date > on:
        reasons.append(
            Reason(
                BLOCKED,
                "contract_not_started",
                _("The contract starts %(date)s.") % {"date": contract.start_date.isoformat()},
                contract.start_date,
                _("Contract"),
                contract.get_absolute_url(),
            )
        )
    elif not contract_active_on(contract, on):
        reasons.append(
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
                " ".join(filter(None, [str(_("Contract")), contract.decision_reference])),
                contract.get_absolute_url(),
            )
        )

    # Exclusions of this contract or of the whole supplier, in force on the date.
    for exclusion in data.exclusions:
        if exclusion.supplier_id != supplier.pk:
            continue
        if exclusion.contract_id and (contract is None or exclusion.contract_id != contract.pk):
            continue
        reasons.append(exclusion_reason(exclusion))
        result.exclusions.append(
            ExclusionInfo(
                exclusion_id=exclusion.pk,
                reason=exclusion.reason,
                reason_label=str(exclusion.get_reason_display()),
                description=exclusion.description,
                start_date=exclusion.start_date,
                review_date=exclusion.review_date,
                decision_reference=exclusion.decision_reference,
                scope="contract" if exclusion.contract_id else "supplier",
            )
        )

    # Units: the permit and the IVO check.
    served = list(contract.units.all()) if contract is not None else []
    if unit is not None:
        if served and unit.pk not in {u.pk for u in served}:
            reasons.append(
                Reason(
                    BLOCKED,
                    "unit_not_in_contract",
                    _("%(unit)s is not among the units the contract serves.") % {"unit": unit.name},
                    None,
                    _("Contract"),
                    contract.get_absolute_url(),
                )
            )
        if unit.closed_on and unit.closed_on <= on:
            reasons.append(
                Reason(
                    BLOCKED,
                    "unit_closed",
                    _("%(unit)s closed %(date)s.")
                    % {"unit": unit.name, "date": unit.closed_on.isoformat()},
                    unit.closed_on,
                    _("Register: unit %(unit)s") % {"unit": unit.name},
                    unit.get_absolute_url(),
                )
            )
        reasons.extend(_unit_reasons(unit, agreement, checks, on))
    else:
        considered = [
            u
            for u in (served or data.units_by_supplier.get(supplier.pk, []))
            if not (u.closed_on and u.closed_on <= on)
        ]
        if considered:
            per_unit = [(u, _unit_reasons(u, agreement, checks, on)) for u in considered]
            usable = [u for u, rs in per_unit if not any(r.level == BLOCKED for r in rs)]
            for _u, unit_reasons in per_unit:
                for r in unit_reasons:
                    # One unusable unit does not block the supplier while another is usable.
                    if r.level == BLOCKED and usable:
                        r = Reason(CAUTION, r.code, r.text, r.date, r.source, r.source_url)
                    reasons.append(r)
        else:
            if agreement.requires_ivo_permit:
                reasons.append(
                    Reason(
                        BLOCKED,
                        "ivo_permit_missing",
                        _("The agreement requires an IVO permit; the supplier has no open unit."),
                        None,
                        _("Register: supplier %(name)s") % {"name": supplier.name},
                        supplier.get_absolute_url(),
                    )
                )
            reasons.extend(_ivo_check_reasons(_latest(checks, CheckKind.IVO), agreement, on))

    # Credit: about the company, whichever subject it was recorded on.
    credit = _latest(checks, CheckKind.CREDIT)
    if credit is not None and credit.result in (CheckResult.REMARK, CheckResult.SERIOUS):
        code = "credit_serious" if credit.result == CheckResult.SERIOUS else "credit_remark"
        text = (
            _("The latest credit check found serious problems.")
            if credit.result == CheckResult.SERIOUS
            else _("The latest credit check has a remark.")
        )
        reasons.append(
            Reason(
                CAUTION,
                code,
                text,
                credit.performed_on,
                _check_source(credit),
                _url(credit),
            )
        )

    # A contract in another agreement terminated or rescinded within the last 12 months.
    since = on - relativedelta(months=RECENT_END_MONTHS)
    for other in data.contracts_by_supplier.get(supplier.pk, []):
        if other.agreement_id == agreement.pk:
            continue
        if (
            other.status in (ContractStatus.TERMINATED, ContractStatus.RESCINDED)
            and other.ended_on
            and since <= other.ended_on <= on
        ):
            reasons.append(
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
                    " ".join(filter(None, [str(_("Contract")), other.decision_reference])),
                    other.get_absolute_url(),
                )
            )

    # Latest check per kind, for display (the unit's own and supplier-wide ones).
    latest_by_kind = {}
    for check in sorted(checks, key=lambda c: (c.performed_on, c.pk)):
        if unit is not None and check.unit_id not in (None, unit.pk):
            continue
        latest_by_kind[check.kind] = check
    order = {k: i for i, k in enumerate(CheckKind.values)}
    result.latest_checks = [
        _latest_check_info(c, on)
        for c in sorted(latest_by_kind.values(), key=lambda c: order.get(c.kind, 99))
    ]
    return result


def legacy_evaluate_call_off(keys, *, on):
    """The old selectors.evaluate_call_off, verbatim but for the providers (see above)."""
    from collections import defaultdict

    from django.db.models import F, Window
    from django.db.models.functions import RowNumber

    from followups.models import Check, CheckKind
    from suppliers.models import Contract, Exclusion, Unit

    if not keys:
        return []
    supplier_ids = {k.supplier.pk for k in keys}
    contracts = list(
        Contract.objects.filter(supplier_id__in=supplier_ids)
        .select_related("agreement")
        .prefetch_related("units")
    )
    units_by_supplier = defaultdict(list)
    for u in Unit.objects.filter(supplier_id__in=supplier_ids).order_by("name", "pk"):
        units_by_supplier[u.supplier_id].append(u)
    exclusions = list(
        Exclusion.objects.active_on(on)
        .filter(supplier_id__in=supplier_ids)
        .order_by("start_date", "pk")
    )
    latest_checks = list(
        Check.objects.filter(supplier_id__in=supplier_ids, performed_on__lte=on)
        .exclude(kind=CheckKind.CRIMINAL_RECORD)
        .annotate(
            row=Window(
                RowNumber(),
                partition_by=[F("supplier_id"), F("unit_id"), F("kind")],
                order_by=[F("performed_on").desc(), F("pk").desc()],
            )
        )
        .filter(row=1)
        .select_related("unit")
    )
    context = EvaluationData(
        contracts=contracts,
        units_by_supplier=units_by_supplier,
        exclusions=exclusions,
        latest_checks=latest_checks,
    )
    return [evaluate(key, on=on, data=context) for key in keys]
