"""Celery tasks of the data feeds: thin, take an id, call a service."""

from celery import shared_task

from . import services


@shared_task(acks_late=True)
def run_feed(feed_id: int) -> str:
    """Check or import one large uploaded file; a finished one is not run twice."""
    return services.feed_run(feed_id=feed_id).status
