"""The audit log in the admin: superusers read and filter it; nobody adds, changes or deletes.

Everyone else, staff included, is refused (the admin answers 403), and the refusal is
itself a row of the log.
"""

from django.contrib import admin

from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "username", "action", "object_type", "object_label", "ip", "path"]
    list_filter = ["action", "user", ("at", admin.DateFieldListFilter)]
    search_fields = ["username", "object_label", "object_id", "path"]
    date_hierarchy = "at"
    list_select_related = False
    show_full_result_count = False
    actions = None
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
    readonly_fields = fields

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
