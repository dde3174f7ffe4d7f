"""What the audit log hears without being called: Django's auth signals (logins, logouts,
failed logins; the throttle and two-factor keep sending them) and changes of roles.

Roles are Django groups (uppfoljning.core.roles), so a role change is an m2m change of
User.groups; is_superuser, is_staff and is_active are compared with the values the user was
loaded with (post_init), so no query is added to any save. Who made the change is the user of
the current request, as django-simple-history's HistoryRequestMiddleware holds it, or nobody
(a command, the demo).
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_init, post_save
from simple_history.models import HistoricalRecords

from .actions import Action
from .services import record

FLAGS = ("is_superuser", "is_staff", "is_active")
SNAPSHOT = "_audit_flags"


def connect() -> None:
    User = get_user_model()
    user_logged_in.connect(logged_in, dispatch_uid="audit.logged_in")
    user_logged_out.connect(logged_out, dispatch_uid="audit.logged_out")
    user_login_failed.connect(login_failed, dispatch_uid="audit.login_failed")
    m2m_changed.connect(groups_changed, sender=User.groups.through, dispatch_uid="audit.groups")
    post_init.connect(remember_flags, sender=User, dispatch_uid="audit.remember_flags")
    post_save.connect(flags_saved, sender=User, dispatch_uid="audit.flags_saved")


def logged_in(sender, request, user, **kwargs):
    record(request, Action.LOGIN, user=user)


def logged_out(sender, request, user, **kwargs):
    if user is not None:
        record(request, Action.LOGOUT, user=user)


def login_failed(sender, credentials, request=None, **kwargs):
    """The username tried, never the password (Django has masked it already, and it is not
    read). The row names the account when one has that username."""
    User = get_user_model()
    tried = str(credentials.get(User.USERNAME_FIELD) or "")
    account = None
    if tried:
        account = User._default_manager.filter(**{User.USERNAME_FIELD: tried}).first()
    record(request, Action.LOGIN_FAILED, user=account, username=tried)


def _actor():
    """The user whose request is making the change, or None outside a request."""
    request = getattr(HistoricalRecords.context, "request", None)
    user = getattr(request, "user", None)
    return request if user is not None and user.is_authenticated else None


def _changed(subject, **detail):
    record(_actor(), Action.ROLE_CHANGED, subject, **detail)


def groups_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    """One row per user whose roles changed, naming the roles added or removed."""
    User = get_user_model()
    if action == "pre_clear":
        # clear() sends no pk_set: remember what is being removed.
        if reverse:
            instance._audit_cleared = list(instance.user_set.all())
        else:
            instance._audit_cleared = list(instance.groups.values_list("name", flat=True))
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    key = {"post_add": "added", "post_remove": "removed", "post_clear": "removed"}[action]
    if not reverse:  # user.groups.add(...)
        if action == "post_clear":
            names = instance.__dict__.pop("_audit_cleared", [])
        else:
            names = sorted(Group.objects.filter(pk__in=pk_set or ()).values_list("name", flat=True))
        if names:
            _changed(instance, **{key: sorted(names)})
        return
    # group.user_set.add(...): the instance is the group, pk_set the users.
    if action == "post_clear":
        users = instance.__dict__.pop("_audit_cleared", [])
    else:
        users = list(User._default_manager.filter(pk__in=pk_set or ()).order_by("pk"))
    for user in users:
        _changed(user, **{key: [instance.name]})


def remember_flags(sender, instance, **kwargs):
    # Straight from __dict__: reading a deferred field here would query the database.
    instance.__dict__[SNAPSHOT] = tuple(instance.__dict__.get(flag) for flag in FLAGS)


def flags_saved(sender, instance, created, update_fields=None, **kwargs):
    if update_fields is not None and not set(update_fields) & set(FLAGS):
        return  # e.g. the last login
    before = instance.__dict__.get(SNAPSHOT)
    if created:
        before = tuple(sender._meta.get_field(flag).default for flag in FLAGS)
    after = tuple(getattr(instance, flag) for flag in FLAGS)
    instance.__dict__[SNAPSHOT] = after
    if before is None:
        return
    changes = {
        flag: [old, new]
        for flag, old, new in zip(FLAGS, before, after, strict=True)
        if old is not None and old != new
    }
    if changes:
        _changed(instance, **changes)
