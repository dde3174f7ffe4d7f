"""The read side of the yearly plan: its table, the rule check and the proposal.

The rule (001_…, 004_…): every framework agreement gets at least one special follow-up
during its agreement period, option included. An agreement is *covered* when, as the plan's
year begins, a special (or in-depth) follow-up has been carried out within its period
(`followups.planning.coverage`, the rule's one home). The proposal for year Y:

1. keeps the special follow-ups that already exist in Y and Y+1;
2. places in Y every uncovered agreement whose period ends in Y (the last year left);
3. fills Y up to the plan's capacity with the agreements that rank highest by risk among
   those in force for at least half of Y (a special follow-up takes months), skipping one
   whose predecessor or successor (the same suppliers) is already placed in Y;
4. places, preliminarily, in Y+1 every uncovered agreement whose period ends in Y+1 and
   that step 2 or 3 did not place.

So no agreement is left without a special follow-up in its period while a year of the plan
remains to place it. Whatever the strategist changes afterwards, `plan_flags` names every
agreement that the plan would let end its period without one.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _

from followups.models import AssessmentArea, Finding, FollowUp
from followups.models.assessments import Assessment, Rating
from followups.models.findings import UNRESOLVED
from followups.models.plans import PlanEntrySource
from suppliers.models import FrameworkAgreement

from . import risk
from .coverage import COUNTING_KINDS, DONE_STATUSES, CoverageRow, special_coverage

# How many risk factors the proposal names as the reason for choosing an agreement.
REASON_FACTORS = 3


def year_start(year: int) -> datetime.date:
    return datetime.date(year, 1, 1)


def year_end(year: int) -> datetime.date:
    return datetime.date(year, 12, 31)


def in_force_during(agreement, year: int) -> bool:
    return agreement.start_date <= year_end(year) and agreement.final_end_date >= year_start(year)


def span_in_year(agreement, year: int) -> tuple[datetime.date, datetime.date]:
    """The part of the year that lies within the agreement's period (option included)."""
    return max(agreement.start_date, year_start(year)), min(
        agreement.final_end_date, year_end(year)
    )


def days_in_force(agreement, year: int) -> int:
    first, last = span_in_year(agreement, year)
    return max(0, (last - first).days + 1)


# A risk-chosen follow-up needs the agreement in force for at least half of the year.
MIN_DAYS_FOR_RISK = 183


@dataclass
class ProposedEntry:
    """One special follow-up the proposal places: agreement, year, why, and what to focus on."""

    agreement: FrameworkAgreement
    year: int
    source: str
    reason: str
    focus_areas: list = field(default_factory=list)
    focus: str = ""
    followup: FollowUp | None = None


def plan_agreements(board, year: int) -> list[FrameworkAgreement]:
    """The agreements of the plan's table: in force at some time from last year to next year."""
    return list(
        FrameworkAgreement.objects.filter(board=board, start_date__lte=year_end(year + 1))
        .filter(
            Q(option_end_date__gte=year_start(year - 1))
            | Q(option_end_date__isnull=True, end_date__gte=year_start(year - 1))
        )
        .select_related("owner", "predecessor")
        .order_by("start_date", "name")
    )


def agreement_coverage(agreements, year: int) -> dict[int, CoverageRow]:
    """Each agreement's special follow-ups in its period, as they stood when the year began:
    carried out before it (covered) or planned from it on."""
    rows = special_coverage(agreements=agreements, on=year_end(year - 1), with_plans=False)
    return {row.agreement.pk: row for row in rows}


def in_year(row: CoverageRow, year: int) -> list:
    """The special follow-ups (carried out or planned) that begin in the year."""
    cell = row.year(year)
    return (cell.done + cell.planned) if cell else []


def _risk_reason(row) -> str:
    parts = sorted((p for p in row.parts if p.points > 0), key=lambda p: -p.points)
    named = ", ".join(f"{p.label.lower()} {p.points_display} p" for p in parts[:REASON_FACTORS])
    text = _("Risk score %(score)s points") % {"score": row.score_display}
    if named:
        text += " (" + named + ")"
    if row.inherits_from is not None:
        text += ", " + _("including the predecessor %(name)s") % {"name": row.inherits_from.name}
    if row.judgements:
        text += ". " + _("Manual judgement: %(reasons)s") % {
            "reasons": "; ".join(j.reason for j in row.judgements)
        }
    return text


