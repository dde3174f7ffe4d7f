from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TwoFactorConfig(AppConfig):
    """An app only for its models (the backup codes, kept as hashes); the signal and the
    system check are connected in uppfoljning.apps."""

    name = "uppfoljning.two_factor"
    label = "two_factor"
    verbose_name = _("Two-step verification")
