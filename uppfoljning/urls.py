from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path

from followups.calloff.api import call_off_status_api

from .throttling import LoginForm
from .views import DashboardView, PingView

urlpatterns = [
    path("", DashboardView.as_view(), name="dashboard"),
    path("login/", auth_views.LoginView.as_view(form_class=LoginForm), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("register/", include("suppliers.urls")),
    path("followups/", include("followups.urls")),
    path("reports/", include("reports.urls")),
    path("calloff/", include("followups.calloff.urls")),
    re_path(r"^api/v1/call-off-status/?$", call_off_status_api, name="api_call_off_status"),
    path("ping/", PingView.as_view(), name="ping"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]
