"""Writes of the scheduled controls: the sweep, work item status, control rounds, seeding."""

import datetime
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from followups.control.rules import evaluate
from followups.models import (
    Check,
    CheckKind,
    CheckResult,
    ControlRoundRow,
    ControlRule,
    RuleKind,
    WorkItem,
    WorkItemStatus,
)
from suppliers.models import Contract, FrameworkAgreement, Representative
from uppfoljning.core.errors import DomainError
from uppfoljning.core.services import check_transition, save_with_history

logger = logging.getLogger(__name__)


# --- The sweep ---------------------------------------------------------------------------


@dataclass
class SweepResult:
    on: datetime.date
    created: int = 0
    rules: int = 0
    failed: list[str] = field(default_factory=list)


class SweepIncomplete(Exception):
    """Some rules could not be evaluated; what the others made due is kept."""


@transaction.atomic
def _sweep_rule(rule: ControlRule, on: datetime.date) -> int:
    dues = evaluate(rule, on)
    if not dues:
        return 0
    types = {d.model: ContentType.objects.get_for_model(d.model) for d in dues}
    keys = {d.period_key for d in dues}
    existing = set(
        WorkItem.objects.filter(rule=rule, period_key__in=keys).values_list(
            "content_type_id", "object_id", "period_key"
        )
    )
    new = [
        WorkItem(
            rule=rule,
            content_type=types[d.model],
            object_id=d.object_id,
            period_key=d.period_key,
            title=d.title[:300],
            due_date=d.due_date,
            agreement_id=d.agreement_id,
            assigned_to_id=d.assigned_to_id,
        )
        for d in dues
        if (types[d.model].pk, d.object_id, d.period_key) not in existing
    ]
    if not new:
        return 0
    reason = _("Made due by the rule “%(rule)s”") % {"rule": rule.name}
    try:
        with transaction.atomic():
            bulk_create_with_history(new, WorkItem, default_change_reason=reason)
        return len(new)
    except IntegrityError:
        # Another sweep created some of them meanwhile: the constraint keeps one of each.
        created = 0
        for item in new:
            item.pk = None
            try:
                with transaction.atomic():
                    item._change_reason = reason
                    item.save()
                    created += 1
            except IntegrityError:
                continue
        return created


def sweep(*, on: datetime.date | None = None, rule_ids: list[int] | None = None) -> SweepResult:
    """Evaluate every active rule on a date and create the work items not yet there.

    Each rule is written in its own transaction, so an interrupted sweep keeps what it
    finished and the next run (which skips what exists) completes the set. Raises
    SweepIncomplete after trying every rule if any failed, so a task retries.
    """
    on = on or timezone.localdate()
    result = SweepResult(on=on)
    rules = ControlRule.objects.filter(active=True).prefetch_related("agreements")
    if rule_ids is not None:
        rules = rules.filter(pk__in=rule_ids)
    # Titles are stored text that strategists read: write them in the site's language.
    with translation.override(settings.LANGUAGE_CODE):
        for rule in rules:
            result.rules += 1
            try:
                result.created += _sweep_rule(rule, on)
            except Exception:
                logger.exception("Control rule %s failed on %s", rule.code, on)
                result.failed.append(rule.code)
    if result.failed:
        raise SweepIncomplete(", ".join(result.failed))
    return result


# --- Work items --------------------------------------------------------------------------


@transaction.atomic
def work_item_set_status(
    *, item: WorkItem, status: str, user=None, note: str = "", on: datetime.date | None = None
) -> WorkItem:
    """Mark a work item done or dismissed, or reopen it."""
    item = WorkItem.objects.select_for_update().get(pk=item.pk)
    if status == item.status:
        return item
    check_transition(item, status, _("This work item cannot be changed that way."))
    if status == WorkItemStatus.DISMISSED and not note.strip():
        raise DomainError(_("Say why the work item is dismissed."))
    item.status = status
    item.closed_on = None if status == WorkItemStatus.OPEN else (on or timezone.localdate())
    if note:
        item.note = note
    save_with_history(item, user=user, reason=WorkItemStatus(status).label, validate=False)
    return item


