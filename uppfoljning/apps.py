from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UppfoljningConfig(AppConfig):
    name = "uppfoljning"
    verbose_name = _("Follow-up of private providers")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in
        from django.core import checks
        from django.core.signals import got_request_exception

        from .core.navigation import collect_menu
        from .core.roles import collect_permissions
        from .middleware import note_lost_connection, start_session_clocks
        from .two_factor.policy import check_required_roles, note_enrolment_at_login

        user_logged_in.connect(note_enrolment_at_login, dispatch_uid="two_factor_enrolment")
        checks.register(check_required_roles)

        # Every app's models are loaded before any ready() runs, so each package's
        # permissions.py (its grants and its menu entries) can be imported here.
        collect_permissions()
        collect_menu()
        # The idle timeout's clock starts at login (also for tests' force_login).
        user_logged_in.connect(start_session_clocks, dispatch_uid="start_session_clocks")
        # A database connection lost in a middleware: tried again or answered 503
        # (DatabaseConnectionLostMiddleware).
        got_request_exception.connect(note_lost_connection, dispatch_uid="note_lost_connection")
