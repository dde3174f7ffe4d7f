from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from .views import DashboardView, PingView

urlpatterns = [
    path("", DashboardView.as_view(), name="dashboard"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("register/", include("suppliers.urls")),
    path("followups/", include("followups.urls")),
    path("reports/", include("reports.urls")),
    path("ping/", PingView.as_view(), name="ping"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]
