"""Coverage of the special follow-up: has every framework agreement had one in its period?

The board's rule: every framework agreement gets at least one special follow-up (or an
in-depth follow-up, which goes further and so also counts) during its agreement period
including option. This module is the one home of that rule; the coverage page, the yearly
report and anything else that asks "is this agreement covered?" read it from here.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import models
from django.db.models import Max, Min, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from followups.models import FollowUp, FollowUpKind, FollowUpStatus, PlannedFollowUp, PlanStatus
from suppliers.models import FrameworkAgreement

COUNTING_KINDS = (FollowUpKind.SPECIAL, FollowUpKind.IN_DEPTH)
DONE_STATUSES = (FollowUpStatus.ONGOING, FollowUpStatus.COMPLETED)


class CoverageStatus(models.TextChoices):
    COVERED = "covered", gettext_lazy("Covered")
    PLANNED = "planned", gettext_lazy("Planned only")
    GAP = "gap", gettext_lazy("Missing")
    MISSED = "missed", gettext_lazy("Missed")


@dataclass
class CoverageYear:
    """One calendar year of an agreement's period and what was done or planned in it.

    `starts_on` and `ends_on` are the part of the year that lies within the period (the
    first and last years are usually partial).
    """

    year: int
    starts_on: datetime.date
    ends_on: datetime.date
    done: list = field(default_factory=list)
    planned: list = field(default_factory=list)
    # Entries of accepted yearly plans placed here preliminarily (no follow-up exists yet).
    preliminary: list = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.done or self.planned or self.preliminary)


@dataclass
class CoverageRow:
    """One agreement's coverage on the date `on`.

    `done` holds the special and in-depth follow-ups begun in the period on or before `on`
    (ongoing or completed); `planned` those not yet begun whose start lies in the period,
    looking from `on`. Both are in date order. The status follows from these two lists and
    the period alone, so whatever else is later taken into account belongs in `status`.
    """

    agreement: FrameworkAgreement
    on: datetime.date
    done: list = field(default_factory=list)
    planned: list = field(default_factory=list)
    years: list[CoverageYear] = field(default_factory=list)
    preliminary: list = field(default_factory=list)

    @property
    def period_start(self) -> datetime.date:
        return self.agreement.start_date

    @property
    def period_end(self) -> datetime.date:
        """The last day of the period, option included."""
        return self.agreement.final_end_date

    @property
    def period_is_over(self) -> bool:
        return self.on > self.period_end

    @property
    def status(self) -> CoverageStatus:
        # A plan that never started before the period ended does not cover it: missed.
        if self.done:
            return CoverageStatus.COVERED
        if self.period_is_over:
            return CoverageStatus.MISSED
        if self.planned or self.preliminary:
            return CoverageStatus.PLANNED
        return CoverageStatus.GAP

    @property
    def is_covered(self) -> bool:
        return self.status == CoverageStatus.COVERED

    @property
    def is_lacking(self) -> bool:
        """Nothing done and nothing (still possible) planned: shown in red with words."""
        return self.status in (CoverageStatus.GAP, CoverageStatus.MISSED)

    @property
    def status_text(self) -> str:
        """The status in words, with the date that matters for it."""
        status = self.status
        if status == CoverageStatus.COVERED:
            return _("Done – begun %(date)s") % {"date": self.done[-1].begins_on.isoformat()}
        if status == CoverageStatus.PLANNED and not self.planned:
            return _("Planned preliminarily in %(year)s in the follow-up plan") % {
                "year": self.preliminary[0].year
            }
        if status == CoverageStatus.PLANNED:
            return _("Planned – to begin %(date)s") % {
                "date": self.planned[0].begins_on.isoformat()
            }
        if status == CoverageStatus.MISSED:
            return _("Missing – the agreement period ended %(date)s") % {
                "date": self.period_end.isoformat()
            }
        return _("Missing – the agreement period ends %(date)s") % {
            "date": self.period_end.isoformat()
        }

    def year(self, year: int) -> CoverageYear | None:
        """The year of the period, or None when the year lies outside it."""
        return next((y for y in self.years if y.year == year), None)


def _end_of(on: datetime.date) -> datetime.datetime:
    """The first moment after the day `on`, in the local time zone."""
    next_day = on + datetime.timedelta(days=1)
    return datetime.datetime.combine(
        next_day, datetime.time.min, tzinfo=timezone.get_current_timezone()
    )


def _is_done(followup: FollowUp, on: datetime.date) -> bool:
    return followup.status in DONE_STATUSES and followup.begins_on <= on


def _years(agreement, done, planned, preliminary) -> list[CoverageYear]:
    start, end = agreement.start_date, agreement.final_end_date
    years = {
        y: CoverageYear(
            year=y,
            starts_on=max(start, datetime.date(y, 1, 1)),
            ends_on=min(end, datetime.date(y, 12, 31)),
        )
        for y in range(start.year, end.year + 1)
    }
    for f in done:
        years[f.begins_on.year].done.append(f)
    for f in planned:
        years[f.begins_on.year].planned.append(f)
    for e in preliminary:
        years[e.year].preliminary.append(e)
    return list(years.values())


def special_coverage(
    *,
    board=None,
    agreements: Iterable[FrameworkAgreement] | None = None,
    on: datetime.date,
    with_plans: bool = True,
    as_recorded: bool = False,
) -> list[CoverageRow]:
    """Each agreement's special follow-ups in its period and whether that covers it on `on`.

    The agreements are those given (in the order given), else the board's, else all. A
    follow-up counts for its agreement when its start (begun, or planned) lies within the
    agreement period including option; one begun before the period started or after it
    ended does not count. Looking from `on`, a follow-up begun later is still to come and so
    counts as planned. With `with_plans`, a year that an accepted yearly plan names
    preliminarily (from `on`'s year on) counts as planned too. With `as_recorded`, what was
    recorded only after `on` is left out: a follow-up not yet begun on `on` that was planned
    later, and a plan accepted later (a document about a past period shows the coverage as
    it stood then). Three queries at most, whatever the number of agreements.
    """
    recorded_by = _end_of(on)
    if agreements is None:
        qs = FrameworkAgreement.objects.order_by("name", "pk")
        agreements = qs.filter(board=board) if board is not None else qs
    agreements = list(agreements)
    followups = defaultdict(list)
    counted = (
        FollowUp.objects.filter(agreement__in=[a.pk for a in agreements], kind__in=COUNTING_KINDS)
        .filter(
            Q(status__in=DONE_STATUSES, started_on__isnull=False)
            | Q(status=FollowUpStatus.PLANNED, planned_start__isnull=False)
        )
        .order_by("pk")
    )
    if as_recorded:
        counted = counted.annotate(
            recorded_at=Subquery(
                FollowUp.history.filter(id=OuterRef("pk"), history_type="+")
                .order_by("history_date")
                .values("history_date")[:1]
            )
        )
    later = set()  # planned only after `on`: not there yet
    for f in counted:
        if as_recorded and not _is_done(f, on) and f.recorded_at and f.recorded_at >= recorded_by:
            later.add(f.pk)
            continue
        followups[f.agreement_id].append(f)
    preliminary = defaultdict(list)
    if with_plans:
        entries = PlannedFollowUp.objects.filter(
            Q(followup__isnull=True) | Q(followup__in=later),
            agreement__in=[a.pk for a in agreements],
            plan__status=PlanStatus.ACCEPTED,
            year__gte=on.year,
        )
        if as_recorded:
            entries = entries.exclude(plan__accepted_at__gte=recorded_by)
        for e in entries.select_related("plan").order_by("year", "pk"):
            preliminary[e.agreement_id].append(e)
    rows = []
    for a in agreements:
        mine = sorted(
            (f for f in followups[a.pk] if a.start_date <= f.begins_on <= a.final_end_date),
            key=lambda f: (f.begins_on, f.pk),
        )
        done = [f for f in mine if _is_done(f, on)]
        planned = [f for f in mine if not _is_done(f, on)]
        ahead = [
            e for e in preliminary[a.pk] if a.start_date.year <= e.year <= a.final_end_date.year
        ]
        rows.append(
            CoverageRow(
                agreement=a,
                on=on,
                done=done,
                planned=planned,
                preliminary=ahead,
                years=_years(a, done, planned, ahead),
            )
        )
    return rows


def agreements_in_force(year: int | None):
    """The agreements the coverage page shows for a year: those whose period (option
    included) touches the year, and those that ended the year before, so that a period that
    just ended without a special follow-up is still seen. None: every agreement."""
    qs = FrameworkAgreement.objects.order_by("name", "pk")
    if year is None:
        return qs
    return qs.filter(start_date__lte=datetime.date(year, 12, 31)).filter(
        Q(option_end_date__gte=datetime.date(year - 1, 1, 1))
        | Q(option_end_date__isnull=True, end_date__gte=datetime.date(year - 1, 1, 1))
    )


def agreement_years(on: datetime.date) -> list[int]:
    """The years any agreement's period touches, and the year of `on`, for choosing one."""
    span = FrameworkAgreement.objects.aggregate(
        first=Min("start_date"), end=Max("end_date"), option=Max("option_end_date")
    )
    first = min(filter(None, [span["first"], on])).year
    last = max(filter(None, [span["end"], span["option"], on])).year
    return list(range(first, last + 1))


def year_span(rows: Iterable[CoverageRow]) -> list[int]:
    """The calendar years from the earliest start to the latest end among the rows."""
    rows = list(rows)
    if not rows:
        return []
    first = min(r.period_start.year for r in rows)
    last = max(r.period_end.year for r in rows)
    return list(range(first, last + 1))


def special_followups_in_year(agreement: FrameworkAgreement, year: int, on: datetime.date):
    """The special and in-depth follow-ups of the agreement begun or planned in the year (of
    its period), as they stand on `on`."""
    (row,) = special_coverage(agreements=[agreement], on=on, with_plans=False)
    cell = row.year(year)
    return (cell.done + cell.planned) if cell else []


def second_special_warning(*, kind, agreement, planned_start, today) -> list[str]:
    """Planning a special follow-up where the agreement already has one that year: the
    period needs one, so a second is usually a mistake (a typo in the year, a double click)."""
    if kind != FollowUpKind.SPECIAL:
        return []
    year = (planned_start or today).year
    existing = special_followups_in_year(agreement, year, today)
    if not existing:
        return []
    return [
        _(
            "%(agreement)s already has a special follow-up in %(year)s: %(followups)s. One in "
            "the agreement period is what the board asks for."
        )
        % {
            "agreement": agreement.name,
            "year": year,
            "followups": "; ".join(
                f"{f.title} ({f.get_status_display().lower()}, {f.begins_on.isoformat()})"
                for f in existing
            ),
        }
    ]