# --- Control rounds ----------------------------------------------------------------------


@dataclass
class RoundTarget:
    """One line of a control round's table."""

    contract: Contract
    representative: Representative | None = None
    row: ControlRoundRow | None = None

    @property
    def key(self) -> str:
        rep = self.representative.pk if self.representative else 0
        return f"{self.contract.pk}-{rep}"


def round_targets(item: WorkItem, *, on: datetime.date | None = None) -> list[RoundTarget]:
    """The lines of a round: every active contract of the agreement (or its representatives)."""
    on = on or timezone.localdate()
    contracts = list(
        Contract.objects.filter(agreement_id=item.object_id, status="active")
        .select_related("supplier", "agreement")
        .prefetch_related("units")
        .order_by("supplier__name")
    )
    rows = {
        (r.contract_id, r.representative_id or 0): r
        for r in item.round_rows.select_related("check_record", "contract__supplier")
    }
    # Contracts recorded in the round but ended since still show their line.
    recorded_contracts = {r.contract_id for r in rows.values()}
    missing = recorded_contracts - {c.pk for c in contracts}
    if missing:
        contracts += list(Contract.objects.filter(pk__in=missing).select_related("supplier"))
    targets = []
    if item.rule.kind == RuleKind.CRIMINAL_RECORD:
        reps: dict[int, list[Representative]] = {}
        for rep in Representative.objects.filter(
            supplier_id__in={c.supplier_id for c in contracts}
        ).order_by("name"):
            if rep.valid_to is None or rep.valid_to >= on:
                reps.setdefault(rep.supplier_id, []).append(rep)
        for contract in contracts:
            for rep in reps.get(contract.supplier_id, []):
                targets.append(RoundTarget(contract, rep, rows.get((contract.pk, rep.pk))))
    else:
        for contract in contracts:
            targets.append(RoundTarget(contract, None, rows.get((contract.pk, 0))))
    return targets


ROUND_CHECK_KIND = {
    RuleKind.IVO_REVIEW: CheckKind.IVO,
    RuleKind.CRIMINAL_RECORD: CheckKind.CRIMINAL_RECORD,
}


@dataclass
class RoundEntry:
    """What the strategist typed on one line of the round table."""

    key: str
    result: str
    performed_on: datetime.date
    reference: str = ""
    summary: str = ""


@transaction.atomic
def control_round_record(
    *, item: WorkItem, entries: list[RoundEntry], user, on: datetime.date | None = None
) -> list[ControlRoundRow]:
    """Record the lines of a control round as checks; the round is done when all are."""
    item = WorkItem.objects.select_for_update().select_related("rule").get(pk=item.pk)
    if item.rule.kind not in ROUND_CHECK_KIND:
        raise DomainError(_("This work item is not a control round."))
    if item.status != WorkItemStatus.OPEN:
        raise DomainError(_("The control round is closed; reopen it to record more."))
    targets = {t.key: t for t in round_targets(item, on=on)}
    kind = ROUND_CHECK_KIND[RuleKind(item.rule.kind)]
    created = []
    for entry in entries:
        target = targets.get(entry.key)
        if target is None:
            raise DomainError(_("A line of the round no longer exists; reload the page."))
        if target.row is not None or not entry.result:
            continue
        if entry.result not in CheckResult.values:
            raise DomainError(_("Choose a result."))
        check = Check(
            kind=kind,
            supplier_id=target.contract.supplier_id,
            representative=target.representative,
            agreement_id=target.contract.agreement_id,
            performed_on=entry.performed_on,
            performed_by=user,
            result=entry.result,
            # Criminal-record checks keep only the outcome and the registry reference.
            summary="" if kind == CheckKind.CRIMINAL_RECORD else entry.summary,
            reference=entry.reference,
        )
        check._change_reason = item.title
        check._history_user = user
        check.full_clean()
        check.save()
        row = ControlRoundRow(
            work_item=item,
            contract=target.contract,
            representative=target.representative,
            check_record=check,
        )
        row._history_user = user
        row.save()
        target.row = row
        created.append(row)
    if targets and all(t.row is not None for t in targets.values()):
        work_item_set_status(item=item, status=WorkItemStatus.DONE, user=user, on=on)
    return created


