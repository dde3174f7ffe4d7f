"""Scheduled controls: rules, work items and control rounds."""

from django.urls import path

from . import views

# Mounted by followups/urls.py without a namespace of its own: the names stay followups:*.
urlpatterns = [
    path("rules/", views.ControlRuleListView.as_view(), name="controlrule_list"),
    path("rules/new/", views.ControlRuleCreateView.as_view(), name="controlrule_add"),
    path("rules/<int:pk>/", views.ControlRuleDetailView.as_view(), name="controlrule_detail"),
    path("rules/<int:pk>/edit/", views.ControlRuleUpdateView.as_view(), name="controlrule_edit"),
    path("work/", views.WorkItemListView.as_view(), name="workitem_list"),
    path("work/<int:pk>/", views.WorkItemDetailView.as_view(), name="workitem_detail"),
    path("work/<int:pk>/status/", views.WorkItemStatusView.as_view(), name="workitem_status"),
    path("work/<int:pk>/round/", views.ControlRoundView.as_view(), name="control_round"),
]
