"""What the audit log records: one action per kind of event."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    LOGIN = "login", _("Logged in")
    LOGOUT = "logout", _("Logged out")
    LOGIN_FAILED = "login_failed", _("Failed login")
    FORBIDDEN = "forbidden", _("Refused (403)")
    CHECK_VIEWED = "check_viewed", _("Criminal-record check viewed")
    CHECK_EXPORTED = "check_exported", _("Criminal-record checks exported")
    DOCUMENT_VIEWED = "document_viewed", _("Document previewed")
    DOCUMENT_DOWNLOADED = "document_downloaded", _("Document downloaded")
    ROLE_CHANGED = "role_changed", _("Roles changed")
    LOG_PURGED = "log_purged", _("Audit log purged")
    PASSWORD_RESET_REQUESTED = "password_reset", _("Password reset requested")
