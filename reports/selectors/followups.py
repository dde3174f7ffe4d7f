"""Follow-up figures for a period: special follow-ups with their selection, methods, results
and findings; goal fulfilment; event-driven follow-ups; deviations; action plans."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from followups.cases.selectors import purchase_ranking
from followups.models import (
    ActionPlan,
    Assessment,
    Deviation,
    DeviationCategory,
    DeviationStatus,
    Finding,
    FollowUp,
    FollowUpKind,
    Rating,
)
from reports.periods import Period
from suppliers.selectors import by_purchases
from uppfoljning.core.formatting import format_date, format_percent

SPECIAL_KINDS = (FollowUpKind.SPECIAL, FollowUpKind.IN_DEPTH)


def followups_in_period(agreements, period: Period, kinds):
    """Follow-ups of these agreements that ran some time in the period.

    With the checks the public may see (visible_to(None)): board documents are public
    records once delivered, so they never name a criminal-record check beside a supplier."""
    return (
        FollowUp.objects.visible_to(None)
        .filter(agreement__in=agreements, kind__in=kinds)
        .filter(
            Q(started_on__lte=period.end)
            | Q(started_on__isnull=True, planned_start__lte=period.end)
        )
        .filter(
            Q(completed_on__isnull=True) | Q(completed_on__gte=period.start),
        )
        .filter(Q(started_on__isnull=False) | Q(planned_start__gte=period.start))
        .select_related("agreement", "responsible", "trigger_deviation")
        .prefetch_related(
            "suppliers",
            "surveys",
            "interviews",
            "documentrequests",
            "visits__unit",
            Prefetch(
                "findings",
                queryset=Finding.objects.select_related("supplier", "unit", "area", "exclusion")
                .prefetch_related(
                    Prefetch("action_plans", queryset=ActionPlan.objects.order_by("-received_on"))
                )
                .order_by("supplier__name", "pk"),
            ),
        )
        .order_by("agreement__name", "started_on", "pk")
    )


@dataclass
class SelectionRow:
    supplier: object
    amount: Decimal | None
    placements: int | None


@dataclass
class AreaResult:
    area: object
    counts: Counter = field(default_factory=Counter)
    comments: list = field(default_factory=list)

    @property
    def fulfilled(self):
        return self.counts[Rating.FULFILLED]

    @property
    def partly(self):
        return self.counts[Rating.PARTLY]

    @property
    def not_fulfilled(self):
        return self.counts[Rating.NOT_FULFILLED]

    @property
    def assessed(self):
        return self.fulfilled + self.partly + self.not_fulfilled


@dataclass
class SpecialFollowUp:
    followup: FollowUp
    selection: list = field(default_factory=list)
    methods: list = field(default_factory=list)
    areas: list = field(default_factory=list)
    findings: list = field(default_factory=list)

    @property
    def selection_label(self) -> str:
        f = self.followup
        if f.selection_start and f.selection_end:
            return f"{format_date(f.selection_start)} – {format_date(f.selection_end)}"
        return ""


@dataclass
class SpecialAgreement:
    agreement: object
    followups: list = field(default_factory=list)


@dataclass
class GoalFulfilment:
    agreement: object
    fulfilled: int = 0
    partly: int = 0
    not_fulfilled: int = 0
    not_assessed: int = 0

    @property
    def assessed(self) -> int:
        return self.fulfilled + self.partly + self.not_fulfilled

    @property
    def share(self):
        return None if not self.assessed else Decimal(100 * self.fulfilled) / self.assessed

    @property
    def share_text(self) -> str:
        return format_percent(self.share)


def _methods(f: FollowUp) -> list[str]:
    """The methods of a follow-up as the report lists them, with their numbers."""
    lines = []
    for s in f.surveys.all():
        lines.append(
            _("Survey to %(audience)s: %(answered)s of %(sent)s answered")
            % {
                "audience": s.get_audience_display().lower(),
                "answered": s.answered_count,
                "sent": s.sent_count,
            }
        )
    interviews = list(f.interviews.all())
    if interviews:
        people = sum(i.interviewee_count for i in interviews)
        line = ngettext(
            "%(count)s interview with staff", "%(count)s interviews with staff", len(interviews)
        ) % {"count": len(interviews)}
        if people != len(interviews):  # one person each says nothing new
            line += " " + ngettext("(%(people)s person)", "(%(people)s people)", people) % {
                "people": people
            }
        lines.append(line)
    requests = list(f.documentrequests.all())
    if requests:
        kinds = sorted({r.get_document_kind_display().lower() for r in requests})
        received = sum(1 for r in requests if r.received_on)
        lines.append(
            _("Requests for documents (%(kinds)s): %(received)s of %(count)s received")
            % {"kinds": ", ".join(kinds), "received": received, "count": len(requests)}
        )
    checks = list(f.checks.all())
    if checks:
        kinds = sorted({c.get_kind_display() for c in checks})
        lines.append(
            ngettext("%(count)s check (%(kinds)s)", "%(count)s checks (%(kinds)s)", len(checks))
            % {"count": len(checks), "kinds": ", ".join(kinds)}
        )
    visits = list(f.visits.all())
    if visits:
        unannounced = sum(1 for v in visits if v.notice == "unannounced")
        evening = sum(1 for v in visits if v.time_of_day == "evening")
        lines.append(
            ngettext(
                "%(count)s site visit, of which %(unannounced)s unannounced and %(evening)s in "
                "the evening",
                "%(count)s site visits, of which %(unannounced)s unannounced and %(evening)s in "
                "the evening",
                len(visits),
            )
            % {"count": len(visits), "unannounced": unannounced, "evening": evening}
        )
    return lines


def finding_outcome(finding: Finding) -> str:
    """What became of a finding, in one line."""
    plan = next(iter(finding.action_plans.all()), None)
    status = finding.status
    if status == "verified":
        return _("Remedied, verified %(date)s") % {"date": format_date(finding.verified_on)}
    if status in ("escalated", "decided"):
        text = _("Escalated: %(to)s") % {"to": finding.get_escalation_display().lower()}
        if finding.exclusion_id:
            text += "; " + _("excluded from call-offs from %(date)s") % {
                "date": format_date(finding.exclusion.start_date)
            }
        return text
    if status == "action_plan_received" and plan:
        return _("Action plan received, deadline %(date)s") % {"date": format_date(plan.deadline)}
    if status == "feedback_given":
        return _("Feedback given %(date)s, waiting for an action plan") % {
            "date": format_date(finding.feedback_given_on)
        }
    return _("Open")


def _selection(followups) -> dict[int, list[SelectionRow]]:
    """Purchase value and placements of each supplier in scope over the selection period,
    from the ranking the selection page showed. Without a selection period there are no
    figures to give (None), rather than zeros that were never measured."""
    result = {}
    for f in followups:
        suppliers = list(f.suppliers.all())
        if not (f.selection_start and f.selection_end and suppliers):
            result[f.pk] = [SelectionRow(s, None, None) for s in suppliers]
            continue
        ranked = {
            r.supplier.pk: r
            for r in purchase_ranking(f.agreement, f.selection_start, f.selection_end)
        }
        rows = [
            SelectionRow(
                s,
                ranked[s.pk].amount if s.pk in ranked else Decimal(0),
                ranked[s.pk].placements if s.pk in ranked else 0,
            )
            for s in suppliers
        ]
        rows.sort(key=lambda r: by_purchases(r.amount, r.supplier))
        result[f.pk] = rows
    return result


def special_followups(agreements, period: Period):
    """The special follow-ups of the period per agreement, and goal fulfilment per agreement."""
    followups = list(followups_in_period(agreements, period, SPECIAL_KINDS))
    selections = _selection(followups)
    assessments = defaultdict(list)
    for a in (
        Assessment.objects.filter(followup__in=followups)
        .select_related("area", "supplier")
        .order_by("area__order", "area__name", "supplier__name")
    ):
        assessments[a.followup_id].append(a)
    by_agreement: dict[int, SpecialAgreement] = {}
    goals: dict[int, GoalFulfilment] = {}
    for f in followups:
        block = by_agreement.setdefault(f.agreement_id, SpecialAgreement(f.agreement))
        areas: dict[int, AreaResult] = {}
        goal = goals.setdefault(f.agreement_id, GoalFulfilment(f.agreement))
        for a in assessments[f.pk]:
            result = areas.setdefault(a.area_id, AreaResult(a.area))
            result.counts[a.rating] += 1
            if a.comment:
                result.comments.append(f"{a.supplier.name}: {a.comment}")
            setattr(goal, a.rating, getattr(goal, a.rating) + 1)
        block.followups.append(
            SpecialFollowUp(
                followup=f,
                selection=selections[f.pk],
                methods=_methods(f),
                areas=list(areas.values()),
                findings=[(x, finding_outcome(x)) for x in f.findings.all()],
            )
        )
    return list(by_agreement.values()), list(goals.values())


@dataclass
class EventFollowUps:
    agreement: object
    followups: list = field(default_factory=list)  # (FollowUp, trigger text, outcome text)


def _trigger(f: FollowUp) -> str:
    if f.trigger_deviation_id:
        return _("Deviation: %(category)s") % {
            "category": f.trigger_deviation.get_category_display().lower()
        }
    if f.trigger_check_id:
        if f.trigger_check is None:  # a kind the public may not see: the reason reads neutrally
            return _("Check")
        return _("Check: %(kind)s") % {"kind": f.trigger_check.get_kind_display()}
    if f.trigger_finding_id:
        return _("Finding in an earlier follow-up")
    if f.trigger_source:
        return _("Signal from %(source)s") % {"source": f.get_trigger_source_display()}
    return "–"


def event_driven_followups(agreements, period: Period) -> list[EventFollowUps]:
    rows: dict[int, EventFollowUps] = {}
    for f in followups_in_period(agreements, period, [FollowUpKind.EVENT_DRIVEN]):
        outcome = f.conclusion.strip() or f.get_status_display()
        escalations = [x for x in f.findings.all() if x.escalation]
        if escalations:
            outcome += " (" + "; ".join(finding_outcome(x) for x in escalations) + ")"
        rows.setdefault(f.agreement_id, EventFollowUps(f.agreement)).followups.append(
            (f, _trigger(f), outcome)
        )
    return list(rows.values())


@dataclass
class DeviationSummary:
    total: int
    rows: list  # (category label, counts per status..., total)
    statuses: list


def deviations_in_period(agreements, period: Period) -> DeviationSummary:
    counts = Counter(
        Deviation.objects.filter(
            agreement__in=agreements, occurred_on__range=(period.start, period.end)
        ).values_list("category", "status")
    )
    statuses = list(DeviationStatus)
    rows = []
    for category in DeviationCategory:
        per_status = [counts[(category.value, s.value)] for s in statuses]
        if sum(per_status):
            rows.append((category.label, per_status, sum(per_status)))
    rows.sort(key=lambda r: -r[2])
    return DeviationSummary(
        total=sum(counts.values()), rows=rows, statuses=[s.label for s in statuses]
    )


def action_plans_in_period(agreements, period: Period) -> list[dict]:
    """Findings made in the period's follow-ups (or still unresolved) with their action plans."""
    findings = (
        Finding.objects.filter(followup__agreement__in=[r.agreement for r in agreements])
        .filter(
            Q(followup__started_on__range=(period.start, period.end))
            | Q(followup__completed_on__range=(period.start, period.end))
            | Q(
                status__in=["open", "feedback_given", "action_plan_received"],
                followup__started_on__lte=period.end,
            )
        )
        .select_related("supplier", "area", "followup__agreement", "exclusion")
        .prefetch_related(
            Prefetch("action_plans", queryset=ActionPlan.objects.order_by("-received_on"))
        )
        .order_by("followup__agreement__name", "supplier__name", "pk")
    )
    return [
        {
            "finding": f,
            "plan": next(iter(f.action_plans.all()), None),
            "outcome": finding_outcome(f),
        }
        for f in findings
    ]


@dataclass
class FindingSummary:
    agreement: object
    total: int = 0
    verified: int = 0
    with_plan: int = 0
    waiting: int = 0
    escalated: int = 0


def finding_summary(rows) -> list[FindingSummary]:
    """Findings per agreement by what became of them (003: deviations with action plans)."""
    result: dict[int, FindingSummary] = {}
    for row in rows:
        f = row["finding"]
        s = result.setdefault(f.followup.agreement_id, FindingSummary(f.followup.agreement))
        s.total += 1
        if f.status == "verified":
            s.verified += 1
        elif f.status == "action_plan_received":
            s.with_plan += 1
        elif f.status in ("escalated", "decided"):
            s.escalated += 1
        else:
            s.waiting += 1
    return list(result.values())
