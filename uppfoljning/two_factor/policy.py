"""Who must verify a second factor, and the devices a user has."""

import logging

from django.conf import settings
from django.core import checks
from django.db import transaction
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from uppfoljning.core.roles import ROLE_LABELS, user_roles

from .models import BackupCodeDevice

logger = logging.getLogger(__name__)

# Set at login (and at a voluntary enrolment) when the user has a confirmed device although
# no role requires one: such a user verifies too. Kept in the session so that the users who
# need no second factor cost no query per request.
ENROLLED_SESSION_KEY = "two_factor_enrolled"
BACKUP_CODES = 10


def required_by_role(user) -> bool:
    """Superusers always; otherwise the roles in settings.TWO_FACTOR_REQUIRED_ROLES."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return bool(set(user_roles(user)) & set(settings.TWO_FACTOR_REQUIRED_ROLES))


def must_verify(request) -> bool:
    """Whether this session's user has to pass the second factor before using the site."""
    return required_by_role(request.user) or bool(request.session.get(ENROLLED_SESSION_KEY))


def is_verified(request) -> bool:
    user = request.user
    return bool(getattr(user, "is_verified", None) and user.is_verified())


def has_device(user) -> bool:
    return any(devices_for_user(user, confirmed=True))


def note_enrolment_at_login(sender, request, user, **kwargs):
    """user_logged_in: remember in the session whether the user enrolled, whatever the role."""
    if request is None or not hasattr(request, "session"):
        return
    if not required_by_role(user) and has_device(user):
        request.session[ENROLLED_SESSION_KEY] = True


def totp_device(user, *, confirmed=True):
    return TOTPDevice.objects.filter(user=user, confirmed=confirmed).order_by("pk").first()


def backup_device(user):
    return BackupCodeDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def new_backup_codes(user) -> list[str]:
    """Replace the user's backup codes with BACKUP_CODES new ones; returns them, to be shown
    once: only their hashes are kept, and each one is deleted when it is used."""
    with transaction.atomic():
        BackupCodeDevice.objects.filter(user=user).delete()
        device = BackupCodeDevice.objects.create(user=user, name="backup", confirmed=True)
        return device.replace_codes(BACKUP_CODES)


def reset_devices(user) -> int:
    """Delete every second-factor device of the user (an admin's recovery): the user enrols
    again at the next login. Sessions verified by a deleted device are no longer verified.
    Returns the number of devices deleted."""
    deleted = 0
    for device in devices_for_user(user, confirmed=None):
        device.delete()
        deleted += 1
    logger.info("two-factor devices reset for user %s (%s deleted)", user.pk, deleted)
    return deleted


def verify_in_session(request, device) -> None:
    """The user passed the second factor with `device`: django_otp's own login (the device's
    persistent id in the session), under a new session key, as after a password login."""
    request.session.cycle_key()
    otp_login(request, device)


def check_required_roles(app_configs=None, **kwargs):
    """A misspelt role in TWO_FACTOR_REQUIRED_ROLES would silently drop its second factor."""
    unknown = sorted(set(settings.TWO_FACTOR_REQUIRED_ROLES) - set(ROLE_LABELS))
    if not unknown:
        return []
    return [
        checks.Error(
            f"TWO_FACTOR_REQUIRED_ROLES names unknown roles: {', '.join(unknown)}",
            hint=f"Use some of: {', '.join(ROLE_LABELS)} (superusers always verify).",
            id="uppfoljning.E201",
        )
    ]
