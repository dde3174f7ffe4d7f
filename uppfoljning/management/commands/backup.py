"""`python manage.py backup` (`make backup`): the database and the stored files, into one
directory under BACKUP_DIR; see uppfoljning/backups.py."""

from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from uppfoljning import backups


class Command(BaseCommand):
    help = "Back up the PostgreSQL database (pg_dump -Fc) and MEDIA_ROOT into BACKUP_DIR."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dir",
            dest="directory",
            type=Path,
            default=None,
            help="Where to put it (default: BACKUP_DIR).",
        )

    def handle(self, *args, directory=None, **options):
        target = backups.backup(into=directory)
        self.stdout.write(_("Backup written to %(dir)s") % {"dir": target})
