from django.urls import path

app_name = "followups"

urlpatterns: list = []

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
