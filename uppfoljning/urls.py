from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path

from followups.calloff.api import call_off_status_api

from .throttling import LoginForm, ThrottledPasswordResetForm
from .views import DashboardView, PingView

urlpatterns = [
    path("", DashboardView.as_view(), name="dashboard"),
    path("login/", auth_views.LoginView.as_view(form_class=LoginForm), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/2fa/", include("uppfoljning.two_factor.urls")),
    # Your own password: changed when logged in, reset by e-mail from the login page.
    path("password/change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "password/reset/",
        auth_views.PasswordResetView.as_view(
            form_class=ThrottledPasswordResetForm,
            extra_email_context={"valid_minutes": settings.PASSWORD_RESET_TIMEOUT // 60},
        ),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("register/", include("suppliers.urls")),
    path("followups/", include("followups.urls")),
    path("reports/", include("reports.urls")),
    path("calloff/", include("followups.calloff.urls")),
    re_path(r"^api/v1/call-off-status/?$", call_off_status_api, name="api_call_off_status"),
    path("ping/", PingView.as_view(), name="ping"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]
