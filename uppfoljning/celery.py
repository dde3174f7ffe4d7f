"""The Celery app; configuration is read from Django settings (CELERY_ namespace)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "uppfoljning.settings.local")

app = Celery("uppfoljning")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
