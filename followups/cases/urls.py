"""Follow-ups, findings, deviations and the strategist's desk."""

from django.urls import path

from .views import deviations, findings, followups, methods

# Mounted by followups/urls.py without a namespace of its own: the names stay followups:*.
urlpatterns = [
    path("", followups.FollowUpListView.as_view(), name="followup_list"),
    path("new/", followups.FollowUpCreateView.as_view(), name="followup_add"),
    path("desk/", followups.DeskView.as_view(), name="desk"),
    path("<int:pk>/", followups.FollowUpDetailView.as_view(), name="followup_detail"),
    path("<int:pk>/edit/", followups.FollowUpUpdateView.as_view(), name="followup_edit"),
    path("<int:pk>/start/", followups.FollowUpStartView.as_view(), name="followup_start"),
    path("<int:pk>/complete/", followups.FollowUpCompleteView.as_view(), name="followup_complete"),
    path("<int:pk>/scope/", followups.FollowUpScopeView.as_view(), name="followup_scope"),
    path(
        "<int:pk>/selection/", followups.FollowUpSelectionView.as_view(), name="followup_selection"
    ),
    path("<int:pk>/assessments/", methods.AssessmentGridView.as_view(), name="assessment_grid"),
    path("<int:pk>/surveys/new/", methods.SurveyCreateView.as_view(), name="survey_add"),
    path("surveys/<int:pk>/areas/", methods.SurveyAreasView.as_view(), name="survey_areas"),
    path("<int:pk>/interviews/new/", methods.InterviewCreateView.as_view(), name="interview_add"),
    path(
        "<int:pk>/documents/new/",
        methods.DocumentRequestCreateView.as_view(),
        name="documentrequest_add",
    ),
    path("<int:pk>/visits/new/", methods.VisitCreateView.as_view(), name="visit_add"),
    path("<int:pk>/findings/new/", findings.FindingCreateView.as_view(), name="finding_add"),
    path("findings/<int:pk>/", findings.FindingDetailView.as_view(), name="finding_detail"),
    path(
        "findings/<int:pk>/feedback/",
        findings.FindingFeedbackView.as_view(),
        name="finding_feedback",
    ),
    path(
        "findings/<int:pk>/action-plan/",
        findings.FindingActionPlanView.as_view(),
        name="finding_action_plan",
    ),
    path("findings/<int:pk>/verify/", findings.FindingVerifyView.as_view(), name="finding_verify"),
    path(
        "findings/<int:pk>/escalate/",
        findings.FindingEscalateView.as_view(),
        name="finding_escalate",
    ),
    path(
        "findings/<int:pk>/decision/",
        findings.FindingDecisionView.as_view(),
        name="finding_decision",
    ),
    path("deviations/", deviations.DeviationListView.as_view(), name="deviation_list"),
    path("deviations/new/", deviations.DeviationCreateView.as_view(), name="deviation_add"),
    path("deviations/mine/", deviations.MyDeviationsView.as_view(), name="my_deviations"),
    path("deviations/<int:pk>/", deviations.DeviationDetailView.as_view(), name="deviation_detail"),
    path(
        "deviations/<int:pk>/triage/",
        deviations.DeviationTriageView.as_view(),
        name="deviation_triage",
    ),
]
