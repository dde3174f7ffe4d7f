"""Imports of files from other systems (procurement, finance, credit bureau, IVO)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from uppfoljning.core.dispatch import is_pending


class FeedKind(models.TextChoices):
    REGISTER = "register", _("Register: suppliers, units and contracts")
    PURCHASES = "purchases", _("Purchases per month")
    CREDIT = "credit", _("Credit-bureau monitoring")
    IVO = "ivo", _("IVO status list")


class FeedImportStatus(models.TextChoices):
    # A large file is checked and imported by a Celery task; these two say it is under way.
    CHECKING = "checking", _("Being checked")
    PREVIEWED = "previewed", _("Previewed, not imported")
    IMPORTING = "importing", _("Being imported")
    IMPORTED = "imported", _("Imported")
    FAILED = "failed", _("Could not be checked")


class FeedImport(models.Model):
    """An uploaded file: kept from its dry run until the strategist confirms it."""

    kind = models.CharField(_("kind"), max_length=20, choices=FeedKind.choices)
    file_name = models.CharField(_("file name"), max_length=255)
    content = models.BinaryField(_("content"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=FeedImportStatus.choices,
        default=FeedImportStatus.PREVIEWED,
    )
    imported_at = models.DateTimeField(_("imported at"), null=True, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("imported by"),
    )
    # Why the last background run stopped, in words for the user.
    error = models.TextField(_("error"), blank=True)
    summary = models.JSONField(_("summary"), default=dict, blank=True)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("data feed import")
        verbose_name_plural = _("data feed imports")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.file_name}"

    def get_absolute_url(self):
        return reverse("followups:feed_detail", args=[self.pk])

    @property
    def is_running(self) -> bool:
        return self.status in (FeedImportStatus.CHECKING, FeedImportStatus.IMPORTING)

    @property
    def dispatch_key(self) -> str:
        return f"feeds.feed:{self.pk}"

    @property
    def waiting_for_queue(self) -> bool:
        """Sent while the broker was down: it starts when the queue is available."""
        return self.is_running and is_pending(self.dispatch_key)
