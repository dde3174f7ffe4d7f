"""Sending Celery tasks safely: after the commit, and never lost when the broker is down.

`enqueue_on_commit` is the one way the project sends a task. It waits for the transaction to
commit (a rolled-back save sends nothing). If the broker cannot be reached, the user's save
still stands and nothing is raised: the task is recorded as a `PendingDispatch` row, and
`dispatch_pending` (Celery beat, every minute: "core.dispatch_pending") sends it once the
broker answers again. Tasks sent this way must be safe to run twice (keyed by their object's
id and its state), since a send that timed out may still have reached the broker.
"""

import logging

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from kombu.exceptions import OperationalError as BrokerError

logger = logging.getLogger(__name__)

# What a producer raises when Redis is down or unreachable.
BROKER_ERRORS = (BrokerError, ConnectionError, OSError)
# One quick retry at the send; the connection timeout (CELERY_BROKER_CONNECTION_TIMEOUT)
# bounds each attempt, so a request waits seconds, not minutes, when the broker is down.
RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2}


class PendingDispatch(models.Model):
    """A task that could not be sent because the broker was down; sent again later."""

    key = models.CharField(_("key"), max_length=200, db_index=True, blank=True)
    task = models.CharField(_("task"), max_length=200)
    args = models.JSONField(_("arguments"), default=list)
    kwargs = models.JSONField(_("keyword arguments"), default=dict)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=1)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        app_label = "uppfoljning"
        ordering = ["created_at", "pk"]
        verbose_name = _("task waiting for the queue")
        verbose_name_plural = _("tasks waiting for the queue")

    def __str__(self):
        return f"{self.task} {self.key}"


def _send(task_name: str, args, kwargs) -> None:
    from celery import current_app

    current_app.send_task(
        task_name, args=args, kwargs=kwargs, retry=True, retry_policy=RETRY_POLICY
    )


def _send_or_record(task, args, kwargs, key) -> None:
    if task.app.conf.task_always_eager:
        # No broker (the embedded default, and tests): the task runs here and now.
        task.apply_async(args=args, kwargs=kwargs)
        return
    try:
        task.apply_async(args=args, kwargs=kwargs, retry=True, retry_policy=RETRY_POLICY)
    except BROKER_ERRORS as exc:
        logger.warning("Broker unavailable; %s %s waits for the dispatcher", task.name, key)
        PendingDispatch.objects.create(
            key=key, task=task.name, args=list(args), kwargs=kwargs, error=str(exc)[:2000]
        )


def enqueue_on_commit(task, *, args=(), kwargs=None, key: str = "") -> None:
    """Send `task` once the current transaction commits, never if it rolls back.

    `key` names the work (e.g. "reports.job:12"), so a page can ask `is_pending(key)` and say
    that it starts when the queue is available."""
    args, kwargs = list(args), dict(kwargs or {})
    transaction.on_commit(lambda: _send_or_record(task, args, kwargs, key))


def is_pending(key: str) -> bool:
    """Whether the work named `key` is waiting for the broker."""
    return bool(key) and PendingDispatch.objects.filter(key=key).exists()


def dispatch_pending(limit: int = 500) -> int:
    """Send what was recorded while the broker was down, oldest first; returns how many.

    Stops at the first failure (the broker is still down) and leaves the rest for the next run.
    A row is deleted only after its task reached the broker."""
    sent = 0
    for pending in PendingDispatch.objects.all()[:limit]:
        try:
            _send(pending.task, pending.args, pending.kwargs)
        except BROKER_ERRORS as exc:
            PendingDispatch.objects.filter(pk=pending.pk).update(
                attempts=models.F("attempts") + 1, error=str(exc)[:2000]
            )
            logger.warning(
                "Broker still unavailable; %d tasks wait", PendingDispatch.objects.count()
            )
            break
        PendingDispatch.objects.filter(pk=pending.pk).delete()
        sent += 1
    return sent
