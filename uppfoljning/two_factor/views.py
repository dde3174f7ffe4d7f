"""The second factor's pages: verification after the password, enrolment, and the user's own
page ("Tvåstegsverifiering") with new backup codes and, where no role requires it, turning
it off."""

import logging
import math
from base64 import b32encode
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp import verify_token as otp_verify_token
from django_otp.oath import hotp
from django_otp.plugins.otp_totp.models import TOTPDevice

from .forms import APP, BACKUP, CodeForm
from .policy import (
    ENROLLED_SESSION_KEY,
    backup_device,
    has_device,
    is_verified,
    must_verify,
    new_backup_codes,
    required_by_role,
    reset_devices,
    totp_device,
    verify_in_session,
)

logger = logging.getLogger(__name__)


def next_url(request) -> str:
    """Where to go after the second factor: `next` if it is on this site, else the start."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def with_next(url_name: str, request) -> str:
    return f"{reverse(url_name)}?{urlencode({'next': next_url(request)})}"


def throttled_message(device) -> str | None:
    """Wrong codes in a row make django-otp wait (1, 2, 4, … seconds); say how long."""
    allowed, info = device.verify_is_allowed()
    if allowed:
        return None
    locked_until = (info or {}).get("locked_until")
    seconds = 1
    if locked_until is not None:
        seconds = max(1, math.ceil((locked_until - timezone.now()).total_seconds()))
    return ngettext(
        "Too many wrong codes in a row. Wait %(seconds)d second and try again.",
        "Too many wrong codes in a row. Wait %(seconds)d seconds and try again.",
        seconds,
    ) % {"seconds": seconds}


def reused(device, code: str) -> bool:
    """The code the app showed for the step last accepted: already used, so refused."""
    return device.last_t >= 0 and code == str(
        hotp(device.bin_key, device.last_t, digits=device.digits)
    ).zfill(device.digits)


class VerifyView(View):
    """After the password: six digits from the app, or one of the backup codes."""

    template_name = "two_factor/verify.html"

    def dispatch(self, request, *args, **kwargs):
        if is_verified(request):
            return redirect(next_url(request))
        if not has_device(request.user):
            if required_by_role(request.user):
                return redirect(with_next("two_factor:setup", request))
            # Enrolled of their own accord, and an admin has since removed the devices.
            request.session.pop(ENROLLED_SESSION_KEY, None)
            return redirect(next_url(request))
        return super().dispatch(request, *args, **kwargs)

    def render(self, request, form):
        context = {
            "form": form,
            "next": next_url(request),
            "two_factor_pending": True,
            "app_errors": form.kind_shown == APP,
            "backup_errors": form.kind_shown == BACKUP,
        }
        return render(request, self.template_name, context)

    def get(self, request):
        return self.render(request, CodeForm())

    def post(self, request):
        form = CodeForm(request.POST)
        if not form.is_valid():
            return self.render(request, form)
        code, is_totp = form.cleaned_data["code"], form.cleaned_data["kind"] == APP
        user = request.user
        device = totp_device(user) if is_totp else backup_device(user)
        if device is not None:
            waiting = throttled_message(device)
            if waiting:
                form.add_error("code", waiting)
                return self.render(request, form)
            verified = otp_verify_token(user, device.persistent_id, code)
            if verified is not None:
                verify_in_session(request, verified)
                logger.info(
                    "user %s passed the second factor (%s)", user.pk, type(verified).__name__
                )
                if not is_totp:
                    left = verified.codes.count()
                    messages.warning(
                        request,
                        ngettext(
                            "You logged in with a backup code. %(count)d backup code is left.",
                            "You logged in with a backup code. %(count)d backup codes are left.",
                            left,
                        )
                        % {"count": left},
                    )
                return redirect(next_url(request))
            device.refresh_from_db()
        logger.warning("user %s gave a wrong second-factor code", user.pk)
        if is_totp and device is not None and reused(device, code):
            form.add_error(
                "code", _("That code has already been used. Wait for the next code in the app.")
            )
        else:
            form.add_error(
                "code",
                _("The code is wrong or has expired. Enter the six digits the app shows now.")
                if is_totp
                else _("The backup code is wrong or has already been used."),
            )
        return self.render(request, form)


def qr_code_svg(device) -> str:
    """The key as a QR code, drawn here as inline SVG (no image service sees the key)."""
    svg = segno.make(device.config_url, error="m", micro=False).svg_inline(
        scale=5, light="#ffffff", dark="#000000", svgclass="qr-code", lineclass=None
    )
    label = _("QR code with the key for your authenticator app")
    return mark_safe(
        svg.replace("<svg ", format_html('<svg role="img" aria-label="{}" ', label), 1)
    )


def grouped_secret(device) -> str:
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


class SetupView(View):
    """Enrolment: scan the QR code (or type the key), confirm with a first code, then the
    backup codes are shown, once."""

    template_name = "two_factor/setup.html"

    def dispatch(self, request, *args, **kwargs):
        if has_device(request.user):
            # A second device is no way around the first: verify, or go to one's own page.
            if not is_verified(request):
                return redirect(with_next("two_factor:verify", request))
            return redirect("two_factor:manage")
        return super().dispatch(request, *args, **kwargs)

    def render(self, request, form, device):
        context = {
            "form": form,
            "next": next_url(request),
            "qr_code": qr_code_svg(device),
            "secret": grouped_secret(device),
            "account": device.user.get_username(),
            "issuer": settings.OTP_TOTP_ISSUER,
            "two_factor_pending": must_verify(request),
        }
        return render(request, self.template_name, context)

    def get(self, request):
        device = totp_device(request.user, confirmed=False)
        if device is None:
            device = TOTPDevice.objects.create(
                user=request.user, name="authenticator app", confirmed=False
            )
        return self.render(request, CodeForm(), device)

    def post(self, request):
        user = request.user
        device = totp_device(user, confirmed=False)
        if device is None:
            return redirect(with_next("two_factor:setup", request))
        form = CodeForm(request.POST)
        if form.is_valid():
            waiting = throttled_message(device)
            if waiting:
                form.add_error("code", waiting)
                return self.render(request, form, device)
            verified = otp_verify_token(user, device.persistent_id, form.cleaned_data["code"])
            if verified is not None:
                verified.confirmed = True
                verified.save(update_fields=["confirmed"])
                codes = new_backup_codes(user)
                verify_in_session(request, verified)
                if not required_by_role(user):
                    request.session[ENROLLED_SESSION_KEY] = True
                logger.info("user %s enrolled an authenticator app", user.pk)
                return render(
                    request,
                    "two_factor/backup_codes.html",
                    {"codes": codes, "next": next_url(request), "enrolled": True},
                )
            device.refresh_from_db()
            form.add_error(
                "code",
                _(
                    "The code is wrong or has expired. Check that the app shows the account "
                    "you just added and enter the six digits it shows now."
                ),
            )
        return self.render(request, form, device)


class ManageView(View):
    """The user's own page: whether the second factor is on, new backup codes, and turning it
    off where no role requires it."""

    template_name = "two_factor/manage.html"

    def get(self, request):
        user = request.user
        device = totp_device(user)
        backup = backup_device(user)
        context = {
            "device": device,
            "backup_left": backup.codes.count() if backup else 0,
            "required": required_by_role(user),
        }
        return render(request, self.template_name, context)

    def post(self, request):
        user = request.user
        action = request.POST.get("action")
        if action == "new_codes" and has_device(user):
            codes = new_backup_codes(user)
            logger.info("user %s made new backup codes", user.pk)
            return render(
                request,
                "two_factor/backup_codes.html",
                {"codes": codes, "next": reverse("two_factor:manage"), "enrolled": False},
            )
        if action == "turn_off" and not required_by_role(user):
            reset_devices(user)
            request.session.pop(ENROLLED_SESSION_KEY, None)
            request.session.pop(DEVICE_ID_SESSION_KEY, None)
            messages.success(request, _("Two-step verification is turned off."))
        return redirect("two_factor:manage")
