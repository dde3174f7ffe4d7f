"""Template helpers: table cells and Swedish number formats."""

import datetime
from decimal import Decimal

from django import template
from django.utils.translation import gettext as _

from uppfoljning.core import formatting

register = template.Library()


@register.simple_tag
def cell(obj, attr):
    """The display value of `attr` on `obj`: choice labels, dates as 2024-12-20, '–' if empty."""
    display = getattr(obj, f"get_{attr}_display", None)
    value = display() if display else obj
    if not display:
        for part in attr.split("__"):
            value = getattr(value, part, None) if value is not None else None
            if callable(value):
                value = value()
    if value in (None, ""):
        return "–"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime.date):
        return formatting.format_date(value)
    if isinstance(value, Decimal):
        return formatting.format_kr(value)
    return value


@register.filter
def kr(value):
    return formatting.format_kr(value)


@register.filter
def mkr(value):
    return formatting.format_mkr(value)


@register.filter
def isodate(value):
    return formatting.format_date(value)


@register.filter
def percent(value):
    return formatting.format_percent(value)
