from django.urls import path  # noqa: F401  (each area appends its paths below)

app_name = "followups"

urlpatterns: list = []
