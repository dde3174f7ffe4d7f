from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SuppliersConfig(AppConfig):
    name = "suppliers"
    verbose_name = _("Supplier register")

    def ready(self):
        from uppfoljning import roles
        from uppfoljning.core import navigation as nav

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

        # The menu: the register, and the call-off pages (the log also for strategists,
        # who see every logged check).
        nav.register_entry(
            nav.REGISTER,
            _("Framework agreements"),
            "suppliers:agreement_list",
            "suppliers.view_frameworkagreement",
            order=10,
        )
        nav.register_entry(
            nav.REGISTER,
            _("Suppliers"),
            "suppliers:supplier_list",
            "suppliers.view_supplier",
            order=20,
        )
        nav.register_entry(
            nav.REGISTER, _("Units"), "suppliers:unit_list", "suppliers.view_unit", order=30
        )
        nav.register_entry(
            nav.REGISTER,
            _("Contracts"),
            "suppliers:contract_list",
            "suppliers.view_contract",
            order=40,
        )
        nav.register_entry(
            nav.REGISTER,
            _("Exclusions"),
            "suppliers:exclusion_list",
            "suppliers.view_exclusion",
            order=50,
        )
        nav.register_entry(
            nav.REGISTER,
            _("Purchases"),
            "suppliers:purchase_list",
            "suppliers.view_purchase",
            order=60,
        )
        nav.register_entry(
            nav.CALL_OFF,
            _("Call-off check"),
            "calloff:search",
            "suppliers.view_call_off_status",
            order=10,
        )
        nav.register_entry(
            nav.CALL_OFF,
            _("Call-off log"),
            "calloff:log_list",
            ("suppliers.view_placementcheck", "suppliers.view_own_placementcheck"),
            order=20,
        )
