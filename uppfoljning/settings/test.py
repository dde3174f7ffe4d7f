"""Test settings: DATABASE_URL decides the database (CI uses PostgreSQL)."""

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Retried tasks run again within a second in the worker tests.
FOLLOWUPS_TASK_RETRY_BACKOFF = 1
