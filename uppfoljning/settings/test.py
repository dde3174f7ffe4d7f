"""Test settings: DATABASE_URL decides the database (CI uses PostgreSQL)."""

from .base import *  # noqa: F403
from .base import env

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tests own their cache; a shared Redis would leak state between tests and runs.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Tasks run in-process in tests. A test that needs the real thing starts a Celery worker
# itself against this broker (CI exports REDIS_URL) and sets task_always_eager off.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="") or env("REDIS_URL", default="")
CELERY_TASK_ALWAYS_EAGER = True

# Retried tasks run again within a second in the worker tests.
FOLLOWUPS_TASK_RETRY_BACKOFF = 1
