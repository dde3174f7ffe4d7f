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

# Scheduled controls: rules, work items and control rounds.
from . import work_views  # noqa: E402

urlpatterns += [
    path("rules/", work_views.ControlRuleListView.as_view(), name="controlrule_list"),
    path("rules/new/", work_views.ControlRuleCreateView.as_view(), name="controlrule_add"),
    path("rules/<int:pk>/", work_views.ControlRuleDetailView.as_view(), name="controlrule_detail"),
    path(
        "rules/<int:pk>/edit/", work_views.ControlRuleUpdateView.as_view(), name="controlrule_edit"
    ),
    path("work/", work_views.WorkItemListView.as_view(), name="workitem_list"),
    path("work/<int:pk>/", work_views.WorkItemDetailView.as_view(), name="workitem_detail"),
    path("work/<int:pk>/status/", work_views.WorkItemStatusView.as_view(), name="workitem_status"),
    path("work/<int:pk>/round/", work_views.ControlRoundView.as_view(), name="control_round"),
]