# --- Seeding -----------------------------------------------------------------------------

# The controls the documents prescribe (see shared/domain/004_… and 000_…). Agreements are
# matched by name when present; a round rule without agreements covers every agreement
# that requires an IVO permit.
SEED_RULES = [
    {
        "code": "ivo-review",
        "name": "IVO-kontroll av HVB barn och unga och Stödboende för ungdomar",
        "kind": RuleKind.IVO_REVIEW,
        "interval_months": 6,
        "agreement_names": ["HVB barn och unga", "Stödboende för ungdomar"],
        "source": "Uppföljning av privata utförare 2024: två gånger per år",
    },
    {
        "code": "criminal-record-hvb",
        "name": "Kontroll av belastningsregister för företrädare för HVB",
        "kind": RuleKind.CRIMINAL_RECORD,
        "interval_months": 6,
        "agreement_names": ["HVB"],
        "source": "Plan 2025: halvårsvis kontroll av företrädare",
    },
    {
        "code": "credit-check",
        "name": "Kreditupplysning för leverantörer med aktivt avtal",
        "kind": RuleKind.CREDIT_CHECK,
        "interval_months": 12,
        "source": "Löpande kreditbevakning; minst årligen där bevakning saknas",
    },
    {
        "code": "special-followup",
        "name": "Särskild uppföljning av varje ramavtal under avtalsperioden",
        "kind": RuleKind.SPECIAL_FOLLOWUP,
        "lead_months": 12,
        "source": "Uppföljning av privata utförare 2024",
    },
    {
        "code": "agreement-ending",
        "name": "Avtalsperioden löper ut",
        "kind": RuleKind.AGREEMENT_ENDING,
        "lead_months": 9,
        "source": "Tid för ny upphandling eller förlängning",
    },
    {
        "code": "in-depth",
        "name": "Fördjupad uppföljning av varje utförare vart tredje år",
        "kind": RuleKind.IN_DEPTH,
        "interval_months": 36,
        "active": False,
        "source": "Program för uppföljning av privata utförare",
    },
    {
        "code": "action-plan-overdue",
        "name": "Åtgärdsplan har passerat sin tidsfrist",
        "kind": RuleKind.ACTION_PLAN_OVERDUE,
    },
    {
        "code": "exclusion-review",
        "name": "Uteslutning från avrop ska omprövas",
        "kind": RuleKind.EXCLUSION_REVIEW,
    },
    {
        "code": "feedback-overdue",
        "name": "Återkoppling på brist inte lämnad inom 30 dagar",
        "kind": RuleKind.FEEDBACK_OVERDUE,
        "grace_days": 30,
    },
    {
        "code": "yearly-plan",
        "name": "Plan för uppföljning av privata utförare",
        "kind": RuleKind.YEARLY_PLAN,
        "lead_months": 3,
    },
    {
        "code": "yearly-report",
        "name": "Årsrapport: Uppföljning av privata utförare",
        "kind": RuleKind.YEARLY_REPORT,
        "lead_months": 2,
    },
]


@transaction.atomic
def seed_control_rules(*, user=None) -> list[ControlRule]:
    """Create the prescribed rules that are missing; link agreements by name once."""
    rules = []
    for spec in SEED_RULES:
        spec = dict(spec)
        names = spec.pop("agreement_names", [])
        code = spec.pop("code")
        rule = ControlRule.objects.filter(code=code).first()
        if rule is None:
            rule = ControlRule(code=code, **spec)
            rule._change_reason = _("Prescribed by the plans")
            if user is not None:
                rule._history_user = user
            rule.save()
        if names and not rule.agreements.exists():
            matching = [
                a.pk
                for a in FrameworkAgreement.objects.all()
                if any(n.lower() in a.name.lower() for n in names)
            ]
            if matching:
                rule.agreements.set(matching)
        rules.append(rule)
    return rules
