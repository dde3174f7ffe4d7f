"""Report periods: a calendar year, or twelve months from the board's start month (May–April)."""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from uppfoljning.core.formatting import format_date


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date

    @property
    def is_calendar_year(self) -> bool:
        return self.start.month == 1 and self.start.day == 1 and self.end.year == self.start.year

    @property
    def label(self) -> str:
        """'2024' for a calendar year, '2023/2024' for May–April."""
        if self.is_calendar_year:
            return str(self.start.year)
        return f"{self.start.year}/{self.end.year}"

    @property
    def span(self) -> str:
        return f"{format_date(self.start)} – {format_date(self.end)}"

    def contains(self, day: datetime.date | None) -> bool:
        return day is not None and self.start <= day <= self.end

    def describe(self) -> str:
        if self.is_calendar_year:
            return _("the calendar year %(year)s") % {"year": self.start.year}
        return _("the period %(span)s") % {"span": self.span}


def report_period(board, year: int) -> Period:
    """The board's report period that ends in `year`.

    With start month 1 that is the calendar year; with start month 5 (as in 003) the report
    handed to the board in May `year` covers May `year-1` to April `year`.
    """
    month = board.report_period_start_month or 1
    if month == 1:
        return Period(datetime.date(year, 1, 1), datetime.date(year, 12, 31))
    start = datetime.date(year - 1, month, 1)
    end = datetime.date(year, month, 1) - datetime.timedelta(days=1)
    return Period(start, end)


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` months earlier (clamped to the month's last day)."""
    total = day.year * 12 + day.month - 1 - months
    year, month = divmod(total, 12)
    month += 1
    for d in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, d)
        except ValueError:
            continue
    raise ValueError(day)
