"""Helpers every service uses: the permission it requires, the status move it may make, and
a save that keeps history (who, why) and validates first."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from .errors import DomainError


def require(user, perm: str) -> None:
    """Raise PermissionDenied unless the user holds the permission."""
    if user is None or not user.has_perm(perm):
        raise PermissionDenied


def check_transition(obj, new_status: str, message: str | None = None) -> None:
    """Raise DomainError unless the object's TRANSITIONS map allows the move from its current
    status. `message` replaces the general sentence where the grammar needs its own."""
    if new_status in obj.TRANSITIONS[obj.status]:
        return
    if message is not None:
        raise DomainError(message)
    labels = dict(obj._meta.get_field("status").flatchoices)
    raise DomainError(
        _("A %(thing)s that is %(current)s cannot be changed to %(new)s.")
        % {
            "thing": obj._meta.verbose_name,
            "current": str(labels.get(obj.status, obj.status)).lower(),
            "new": str(labels.get(new_status, new_status)).lower(),
        }
    )


def save_with_history(obj, *, user, reason: str, validate: bool = True):
    """Save with the history row's user and reason; validate the model first by default."""
    obj._change_reason = reason
    if user is not None:
        obj._history_user = user
    if validate:
        obj.full_clean()
    obj.save()
    return obj
