"""The follow-up app's pages: each sub-package brings its own urls, all named followups:*."""

from django.urls import include, path

app_name = "followups"

urlpatterns = [
    path("", include("followups.checks.urls")),
    path("", include("followups.control.urls")),
    path("", include("followups.cases.urls")),
    path("", include("followups.feeds.urls")),
    # The risk ranking, the yearly plan and the coverage of the special follow-up.
    path("", include("followups.planning.urls")),
]
