"""The change history of an object as people read it: who, when, which field from what to what."""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext_lazy as _

from .formatting import format_date

_TYPE_LABELS = {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}
# A related object the reader may not see (a criminal-record check, for one).
HIDDEN = _("(not shown)")


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: object
    user: object
    action: str
    reason: str
    changes: list[FieldChange] = field(default_factory=list)


def _visible(model, user):
    """The rows of a related model that `user` may see: a model whose manager has
    visible_to(user) (checks, for one) decides, so a history shows no more than the pages."""
    manager = model._default_manager
    visible_to = getattr(manager, "visible_to", None)
    if visible_to is None:
        return manager.all()
    return visible_to(user if user is not None else AnonymousUser())


def _display(record, field_name, value, user=None):
    model_field = record.instance_type._meta.get_field(field_name)
    if value in (None, ""):
        return "–"
    if getattr(model_field, "choices", None):
        return str(dict(model_field.flatchoices).get(value, value))
    if model_field.many_to_many:
        target = model_field.related_model
        # simple-history's diff gives m2m values as dicts of the through row's ids.
        key = target._meta.model_name
        ids = [row[key] if isinstance(row, dict) else getattr(row, key) for row in value]
        names = [str(o) for o in _visible(target, user).filter(pk__in=ids)]
        return ", ".join(sorted(names)) or "–"
    if model_field.is_relation:
        target = model_field.related_model
        try:
            return str(_visible(target, user).get(pk=value))
        except target.DoesNotExist:
            if target._default_manager.filter(pk=value).exists():
                return str(HIDDEN)
            return str(value)
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    if isinstance(value, datetime.date):
        # A moment in Stockholm time like the rest of the page, not "20:04:16.657731+00:00".
        return format_date(value)
    return str(value)


def history_entries(obj, user=None, limit: int = 50) -> list[HistoryEntry]:
    """Newest first; each change is listed with its field's label and both values.

    Related objects are named only as far as `user` may see them (no user: what anyone may)."""
    records = list(
        obj.history.select_related("history_user").order_by("-history_date")[: limit + 1]
    )
    entries = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous)
            for change in delta.changes:
                label = record.instance_type._meta.get_field(change.field).verbose_name
                changes.append(
                    FieldChange(
                        label=str(label).capitalize(),
                        old=_display(record, change.field, change.old, user),
                        new=_display(record, change.field, change.new, user),
                    )
                )
        entries.append(
            HistoryEntry(
                when=record.history_date,
                user=record.history_user,
                action=str(_TYPE_LABELS.get(record.history_type, record.history_type)),
                reason=record.history_change_reason or "",
                changes=changes,
            )
        )
    return entries
