"""Celery tasks of the project itself (beat: "core.dispatch_pending", every minute)."""

from celery import shared_task

from .core import dispatch


@shared_task(name="core.dispatch_pending")
def dispatch_pending() -> int:
    """Send the tasks recorded while the broker was down; returns how many were sent."""
    return dispatch.dispatch_pending()
