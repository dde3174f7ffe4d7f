"""Follow-ups, findings, deviations and the strategist's desk."""

from django.urls import path

from . import views

# Mounted by followups/urls.py without a namespace of its own: the names stay followups:*.
urlpatterns = [
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
