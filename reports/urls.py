"""Generated documents for the board."""

from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.ReportListView.as_view(), name="report_list"),
    path("annual/new/", views.AnnualReportCreateView.as_view(), name="annual_add"),
    path("plan/new/", views.PlanDocumentCreateView.as_view(), name="plan_add"),
    path("followup/new/", views.FollowupDocumentCreateView.as_view(), name="followup_add"),
    path("<int:pk>/", views.ReportDetailView.as_view(), name="report_detail"),
    path("<int:pk>/preview/", views.ReportPreviewView.as_view(), name="report_preview"),
    path("<int:pk>/edit/", views.ReportEditView.as_view(), name="report_edit"),
    path("<int:pk>/generate/", views.ReportGenerateView.as_view(), name="report_generate"),
    path("<int:pk>/finalise/", views.ReportFinaliseView.as_view(), name="report_finalise"),
    path("jobs/<int:pk>/", views.ReportJobView.as_view(), name="job_status"),
    path("files/<int:pk>/", views.FileDownloadView.as_view(), name="file_download"),
]
