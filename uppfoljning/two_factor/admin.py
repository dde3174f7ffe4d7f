"""otp_static's admin would show backup codes in plain text and let new ones be typed in; the
codes are uppfoljning.two_factor's hashed BackupCodes now (models.py), and an admin's recovery
is the reset action on the user pages (uppfoljning/admin.py)."""

from django.contrib import admin
from django_otp.plugins.otp_static.models import StaticDevice

if admin.site.is_registered(StaticDevice):
    admin.site.unregister(StaticDevice)
