"""The daily retention purge, put on beat's schedule by migration 0003."""

from celery import shared_task

from . import services


@shared_task(name="audit.purge")
def purge() -> int:
    """Delete the audit rows older than AUDIT_RETENTION_DAYS; returns how many."""
    return services.purge()
