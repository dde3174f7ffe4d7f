"""The planning pages, included by `followups/urls.py` (so their names stay `followups:...`)."""

from django.urls import path

from . import views

urlpatterns = [
    # Risk assessment: the ranking that the yearly plan rests on.
    path("risk/", views.RiskView.as_view(), name="risk"),
    # The yearly plan: proposal from the risk ranking, the strategist's changes, acceptance.
    path("plans/", views.PlanListView.as_view(), name="plan_list"),
    path("plans/new/", views.PlanProposeView.as_view(), name="plan_add"),
    path("plans/<int:pk>/", views.PlanDetailView.as_view(), name="plan_detail"),
    path("plans/<int:pk>/texts/", views.PlanTextsView.as_view(), name="plan_texts"),
    path("plans/<int:pk>/propose/", views.PlanReproposeView.as_view(), name="plan_repropose"),
    path("plans/entries/<int:pk>/", views.PlanEntryView.as_view(), name="plan_entry"),
    # Coverage of the special follow-up: every agreement at least once in its period.
    path("coverage/", views.CoverageView.as_view(), name="coverage"),
]
