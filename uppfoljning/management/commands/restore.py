"""`python manage.py restore [BACKUP]` (`make restore`): put a backup back, into an empty
database and MEDIA_ROOT unless --force; see uppfoljning/backups.py."""

from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from uppfoljning import backups


class Command(BaseCommand):
    help = (
        "Restore a backup (default: the latest in BACKUP_DIR) into the database and MEDIA_ROOT. "
        "Refuses a database or media folder that is not empty unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", nargs="?", type=Path, help="The backup's directory.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace what the database and MEDIA_ROOT hold.",
        )

    def handle(self, *args, backup=None, force=False, **options):
        source = backup or backups.latest(backups.backup_dir())
        restored = backups.restore(source, force=force)
        self.stdout.write(
            _("Restored %(dir)s: %(tables)s tables, %(files)s files.") % {"dir": source, **restored}
        )
