"""The PDF jobs in the admin: superusers see every job, its state and its error; read-only."""

from django.contrib import admin

from uppfoljning.core.admin import SuperuserReadOnlyAdmin

from .models import ReportJob


@admin.register(ReportJob)
class ReportJobAdmin(SuperuserReadOnlyAdmin):
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
