from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UppfoljningConfig(AppConfig):
    name = "uppfoljning"
    verbose_name = _("Follow-up of private providers")

    def ready(self):
        from .core.navigation import collect_menu
        from .core.roles import collect_permissions

        # Every app's models are loaded before any ready() runs, so each package's
        # permissions.py (its grants and its menu entries) can be imported here.
        collect_permissions()
        collect_menu()
