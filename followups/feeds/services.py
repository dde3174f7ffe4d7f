"""Previewing and importing a feed file: a dry run first, then all or nothing.

A file up to FEEDS_BACKGROUND_BYTES is checked and imported while the strategist waits.
A larger one is stored first and handed to a Celery task (`tasks.run_feed`), as report
PDFs are; its page shows the progress until the task is done. The work itself runs in
one transaction, invisible to other connections, so the progress goes through the cache
(shared by every process when REDIS_URL is set; without a broker the task runs in-process).
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from uppfoljning.core import formatting
from uppfoljning.core.dispatch import enqueue_on_commit
from uppfoljning.core.errors import DomainError

from ..models import FeedImport, FeedImportStatus
from .base import FeedResult
from .credit import CreditFeed
from .ivo import IvoFeed
from .parsing import file_size, read_table
from .purchases import PurchaseFeed
from .register import RegisterFeed

logger = logging.getLogger(__name__)

FEEDS = {f.kind: f for f in (RegisterFeed, PurchaseFeed, CreditFeed, IvoFeed)}


def too_large_message() -> str:
    return _("The file is larger than %(max)s. Split it into smaller files.") % {
        "max": file_size(settings.FEEDS_MAX_UPLOAD_BYTES)
    }


def runs_in_background(size: int) -> bool:
    return size > settings.FEEDS_BACKGROUND_BYTES


# --- progress -----------------------------------------------------------------------------


def _progress_key(feed_id: int) -> str:
    return f"feeds:progress:{feed_id}"


def feed_progress(feed: FeedImport) -> dict:
    """How far a background run has come: {"percent", "step"}."""
    return cache.get(_progress_key(feed.pk)) or {"percent": 0, "step": _("Queued")}


def _reporter(feed_id: int, *, importing: bool):
    def progress(read: int, expected: int) -> None:
        percent = min(99, int(100 * read / expected)) if expected else 0
        numbers = {
            "read": formatting.format_int(read),
            "expected": formatting.format_int(max(expected, read)),
        }
        if importing:
            step = _("Row %(read)s of about %(expected)s imported.") % numbers
        else:
            step = _("Row %(read)s of about %(expected)s checked.") % numbers
        cache.set(_progress_key(feed_id), {"percent": percent, "step": step}, 60 * 60)

    return progress


# --- preview ------------------------------------------------------------------------------


def feed_preview(*, kind: str, file_name: str, content: bytes, user) -> FeedImport:
    """Store the file and what importing it would do; nothing in the register changes.

    A file that cannot be opened is refused here (DomainError) and not stored. A large file
    is stored and checked by a task: its status is CHECKING until the summary is there.
    """
    if kind not in FEEDS:
        raise DomainError(_("Choose the kind of file."))
    if len(content) > settings.FEEDS_MAX_UPLOAD_BYTES:
        raise DomainError(too_large_message())
    read_table(content, file_name).close()  # an unreadable file goes back to the form
    fields = {
        "kind": kind,
        "file_name": file_name[:255],
        "content": content,
        "sha256": hashlib.sha256(content).hexdigest(),
        "size": len(content),
        "uploaded_by": user,
    }
    if runs_in_background(len(content)):
        return _queue(FeedImport(status=FeedImportStatus.CHECKING, **fields))
    result = _check(kind, content, file_name, user=user)
    return FeedImport.objects.create(summary=result.as_dict(), **fields)


def _check(kind, content, file_name, *, user, progress=None) -> FeedResult:
    feed = FEEDS[kind](user=user, today=timezone.localdate())
    return feed.run(content, file_name, commit=False, progress=progress)


@transaction.atomic
def _queue(feed: FeedImport) -> FeedImport:
    from .tasks import run_feed

    feed.save()
    cache.delete(_progress_key(feed.pk))
    enqueue_on_commit(run_feed, args=[feed.pk], key=feed.dispatch_key)
    return feed


# --- import -------------------------------------------------------------------------------


def feed_import(*, feed: FeedImport, user) -> FeedImport:
    """Import a previewed file: every row, or, if any row is bad, nothing.

    A large file is imported by a task; the returned feed then has status IMPORTING.
    """
    feed, result = _start_import(feed, user=user)
    if result is not None and result.error_count:
        raise DomainError(_nothing_imported(result))
    return feed


@transaction.atomic
def _start_import(feed: FeedImport, *, user) -> tuple[FeedImport, FeedResult | None]:
    feed = FeedImport.objects.select_for_update().get(pk=feed.pk)
    if feed.status == FeedImportStatus.IMPORTING:
        raise DomainError(_("This file is already being imported."))
    if feed.status != FeedImportStatus.PREVIEWED:
        raise DomainError(_("This file has already been imported."))
    if feed.summary.get("error_count", len(feed.summary.get("errors", []))):
        raise DomainError(_("The file has errors; correct them and upload it again."))
    feed.imported_by = user
    feed.error = ""
    if runs_in_background(feed.size):
        feed.status = FeedImportStatus.IMPORTING
        feed.save(update_fields=["status", "imported_by", "error"])
        return _queue(feed), None
    return feed, _import(feed, user=user)


def _nothing_imported(result: FeedResult) -> str:
    return _("Nothing was imported: %(count)s rows have errors.") % {"count": result.error_count}


def _import(feed: FeedImport, *, user, progress=None) -> FeedResult:
    """Import a locked feed in the caller's transaction; with errors, store only them."""
    result = FEEDS[feed.kind](user=user, today=timezone.localdate()).run(
        bytes(feed.content), feed.file_name, commit=True, progress=progress
    )
    feed.summary = result.as_dict()
    if result.error_count:
        # The file changed nothing; what was found replaces the preview's summary.
        feed.status = FeedImportStatus.PREVIEWED
    else:
        feed.status = FeedImportStatus.IMPORTED
        feed.imported_at = timezone.now()
    feed.save()
    return result