def _rule_reason(agreement) -> str:
    return _(
        "The agreement period ends %(date)s and the agreement has had no special follow-up in "
        "its period."
    ) % {"date": agreement.final_end_date.isoformat()}


def _existing_reason(followups) -> str:
    return "; ".join(f.title for f in followups)


def suggested_focus(agreements, on: datetime.date) -> dict[int, list[AssessmentArea]]:
    """The areas to focus on per agreement: those rated partly or not fulfilled in its
    latest special follow-up begun by `on`, and those of its unresolved findings."""
    latest = {}
    for f in (
        FollowUp.objects.filter(
            agreement__in=agreements,
            kind__in=COUNTING_KINDS,
            status__in=DONE_STATUSES,
            started_on__lte=on,
        )
        .order_by("agreement_id", "-started_on", "-pk")
        .values("agreement_id", "pk")
    ):
        latest.setdefault(f["agreement_id"], f["pk"])
    area_ids = defaultdict(set)
    for a in Assessment.objects.filter(
        followup_id__in=list(latest.values()), rating__in=[Rating.PARTLY, Rating.NOT_FULFILLED]
    ).values("followup__agreement_id", "area_id"):
        area_ids[a["followup__agreement_id"]].add(a["area_id"])
    for f in Finding.objects.filter(
        followup__agreement__in=agreements,
        followup__started_on__lte=on,
        status__in=UNRESOLVED,
        area__isnull=False,
    ).values("followup__agreement_id", "area_id"):
        area_ids[f["followup__agreement_id"]].add(f["area_id"])
    areas = AssessmentArea.objects.in_bulk({i for ids in area_ids.values() for i in ids})
    return {
        agreement_id: sorted((areas[i] for i in ids), key=lambda a: (a.order, a.name))
        for agreement_id, ids in area_ids.items()
    }


@dataclass
class Proposal:
    year: int
    risk_date: datetime.date
    capacity: int
    entries: list[ProposedEntry]
    ranking: list


def risk_date_for(year: int, today: datetime.date) -> datetime.date:
    """A plan for Y rests on the data up to the end of Y-1 (or today, if that is earlier)."""
    return min(today, year_end(year - 1))


def propose(*, board, year: int, risk_date: datetime.date, capacity: int) -> Proposal:
    """The system's proposal for the year (see the module docstring for the steps)."""
    agreements = plan_agreements(board, year)
    coverage = agreement_coverage(agreements, year)
    live = [a for a in agreements if in_force_during(a, year)]
    ranking = risk.risk_ranking(on=risk_date, kind=risk.AGREEMENT, agreements=live)
    focus = suggested_focus(agreements, risk_date)
    entries: dict[tuple[int, int], ProposedEntry] = {}

    def place(agreement, y, source, reason, followup=None):
        areas = focus.get(agreement.pk, [])
        inherited = [] if areas else focus.get(agreement.predecessor_id, [])
        entries[(agreement.pk, y)] = ProposedEntry(
            agreement=agreement,
            year=y,
            source=source,
            reason=reason,
            focus_areas=areas,
            # The predecessor's areas belong to its own template; they are named instead.
            focus=_("Weak in the predecessor's latest special follow-up: %(names)s.")
            % {"names": ", ".join(a.name for a in inherited)}
            if inherited
            else "",
            followup=followup,
        )

    for y in (year, year + 1):
        for a in agreements:
            existing = in_year(coverage[a.pk], y)
            if existing:
                # Only the plan's own year links the follow-up: next year's plan links it then.
                linked = existing[0] if y == year else None
                place(a, y, PlanEntrySource.EXISTING, _existing_reason(existing), linked)

    def placed(a) -> bool:
        return any((a.pk, y) in entries for y in (year, year + 1))

    def needs(a, last_year) -> bool:
        row = coverage[a.pk]
        return row.period_end.year == last_year and not row.is_covered and not placed(a)

    for a in live:
        if needs(a, year):
            place(a, year, PlanEntrySource.RULE, _rule_reason(a))
    # An agreement and the one that replaces it share their suppliers: one special
    # follow-up of the two a year is enough for the risk to be looked at.
    kin = defaultdict(set)
    for a in agreements:
        if a.predecessor_id:
            kin[a.pk].add(a.predecessor_id)
            kin[a.predecessor_id].add(a.pk)
    for row in ranking:
        if sum(1 for (_pk, y) in entries if y == year) >= capacity:
            break
        a = row.obj
        if (
            (a.pk, year) not in entries
            and days_in_force(a, year) >= MIN_DAYS_FOR_RISK
            and not any((k, year) in entries for k in kin[a.pk])
        ):
            place(a, year, PlanEntrySource.RISK, _risk_reason(row))
    for a in agreements:
        if in_force_during(a, year + 1) and needs(a, year + 1):
            place(a, year + 1, PlanEntrySource.RULE, _rule_reason(a))

    ordered = sorted(entries.values(), key=lambda e: (e.year, e.agreement.name))
    return Proposal(
        year=year, risk_date=risk_date, capacity=capacity, entries=ordered, ranking=ranking
    )


