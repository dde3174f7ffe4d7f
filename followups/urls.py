from django.urls import path

app_name = "followups"

urlpatterns: list = []

# --- Checks ------------------------------------------------------------------------------
from followups import check_views  # noqa: E402

urlpatterns += [
    path("checks/", check_views.CheckListView.as_view(), name="check_list"),
    path("checks/export/", check_views.CheckExportView.as_view(), name="check_export"),
    path("checks/new/", check_views.CheckKindChoiceView.as_view(), name="check_add"),
    path("checks/new/<str:kind>/", check_views.CheckCreateView.as_view(), name="check_add_kind"),
    path("checks/bulk/", check_views.CheckBulkView.as_view(), name="check_bulk"),
    path("checks/<int:pk>/", check_views.CheckDetailView.as_view(), name="check_detail"),
    path("checks/<int:pk>/edit/", check_views.CheckUpdateView.as_view(), name="check_edit"),
]
