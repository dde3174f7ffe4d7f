from django.conf import settings
from django.core.management.base import BaseCommand

from uppfoljning.audit import services


class Command(BaseCommand):
    help = (
        "Delete the audit log's rows older than AUDIT_RETENTION_DAYS (Celery beat runs this "
        "daily as audit.purge)."
    )

    def handle(self, *args, **options):
        deleted = services.purge()
        self.stdout.write(
            f"Deleted {deleted} audit rows older than {settings.AUDIT_RETENTION_DAYS} days."
        )
