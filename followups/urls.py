"""The follow-up app's pages: each sub-package brings its own urls, all named followups:*."""

from django.urls import include, path

from followups import coverage_views, plan_views, risk_views

app_name = "followups"

urlpatterns = [
    path("", include("followups.checks.urls")),
    path("", include("followups.control.urls")),
    path("", include("followups.cases.urls")),
    path("", include("followups.feeds.urls")),
]

# Risk assessment: the ranking that the yearly plan rests on.
urlpatterns += [path("risk/", risk_views.RiskView.as_view(), name="risk")]

# The yearly plan: proposal from the risk ranking, the strategist's changes, acceptance.
urlpatterns += [
    path("plans/", plan_views.PlanListView.as_view(), name="plan_list"),
    path("plans/new/", plan_views.PlanProposeView.as_view(), name="plan_add"),
    path("plans/<int:pk>/", plan_views.PlanDetailView.as_view(), name="plan_detail"),
    path("plans/<int:pk>/texts/", plan_views.PlanTextsView.as_view(), name="plan_texts"),
    path("plans/<int:pk>/propose/", plan_views.PlanReproposeView.as_view(), name="plan_repropose"),
    path("plans/entries/<int:pk>/", plan_views.PlanEntryView.as_view(), name="plan_entry"),
]

# Coverage of the special follow-up: every agreement at least once in its period.
urlpatterns += [path("coverage/", coverage_views.CoverageView.as_view(), name="coverage")]
