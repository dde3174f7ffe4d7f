"""The PDF jobs in the admin: superusers see every job, its state and its error; read-only."""

from django.contrib import admin

from .models import ReportJob


@admin.register(ReportJob)
class ReportJobAdmin(admin.ModelAdmin):
    list_display = [
        "requested_at",
        "report",
        "requested_by",
        "status",
        "progress",
        "step",
        "heartbeat_at",
        "finished_at",
    ]
    list_filter = ["status", ("requested_at", admin.DateFieldListFilter)]
    list_select_related = ["report", "requested_by"]
    date_hierarchy = "requested_at"
    actions = None
    fields = [
        "report",
        "requested_by",
        "requested_at",
        "status",
        "progress",
        "step",
        "heartbeat_at",
        "requeued",
        "error",
        "result",
        "finished_at",
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
