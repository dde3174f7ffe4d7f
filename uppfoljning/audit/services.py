"""Writing the audit log, and the retention purge."""

import datetime

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone, translation

from uppfoljning.core.requests import client_ip

from .actions import Action
from .models import AuditEntry

# Detail keys that could carry what the log must never hold: a criminal-record check's
# result or summary, a password or token, a client's data. Passing one is a programming error.
FORBIDDEN_DETAIL_KEYS = frozenset(
    {"password", "token", "secret", "result", "summary", "personal_number", "client"}
)


def record(request_or_user, action: str, obj=None, *, user=None, **details) -> AuditEntry:
    """Write one audit row for `action` (an `Action`).

    `request_or_user` is the request (its user, IP and path are stored), a user (a task or
    command acting for someone) or None. `user` names the user when the request does not
    carry one yet (a login) or carries another (a failed login names the account tried).
    `obj` is what the action was about: its type, id and label are stored. `details` go to
    the JSON detail and must be small plain values; `username=` instead sets the username
    stored (a failed login's name tried, which may match no account).
    """
    if action not in Action.values:
        raise ValueError(f"unknown audit action {action!r}")
    forbidden = FORBIDDEN_DETAIL_KEYS.intersection(details)
    if forbidden:
        raise ValueError(f"the audit log never stores {sorted(forbidden)}")
    request = request_or_user if isinstance(request_or_user, HttpRequest) else None
    if user is None:
        user = getattr(request, "user", None) if request is not None else request_or_user
    if user is not None and not user.is_authenticated:
        user = None
    username = details.pop("username", None) or (user.get_username() if user else "")
    entry = AuditEntry(
        user=user,
        username=username[:150],
        ip=client_ip(request) if request is not None else None,
        path=request.path[:500] if request is not None else "",
        action=action,
        detail=details,
    )
    if obj is not None:
        entry.object_type = obj._meta.label_lower
        entry.object_id = str(obj.pk)
        # The label as the municipality reads it, whatever language the reader had chosen.
        with translation.override(settings.LANGUAGE_CODE):
            entry.object_label = str(obj)[:255]
    entry.save()
    return entry


def retention_cutoff(now: datetime.datetime | None = None) -> datetime.datetime:
    """Rows older than this are past the retention period (AUDIT_RETENTION_DAYS)."""
    now = now or timezone.now()
    return now - datetime.timedelta(days=settings.AUDIT_RETENTION_DAYS)


def purge(now: datetime.datetime | None = None) -> int:
    """Delete the rows past the retention period; the purge itself is recorded."""
    cutoff = retention_cutoff(now)
    deleted = AuditEntry.objects.purge_before(cutoff)
    record(None, Action.LOG_PURGED, deleted=deleted, before=cutoff.isoformat())
    return deleted
