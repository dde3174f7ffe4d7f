"""The Celery app; configuration is read from Django settings (CELERY_ namespace)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "uppfoljning.settings.local")

app = Celery("uppfoljning")
app.config_from_object("django.conf:settings", namespace="CELERY")
# Tasks live in the tasks.py of the package whose work they do; list each such package.
app.autodiscover_tasks(
    ["uppfoljning", "uppfoljning.audit", "followups.control", "followups.feeds", "reports"]
)
