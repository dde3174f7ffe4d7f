"""Swedish municipal number and date formats, shared by pages and documents."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

NBSP = "\xa0"


def format_date(value) -> str:
    """2024-12-20 for a date; 2024-12-20 20:59 for a moment, read on a Stockholm clock (the
    database keeps UTC, and a reader must not see the time an hour or two off)."""
    if value is None:
        return "–"
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.strftime("%Y-%m-%d %H:%M")
    return value.strftime("%Y-%m-%d")


def format_int(value) -> str:
    """1234567 -> '1 234 567' (non-breaking spaces)."""
    return f"{int(value):,}".replace(",", NBSP)


def format_kr(value) -> str:
    """1234567.4 -> '1 234 567 kr'."""
    if value is None:
        return "–"
    rounded = Decimal(value).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    return f"{format_int(rounded)}{NBSP}kr"


def format_mkr(value, decimals: int = 1) -> str:
    """2712000 -> '2,7 mkr' (million kronor, one decimal, comma)."""
    if value is None:
        return "–"
    millions = (Decimal(value) / Decimal(1_000_000)).quantize(
        Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP
    )
    return f"{millions}".replace(".", ",") + f"{NBSP}mkr"


def format_percent(value, decimals: int = 0) -> str:
    if value is None:
        return "–"
    rounded = Decimal(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return f"{rounded}".replace(".", ",") + f"{NBSP}%"


def person_names(people) -> list[str]:
    """The distinct display names of users, in order; None is skipped."""
    names = []
    for person in people:
        if person is not None:
            name = person.get_full_name() or person.username
            if name not in names:
                names.append(name)
    return names
