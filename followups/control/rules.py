"""What each kind of control rule makes due on a date.

Every evaluator reads with a fixed number of queries, whatever the number of
agreements, contracts or suppliers, so the daily sweep stays cheap as the register grows.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Count, Exists, Max, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from suppliers.models import (
    Board,
    Contract,
    ContractStatus,
    Exclusion,
    FrameworkAgreement,
    Supplier,
)

from ..models import (
    CheckKind,
    ControlRule,
    Finding,
    FindingStatus,
    FollowUp,
    FollowUpKind,
    FollowUpPlan,
    FollowUpStatus,
    PlanStatus,
    RuleKind,
)
from ..planning.coverage import special_coverage
from .periods import add_months, board_period_start, period_of


@dataclass(frozen=True)
class Due:
    """One occurrence of a rule that has fallen due for one subject."""

    model: type
    object_id: int
    period_key: str
    title: str
    due_date: datetime.date
    agreement_id: int | None = None
    assigned_to_id: int | None = None


Evaluator = Callable[[ControlRule, datetime.date], Iterable[Due]]
EVALUATORS: dict[str, Evaluator] = {}


def evaluator(kind: str):
    def register(func: Evaluator) -> Evaluator:
        EVALUATORS[kind] = func
        return func

    return register


def rule_agreement_ids(rule: ControlRule) -> list[int]:
    """The agreements a rule names (prefetched by the sweep); empty means all."""
    return [a.pk for a in rule.agreements.all()]


def _agreements(rule: ControlRule, on: datetime.date, *, ivo_only: bool = False):
    """Agreements in their period on the date that the rule applies to."""
    qs = FrameworkAgreement.objects.filter(start_date__lte=on).filter(
        Q(option_end_date__gte=on) | Q(option_end_date__isnull=True, end_date__gte=on)
    )
    ids = rule_agreement_ids(rule)
    if ids:
        qs = qs.filter(pk__in=ids)
    elif ivo_only:
        qs = qs.filter(requires_ivo_permit=True)
    return qs


def _assignee(rule: ControlRule, owner_id: int | None) -> int | None:
    return rule.responsible_id or owner_id


def _round(rule: ControlRule, on: datetime.date, title: str) -> list[Due]:
    """One round per agreement with active contracts, per period of the rule's interval."""
    period = period_of(on, rule.interval_months or 6)
    agreements = (
        _agreements(rule, on, ivo_only=True)
        .annotate(active=Count("contracts", filter=Q(contracts__status=ContractStatus.ACTIVE)))
        .filter(active__gt=0)
        .values_list("pk", "name", "owner_id")
    )
    return [
        Due(
            model=FrameworkAgreement,
            object_id=pk,
            period_key=period.key,
            title=title % {"period": period.label, "agreement": name},
            due_date=period.end,
            agreement_id=pk,
            assigned_to_id=_assignee(rule, owner_id),
        )
        for pk, name, owner_id in agreements
    ]


@evaluator(RuleKind.IVO_REVIEW)
def ivo_review(rule, on):
    return _round(rule, on, _("IVO review %(period)s, %(agreement)s"))


@evaluator(RuleKind.CRIMINAL_RECORD)
def criminal_record(rule, on):
    return _round(rule, on, _("Criminal-record check %(period)s, %(agreement)s"))


@evaluator(RuleKind.CREDIT_CHECK)
def credit_check(rule, on):
    """Suppliers with an active contract whose latest credit check is older than the interval."""
    interval = rule.interval_months or 12
    contracts = Contract.objects.filter(status=ContractStatus.ACTIVE, supplier=OuterRef("pk"))
    ids = rule_agreement_ids(rule)
    if ids:
        contracts = contracts.filter(agreement_id__in=ids)
    suppliers = (
        Supplier.objects.filter(Exists(contracts))
        .annotate(last=Max("checks__performed_on", filter=Q(checks__kind=CheckKind.CREDIT)))
        .filter(Q(last__isnull=True) | Q(last__lte=add_months(on, -interval)))
        .values_list("pk", "name", "last")
    )
    dues = []
    for pk, name, last in suppliers:
        due = add_months(last, interval) if last else on
        dues.append(
            Due(
                model=Supplier,
                object_id=pk,
                # One reminder per interval-long period, however many days it stays undone.
                period_key=period_of(due, interval).key,
                title=_("Credit check of %(supplier)s") % {"supplier": name},
                due_date=due,
                assigned_to_id=rule.responsible_id,
            )
        )
    return dues


