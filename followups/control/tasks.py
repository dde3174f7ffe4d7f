"""Thin Celery tasks: each takes plain values, calls a service, and may safely run twice."""

import datetime
import logging

from celery import shared_task
from django.conf import settings
from django.db import DatabaseError

from followups.control import digest, services

logger = logging.getLogger(__name__)

RETRY = {
    "autoretry_for": (services.SweepIncomplete, DatabaseError),
    # Seconds before the first retry, doubling each time (with jitter) up to half an hour.
    "retry_backoff": getattr(settings, "FOLLOWUPS_TASK_RETRY_BACKOFF", 30),
    "retry_backoff_max": 30 * 60,
    "retry_jitter": True,
    "max_retries": 5,
}


@shared_task(name="followups.sweep", **RETRY)
def sweep(on: str | None = None, rule_ids: list[int] | None = None) -> int:
    """Evaluate the control rules (all, or some) and create the work items due."""
    day = datetime.date.fromisoformat(on) if on else None
    return services.sweep(on=day, rule_ids=rule_ids).created


@shared_task(name="followups.weekly_digest", **RETRY)
def weekly_digest(on: str | None = None) -> int:
    """E-mail each strategist what is due and overdue; at most once a week per person."""
    day = datetime.date.fromisoformat(on) if on else None
    return digest.send_weekly_digests(on=day)
