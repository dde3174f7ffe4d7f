"""The audit log: who logged in, was refused, read a criminal-record check or a board
document, or changed someone's roles. Append-only, readable by superusers only.

Every package records through one entry point, where the event happens, once:

    from uppfoljning import audit

    audit.record(request, audit.Action.CHECK_VIEWED, check, rows=1)

It stores who (the user, and their username as text so a deleted user stays readable), from
where (IP, path), what (the action, the object's type, id and label) and a small JSON detail.
Never a criminal-record check's result, a password or anything about a client.
"""

from .actions import Action

__all__ = ["Action", "record"]


def record(request_or_user, action, obj=None, **details):
    """Write one audit row; see services.record."""
    from .services import record as _record

    return _record(request_or_user, action, obj, **details)
