"""Previewing and importing a feed file: a dry run first, then all or nothing."""

import hashlib

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from uppfoljning.core.errors import DomainError

from ..models import FeedImport, FeedImportStatus
from .credit import CreditFeed
from .ivo import IvoFeed
from .purchases import PurchaseFeed
from .register import RegisterFeed

FEEDS = {f.kind: f for f in (RegisterFeed, PurchaseFeed, CreditFeed, IvoFeed)}
MAX_BYTES = 10 * 1024 * 1024


def feed_preview(*, kind: str, file_name: str, content: bytes, user) -> FeedImport:
    """Store the file and what importing it would do; nothing in the register changes."""
    if kind not in FEEDS:
        raise DomainError(_("Choose the kind of file."))
    if len(content) > MAX_BYTES:
        raise DomainError(_("The file is larger than 10 MB."))
    today = timezone.localdate()
    result = FEEDS[kind](user=user, today=today).run(content, file_name, commit=False)
    return FeedImport.objects.create(
        kind=kind,
        file_name=file_name[:255],
        content=content,
        sha256=hashlib.sha256(content).hexdigest(),
        uploaded_by=user,
        summary=result.as_dict(),
    )


@transaction.atomic
def feed_import(*, feed: FeedImport, user) -> FeedImport:
    """Import a previewed file: every row, or, if any row is bad, nothing."""
    feed = FeedImport.objects.select_for_update().get(pk=feed.pk)
    if feed.status != FeedImportStatus.PREVIEWED:
        raise DomainError(_("This file has already been imported."))
    today = timezone.localdate()
    result = FEEDS[feed.kind](user=user, today=today).run(
        bytes(feed.content), feed.file_name, commit=True
    )
    if result.errors:
        feed.summary = result.as_dict()
        feed.save(update_fields=["summary"])
        raise DomainError(
            _("Nothing was imported: %(count)s rows have errors.") % {"count": len(result.errors)}
        )
    feed.status = FeedImportStatus.IMPORTED
    feed.imported_at = timezone.now()
    feed.summary = result.as_dict()
    feed.save()
    return feed
