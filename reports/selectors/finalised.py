"""The documents the board has received: finalised, with the file that was frozen."""

from django.db.models import QuerySet

from reports.models import Report, ReportStatus


def finalised_reports() -> QuerySet[Report]:
    """Finalised documents, the most recently finalised first."""
    return (
        Report.objects.filter(status=ReportStatus.FINALISED)
        .select_related("board", "final_file")
        .order_by("-finalised_at", "-pk")
    )