@evaluator(RuleKind.AGREEMENT_ENDING)
def agreement_ending(rule, on):
    """Warn `lead_months` before the end date and before the end date including option."""
    horizon = add_months(on, rule.lead_months)
    qs = FrameworkAgreement.objects.filter(
        Q(end_date__gte=on, end_date__lte=horizon)
        | Q(option_end_date__gte=on, option_end_date__lte=horizon)
    )
    ids = rule_agreement_ids(rule)
    if ids:
        qs = qs.filter(pk__in=ids)
    dues = []
    for pk, name, end, option_end, owner_id in qs.values_list(
        "pk", "name", "end_date", "option_end_date", "owner_id"
    ):
        for day, title in (
            (end, _("The agreement period of %(agreement)s ends %(date)s")),
            (option_end, _("The agreement period of %(agreement)s including option ends %(date)s")),
        ):
            if day and on <= day <= horizon and not (day == end and option_end == end):
                dues.append(
                    Due(
                        model=FrameworkAgreement,
                        object_id=pk,
                        period_key=f"end:{day:%Y-%m-%d}",
                        title=title % {"agreement": name, "date": f"{day:%Y-%m-%d}"},
                        due_date=day,
                        agreement_id=pk,
                        assigned_to_id=_assignee(rule, owner_id),
                    )
                )
    return dues


@evaluator(RuleKind.EXCLUSION_REVIEW)
def exclusion_review(rule, on):
    """Exclusions still in force whose review date has come."""
    qs = Exclusion.objects.filter(lifted_on__isnull=True, review_date__lte=on)
    ids = rule_agreement_ids(rule)
    if ids:
        qs = qs.filter(Q(contract__agreement_id__in=ids) | Q(contract__isnull=True))
    return [
        Due(
            model=Exclusion,
            object_id=pk,
            period_key=f"review:{review:%Y-%m-%d}",
            title=_("Review the exclusion of %(supplier)s") % {"supplier": supplier},
            due_date=review,
            agreement_id=agreement_id,
            assigned_to_id=_assignee(rule, owner_id),
        )
        for pk, review, supplier, agreement_id, owner_id in qs.values_list(
            "pk",
            "review_date",
            "supplier__name",
            "contract__agreement_id",
            "contract__agreement__owner_id",
        )
    ]


def _board_dues(rule, on, *, report: bool) -> list[Due]:
    dues = []
    for board in Board.objects.all():
        current = board_period_start(on, board.report_period_start_month)
        if report:
            # The report on the previous reporting year is due three months after it ended.
            start = add_months(current, -12)
            due = add_months(current, 3) - datetime.timedelta(days=1)
            label = str(start.year) if start.month == 1 else f"{start.year}/{start.year + 1}"
            title = _("Yearly report %(period)s to %(board)s")
        else:
            # The plan for the next reporting year is due before that year starts.
            start = add_months(current, 12)
            due = start - datetime.timedelta(days=1)
            label = str(start.year) if start.month == 1 else f"{start.year}/{start.year + 1}"
            title = _("Follow-up plan %(period)s to %(board)s")
            # An accepted plan for that year is the reminder done.
            if FollowUpPlan.objects.filter(
                board=board, year=start.year, status=PlanStatus.ACCEPTED
            ).exists():
                continue
        if add_months(due, -rule.lead_months) <= on <= due:
            dues.append(
                Due(
                    model=Board,
                    object_id=board.pk,
                    period_key=label,
                    title=title % {"period": label, "board": board.name},
                    due_date=due,
                    assigned_to_id=rule.responsible_id,
                )
            )
    return dues


@evaluator(RuleKind.YEARLY_PLAN)
def yearly_plan(rule, on):
    return _board_dues(rule, on, report=False)


@evaluator(RuleKind.YEARLY_REPORT)
def yearly_report(rule, on):
    return _board_dues(rule, on, report=True)


