"""The one-time backup codes, kept only as salted HMAC-SHA256 hashes (OWASP ASVS 2.6.2).

django-otp's otp_static keeps its codes in plain text (StaticToken.token, 16 characters, no
room for a hash), and its StaticDevice.verify_token looks them up by equality. A device of
our own is less code and less fragile than bending StaticDevice: django-otp finds every
Device subclass of an installed app (devices_for_user, verify_token, OTPMiddleware), so
BackupCodeDevice takes part in verification, the session's verified device and an admin's
reset like any other device, and nothing overrides django-otp's internals.

A code has 40 random bits, too few to hash without salt or key: each row gets its own random
salt (ASVS asks for a 32-bit one; 128 bits here), and the HMAC is keyed by SECRET_KEY, so
that a copy of the database alone does not let anyone try all 2**40 codes. The codes are
checked against SECRET_KEY and SECRET_KEY_FALLBACKS, so that rotating the key leaves them
valid while the old key stays a fallback.
"""

import hmac
import re
import secrets
from base64 import b32encode

from django.conf import settings
from django.db import models
from django.utils.crypto import salted_hmac
from django_otp.models import Device, ThrottlingMixin, TimestampMixin

KEY_SALT = "uppfoljning.two_factor.BackupCode"


def normalise(code: str) -> str:
    """Spaces and hyphens are how apps and printouts group codes; they are not part of them."""
    return re.sub(r"[\s-]", "", code or "").lower()


def new_code() -> str:
    """Eight characters of base32 (40 random bits), as otp_static made them."""
    return b32encode(secrets.token_bytes(5)).decode().lower()


def new_salt() -> str:
    return secrets.token_hex(16)


def hash_code(code: str, salt: str, secret: str | None = None) -> str:
    """The stored form of a code. Also used by the migration that hashed otp_static's codes."""
    return salted_hmac(
        f"{KEY_SALT}.{salt}", normalise(code), secret=secret, algorithm="sha256"
    ).hexdigest()


def code_matches(code: str, salt: str, code_hash: str) -> bool:
    """In constant time, for the current key and each fallback."""
    secrets_ = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return any(hmac.compare_digest(hash_code(code, salt, secret), code_hash) for secret in secrets_)


class BackupCodeDevice(TimestampMixin, ThrottlingMixin, Device):
    """A user's backup codes; each is deleted when it is used."""

    def get_throttle_factor(self):
        # otp_static's setting, so that a deployment that set it keeps its value.
        return getattr(settings, "OTP_STATIC_THROTTLE_FACTOR", 1)

    def verify_token(self, token):
        allowed, _info = self.verify_is_allowed()
        if not allowed:
            return False
        # A salt per code means no lookup by hash: at most ten rows, each compared.
        match = next(
            (c for c in self.codes.all() if code_matches(token, c.salt, c.code_hash)), None
        )
        # Deleted only if still there: two requests with the same code, one gets in.
        if match is not None and BackupCode.objects.filter(pk=match.pk).delete()[0]:
            self.throttle_reset(commit=False)
            self.set_last_used_timestamp(commit=False)
            self.save()
            return True
        self.throttle_increment()
        return False

    def replace_codes(self, count: int) -> list[str]:
        """Delete the device's codes and make `count` new ones; returns them, to be shown
        once (only their hashes are kept)."""
        self.codes.all().delete()
        codes = [new_code() for _ in range(count)]
        salts = [new_salt() for _ in codes]
        BackupCode.objects.bulk_create(
            BackupCode(device=self, salt=salt, code_hash=hash_code(code, salt))
            for code, salt in zip(codes, salts, strict=True)
        )
        return codes


class BackupCode(models.Model):
    device = models.ForeignKey(BackupCodeDevice, related_name="codes", on_delete=models.CASCADE)
    salt = models.CharField(max_length=32)
    code_hash = models.CharField(max_length=64)

    def __str__(self):
        return f"backup code {self.pk} of device {self.device_id}"  # never the code
