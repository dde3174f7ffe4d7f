from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SuppliersConfig(AppConfig):
    name = "suppliers"
    verbose_name = _("Supplier register")

    def ready(self):
        from uppfoljning import roles

        # The call-off check (avropskontroll): coordinators and strategists see statuses,
        # call-off orders and log checks; strategists see every logged check, coordinators
        # their own. Caseworkers may look at a status (it is not secret and helps them
        # answer "can we use this provider?") but do not log call-offs; board readers don't.
        status = {"suppliers.view_call_off_status"}
        roles.register_role_permissions(
            roles.STRATEGIST,
            status | {"suppliers.add_placementcheck", "suppliers.view_placementcheck"},
        )
        roles.register_role_permissions(
            roles.COORDINATOR,
            status | {"suppliers.add_placementcheck", "suppliers.view_own_placementcheck"},
        )
        roles.register_role_permissions(roles.CASEWORKER, status)