@evaluator(RuleKind.SPECIAL_FOLLOWUP)
def special_followup(rule, on):
    """Agreements within `lead_months` of their final end with no special follow-up done or
    planned in their period (the coverage rule, read from its one home)."""
    horizon = add_months(on, rule.lead_months)
    qs = _agreements(rule, on).filter(
        Q(option_end_date__lte=horizon) | Q(option_end_date__isnull=True, end_date__lte=horizon)
    )
    dues = []
    for row in special_coverage(agreements=qs, on=on):
        if not row.is_lacking:
            continue
        a, final = row.agreement, row.period_end
        dues.append(
            Due(
                model=FrameworkAgreement,
                object_id=a.pk,
                period_key=f"period:{final:%Y-%m-%d}",
                title=_("No special follow-up yet in the period of %(agreement)s (ends %(date)s)")
                % {"agreement": a.name, "date": f"{final:%Y-%m-%d}"},
                due_date=final,
                agreement_id=a.pk,
                assigned_to_id=_assignee(rule, a.owner_id),
            )
        )
    return dues


@evaluator(RuleKind.IN_DEPTH)
def in_depth(rule, on):
    """Suppliers with an active contract and no in-depth follow-up within the interval."""
    interval = rule.interval_months or 36
    contracts = Contract.objects.filter(status=ContractStatus.ACTIVE, supplier=OuterRef("pk"))
    ids = rule_agreement_ids(rule)
    if ids:
        contracts = contracts.filter(agreement_id__in=ids)
    recent = FollowUp.objects.filter(kind=FollowUpKind.IN_DEPTH, suppliers=OuterRef("pk")).filter(
        Q(status__in=[FollowUpStatus.PLANNED, FollowUpStatus.ONGOING])
        | Q(completed_on__gt=add_months(on, -interval))
    )
    period = period_of(on, interval)
    return [
        Due(
            model=Supplier,
            object_id=pk,
            period_key=period.key,
            title=_("In-depth follow-up of %(supplier)s") % {"supplier": name},
            due_date=period.end,
            assigned_to_id=rule.responsible_id,
        )
        for pk, name in Supplier.objects.filter(Exists(contracts))
        .filter(~Exists(recent))
        .values_list("pk", "name")
    ]


def _findings(rule):
    qs = Finding.objects.all()
    ids = rule_agreement_ids(rule)
    if ids:
        qs = qs.filter(followup__agreement_id__in=ids)
    return qs


def _short(text: str, length: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "…"


@evaluator(RuleKind.ACTION_PLAN_OVERDUE)
def action_plan_overdue(rule, on):
    """Findings whose action plan deadline has passed without verification."""
    qs = _findings(rule).filter(
        status=FindingStatus.ACTION_PLAN_RECEIVED, action_plan_deadline__lt=on
    )
    return [
        Due(
            model=Finding,
            object_id=pk,
            period_key=f"deadline:{deadline:%Y-%m-%d}",
            title=_("Action plan past its deadline: %(supplier)s, %(finding)s")
            % {"supplier": supplier, "finding": _short(description)},
            due_date=deadline,
            agreement_id=agreement_id,
            assigned_to_id=_assignee(rule, responsible_id),
        )
        for pk, deadline, supplier, description, agreement_id, responsible_id in qs.values_list(
            "pk",
            "action_plan_deadline",
            "supplier__name",
            "description",
            "followup__agreement_id",
            "followup__responsible_id",
        )
    ]


@evaluator(RuleKind.FEEDBACK_OVERDUE)
def feedback_overdue(rule, on):
    """Open findings recorded more than `grace_days` ago with no feedback to the supplier."""
    days = rule.grace_days or 30
    recorded = Finding.history.model.objects.filter(id=OuterRef("pk"), history_type="+").values(
        "history_date"
    )[:1]
    qs = _findings(rule).filter(status=FindingStatus.OPEN).annotate(recorded=Subquery(recorded))
    dues = []
    for pk, when, supplier, description, agreement_id, responsible_id in qs.values_list(
        "pk",
        "recorded",
        "supplier__name",
        "description",
        "followup__agreement_id",
        "followup__responsible_id",
    ):
        if when is None:
            continue
        due = timezone.localdate(when) + datetime.timedelta(days=days)
        if due <= on:
            dues.append(
                Due(
                    model=Finding,
                    object_id=pk,
                    period_key="feedback",
                    title=_("Give feedback on the finding: %(supplier)s, %(finding)s")
                    % {"supplier": supplier, "finding": _short(description)},
                    due_date=due,
                    agreement_id=agreement_id,
                    assigned_to_id=_assignee(rule, responsible_id),
                )
            )
    return dues


def evaluate(rule: ControlRule, on: datetime.date) -> list[Due]:
    """What the rule makes due on the date; kinds without an evaluator yet make nothing."""
    func = EVALUATORS.get(rule.kind)
    return list(func(rule, on)) if func else []
