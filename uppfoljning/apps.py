from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UppfoljningConfig(AppConfig):
    name = "uppfoljning"
    verbose_name = _("Follow-up of private providers")