# --- the background run -------------------------------------------------------------------


def feed_run(*, feed_id: int) -> FeedImport:
    """Check or import a queued file (the task's work); a finished one is left alone."""
    feed = FeedImport.objects.get(pk=feed_id)
    try:
        if feed.status == FeedImportStatus.CHECKING:
            _run_check(feed)
        elif feed.status == FeedImportStatus.IMPORTING:
            _run_import(feed)
    except Exception:
        logger.exception("Feed import %s stopped", feed_id)
        _stopped(feed_id)
        raise
    finally:
        cache.delete(_progress_key(feed_id))
    return FeedImport.objects.get(pk=feed_id)


def _run_check(feed: FeedImport) -> None:
    try:
        result = _check(
            feed.kind,
            bytes(feed.content),
            feed.file_name,
            user=feed.uploaded_by,
            progress=_reporter(feed.pk, importing=False),
        )
    except DomainError as exc:  # the file could not be opened after all
        result = FeedResult()
        for message in exc.messages:
            result.add_error("–", "", message)
    FeedImport.objects.filter(pk=feed.pk, status=FeedImportStatus.CHECKING).update(
        status=FeedImportStatus.PREVIEWED, summary=result.as_dict()
    )


@transaction.atomic
def _run_import(feed: FeedImport) -> None:
    feed = FeedImport.objects.select_for_update().get(pk=feed.pk)
    if feed.status != FeedImportStatus.IMPORTING:
        return
    result = _import(feed, user=feed.imported_by, progress=_reporter(feed.pk, importing=True))
    if result.error_count:
        feed.error = _nothing_imported(result)
        feed.save(update_fields=["error"])


def _stopped(feed_id: int) -> None:
    """An unexpected failure: say so on the file's page; the details are in the log."""
    feed = FeedImport.objects.get(pk=feed_id)
    if feed.status == FeedImportStatus.CHECKING:
        status, error = FeedImportStatus.FAILED, _("The file could not be checked.")
    elif feed.status == FeedImportStatus.IMPORTING:
        status = FeedImportStatus.PREVIEWED
        error = _("The import stopped because of an error; nothing was imported.")
    else:
        return
    FeedImport.objects.filter(pk=feed_id).update(
        status=status, error=error + " " + _("Try again, or ask the system administrator.")
    )