def risk_snapshot(ranking) -> list[dict]:
    """The ranking as plain data, kept with the plan so that it shows why as it was."""
    return [
        {
            "agreement": row.obj.pk,
            "name": row.obj.name,
            "score": row.score_display,
            "parts": [
                {"label": str(p.label), "raw": p.raw_display, "points": p.points_display}
                for p in row.parts
                if p.points
            ],
            "judgements": [{"points": j.points, "reason": j.reason} for j in row.judgements],
            "predecessor": row.inherits_from.name if row.inherits_from else "",
        }
        for row in ranking
    ]


@dataclass
class PlanFlag:
    agreement: FrameworkAgreement
    message: str
    # True: the plan can still avoid it (a year of the plan remains in the period).
    avoidable: bool


def plan_flags(*, year: int, agreements, coverage, placed: set[tuple[int, int]]) -> list:
    """Every agreement that ended, or with this plan would end, its period without a special
    follow-up (`coverage` as `agreement_coverage` gives it for the year)."""
    flags = []
    for a in agreements:
        row = coverage[a.pk]
        if row.is_covered:
            continue
        if a.final_end_date < year_start(year):
            flags.append(
                PlanFlag(
                    a,
                    _("The agreement period ended %(date)s without a special follow-up.")
                    % {"date": a.final_end_date.isoformat()},
                    avoidable=False,
                )
            )
            continue
        last_year = row.period_end.year
        if last_year > year + 1:
            continue  # years remain after the plan's horizon
        if not any((a.pk, y) in placed for y in range(year, last_year + 1)):
            flags.append(
                PlanFlag(
                    a,
                    _(
                        "The agreement period ends %(date)s; with this plan it ends without a "
                        "special follow-up."
                    )
                    % {"date": a.final_end_date.isoformat()},
                    avoidable=True,
                )
            )
    return flags


@dataclass
class PlanTableRow:
    """One row of 001_…'s table: the agreement, its period with option, a mark per year."""

    agreement: FrameworkAgreement
    marks: list  # per year of the plan: "done", "planned", "preliminary" or ""
    entries: list
    flag: PlanFlag | None = None

    @property
    def period(self) -> str:
        a = self.agreement
        return f"{a.start_date.isoformat()} - {a.final_end_date.isoformat()}"


def plan_table(plan) -> dict:
    """The plan's table and flags, from its stored entries and the follow-ups of last year."""
    entries = list(
        plan.entries.select_related("agreement", "followup").prefetch_related("focus_areas")
    )
    agreements = plan_agreements(plan.board, plan.year)
    # An agreement outside the table's years that the plan still names (changed later).
    known = {a.pk for a in agreements}
    agreements += list(
        {e.agreement_id: e.agreement for e in entries if e.agreement_id not in known}.values()
    )
    coverage = agreement_coverage(agreements, plan.year)
    by_agreement = defaultdict(list)
    for e in entries:
        by_agreement[e.agreement_id].append(e)
    placed = {(e.agreement_id, e.year) for e in entries}
    flags = {
        f.agreement.pk: f
        for f in plan_flags(year=plan.year, agreements=agreements, coverage=coverage, placed=placed)
    }
    rows = []
    for a in agreements:
        marks = []
        for y in plan.years:
            if y < plan.year:
                cell = coverage[a.pk].year(y)
                marks.append("done" if cell and cell.done else "")
            elif (a.pk, y) in placed:
                marks.append("planned" if y == plan.year else "preliminary")
            else:
                marks.append("")
        rows.append(
            PlanTableRow(agreement=a, marks=marks, entries=by_agreement[a.pk], flag=flags.get(a.pk))
        )
    return {
        "rows": rows,
        "flags": list(flags.values()),
        "avoidable_flags": [f for f in flags.values() if f.avoidable],
        "entries": entries,
        "this_year": [e for e in entries if e.year == plan.year],
        "next_year": [e for e in entries if e.year == plan.year + 1],
    }
