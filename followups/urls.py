from django.urls import include, path

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

# Follow-ups, findings, deviations and the strategist's desk.
from . import views  # noqa: E402

urlpatterns += [
    path("", views.FollowUpListView.as_view(), name="followup_list"),
    path("new/", views.FollowUpCreateView.as_view(), name="followup_add"),
    path("desk/", views.DeskView.as_view(), name="desk"),
    path("<int:pk>/", views.FollowUpDetailView.as_view(), name="followup_detail"),
    path("<int:pk>/edit/", views.FollowUpUpdateView.as_view(), name="followup_edit"),
    path("<int:pk>/start/", views.FollowUpStartView.as_view(), name="followup_start"),
    path("<int:pk>/complete/", views.FollowUpCompleteView.as_view(), name="followup_complete"),
    path("<int:pk>/scope/", views.FollowUpScopeView.as_view(), name="followup_scope"),
    path("<int:pk>/selection/", views.FollowUpSelectionView.as_view(), name="followup_selection"),
    path("<int:pk>/assessments/", views.AssessmentGridView.as_view(), name="assessment_grid"),
    path("<int:pk>/surveys/new/", views.SurveyCreateView.as_view(), name="survey_add"),
    path("surveys/<int:pk>/areas/", views.SurveyAreasView.as_view(), name="survey_areas"),
    path("<int:pk>/interviews/new/", views.InterviewCreateView.as_view(), name="interview_add"),
    path(
        "<int:pk>/documents/new/",
        views.DocumentRequestCreateView.as_view(),
        name="documentrequest_add",
    ),
    path("<int:pk>/visits/new/", views.VisitCreateView.as_view(), name="visit_add"),
    path("<int:pk>/findings/new/", views.FindingCreateView.as_view(), name="finding_add"),
    path("findings/<int:pk>/", views.FindingDetailView.as_view(), name="finding_detail"),
    path(
        "findings/<int:pk>/feedback/",
        views.FindingFeedbackView.as_view(),
        name="finding_feedback",
    ),
    path(
        "findings/<int:pk>/action-plan/",
        views.FindingActionPlanView.as_view(),
        name="finding_action_plan",
    ),
    path("findings/<int:pk>/verify/", views.FindingVerifyView.as_view(), name="finding_verify"),
    path(
        "findings/<int:pk>/escalate/",
        views.FindingEscalateView.as_view(),
        name="finding_escalate",
    ),
    path(
        "findings/<int:pk>/decision/",
        views.FindingDecisionView.as_view(),
        name="finding_decision",
    ),
    path("deviations/", views.DeviationListView.as_view(), name="deviation_list"),
    path("deviations/new/", views.DeviationCreateView.as_view(), name="deviation_add"),
    path("deviations/<int:pk>/", views.DeviationDetailView.as_view(), name="deviation_detail"),
    path(
        "deviations/<int:pk>/triage/",
        views.DeviationTriageView.as_view(),
        name="deviation_triage",
    ),
]

# Data feeds: upload, dry run, import.
from .feeds import views as feed_views  # noqa: E402

urlpatterns += [
    path("feeds/", feed_views.FeedListView.as_view(), name="feed_list"),
    path("feeds/new/", feed_views.FeedUploadView.as_view(), name="feed_upload"),
    path("feeds/<int:pk>/", feed_views.FeedDetailView.as_view(), name="feed_detail"),
    path("feeds/<int:pk>/import/", feed_views.FeedImportView.as_view(), name="feed_import"),
]

# The risk ranking, the yearly plan and the coverage of the special follow-up.
urlpatterns += [path("", include("followups.planning.urls"))]
