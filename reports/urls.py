from django.urls import path  # noqa: F401  (each document appends its paths below)

app_name = "reports"

urlpatterns: list = []
