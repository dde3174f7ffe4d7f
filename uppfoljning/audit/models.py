"""The audit log's one table, append-only.

Rows are only ever inserted. Saving an existing row, `QuerySet.update()`, `.delete()` and
`instance.delete()` raise `AppendOnlyError`; on PostgreSQL a trigger (migration 0002) also
refuses UPDATE and DELETE from any client, except the retention purge (`purge_before`),
which names its cutoff in the transaction-local setting `audit.purge_before`.
"""

from django.conf import settings
from django.db import connections, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .actions import Action

# The PostgreSQL setting the trigger reads: rows older than it may be deleted.
PURGE_SETTING = "audit.purge_before"


class AppendOnlyError(Exception):
    """An audit row was to be changed or deleted."""

    def __init__(self, what: str):
        super().__init__(f"The audit log is append-only: {what} is refused.")


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("update")

    def delete(self):
        raise AppendOnlyError("delete")

    def purge_before(self, cutoff) -> int:
        """Delete the rows older than `cutoff` (the retention purge); the only delete."""
        expired = self.filter(at__lt=cutoff)
        connection = connections[expired.db]
        postgresql = connection.vendor == "postgresql"
        with transaction.atomic(using=expired.db):
            if postgresql:
                _set_purge_before(connection, cutoff.isoformat())
            try:
                deleted, _rows = models.QuerySet.delete(expired)
            finally:
                # Within a longer transaction, nothing after the purge may delete.
                if postgresql:
                    _set_purge_before(connection, "")
        return deleted


def _set_purge_before(connection, value: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config(%s, %s, true)", [PURGE_SETTING, value])


class AuditEntry(models.Model):
    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    # No database constraint and nothing done when the user is deleted: a row is never
    # changed, and `username` keeps saying who it was.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    username = models.CharField(_("username"), max_length=150, blank=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    action = models.CharField(_("action"), max_length=30, choices=Action.choices, db_index=True)
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_label = models.CharField(_("object"), max_length=255, blank=True)
    path = models.CharField(_("path"), max_length=500, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        base_manager_name = "objects"
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.username or '–'} {self.get_action_display()}"

    def save(self, *args, **kwargs):
        if not self._state.adding or kwargs.get("force_update") or kwargs.get("update_fields"):
            raise AppendOnlyError("changing a row")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("delete")
