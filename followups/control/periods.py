"""Calendar periods of a recurring control: which occurrence a date belongs to."""

import calendar
import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later (or earlier), clamped to the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(day.day, last))


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date
    key: str
    label: str


def period_of(on: datetime.date, months: int) -> Period:
    """The period of `months` months, counted from 1 January, that contains `on`."""
    months = max(1, months)
    index = (on.year * 12 + on.month - 1) // months * months
    start = datetime.date(index // 12, index % 12 + 1, 1)
    end = add_months(start, months) - datetime.timedelta(days=1)
    if months == 6:
        half = 1 if start.month <= 6 else 2
        key = f"{start.year}-H{half}"
        # Swedish terms: VT (spring) and HT (autumn), as the plans write them.
        label = (_("Spring %(year)s") if half == 1 else _("Autumn %(year)s")) % {"year": start.year}
    elif months == 12:
        key = label = str(start.year)
    elif months == 3:
        key = label = f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    else:
        key = f"{start:%Y-%m}+{months}m"
        label = f"{start:%Y-%m-%d}–{end:%Y-%m-%d}"
    return Period(start=start, end=end, key=key, label=label)


def board_period_start(on: datetime.date, start_month: int) -> datetime.date:
    """First day of the board's reporting year that contains `on` (1 = calendar year)."""
    year = on.year if on.month >= start_month else on.year - 1
    return datetime.date(year, start_month, 1)
