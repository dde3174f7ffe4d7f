"""Check pages: the list and export, recording one or many, a check's page."""

from django.urls import path

from . import record_views, views

# Mounted by followups/urls.py without a namespace of its own: the names stay followups:*.
urlpatterns = [
    path("checks/", views.CheckListView.as_view(), name="check_list"),
    path("checks/export/", views.CheckExportView.as_view(), name="check_export"),
    path("checks/new/", record_views.CheckKindChoiceView.as_view(), name="check_add"),
    path("checks/new/<str:kind>/", record_views.CheckCreateView.as_view(), name="check_add_kind"),
    path("checks/bulk/", record_views.CheckBulkView.as_view(), name="check_bulk"),
    path("checks/<int:pk>/", views.CheckDetailView.as_view(), name="check_detail"),
    path("checks/<int:pk>/edit/", record_views.CheckUpdateView.as_view(), name="check_edit"),
]
