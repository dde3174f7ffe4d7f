"""The audit log in the admin: superusers read and filter it; nobody adds, changes or deletes.

Everyone else, staff included, is refused (the admin answers 403), and the refusal is
itself a row of the log.
"""

from django.contrib import admin

from uppfoljning.core.admin import SuperuserReadOnlyAdmin

from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(SuperuserReadOnlyAdmin):
    list_display = ["at", "username", "action", "object_type", "object_label", "ip", "path"]
    list_filter = ["action", "user", ("at", admin.DateFieldListFilter)]
    search_fields = ["username", "object_label", "object_id", "path"]
    date_hierarchy = "at"
    list_select_related = False
    show_full_result_count = False
    fields = [
        "at",
        "username",
        "ip",
        "action",
        "object_type",
        "object_id",
        "object_label",
        "path",
        "detail",
    ]
