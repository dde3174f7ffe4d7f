"""`manage.py check_storage`: do the stored report files and their rows agree?

Lists the orphan files (under the reports directory of the storage, MEDIA_ROOT/reports/, with
no ReportFile row), left by a generation that died before its commit, and the rows whose file
is missing (a lost file of a document: restore it from the backup). With --delete-orphans it
deletes the orphan files; it never deletes a row. A file younger than --min-age minutes may
belong to a generation that is committing right now: it is listed, never deleted.

Exits with status 1 while anything is wrong, so that a scheduled run can alert.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from reports.models import ReportFile

ROOT = "reports"


def stored_names(storage, directory: str = ROOT):
    """Every file name below `directory` of the storage, as the rows store it."""
    if not storage.exists(directory):
        return
    subdirectories, files = storage.listdir(directory)
    for name in sorted(files):
        yield f"{directory}/{name}"
    for sub in sorted(subdirectories):
        yield from stored_names(storage, f"{directory}/{sub}")


class Command(BaseCommand):
    help = (
        "List the report files with no row (orphans) and the report file rows whose file is "
        "missing; --delete-orphans deletes the orphan files (never a row)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--delete-orphans", action="store_true", help="delete the orphan files")
        parser.add_argument(
            "--min-age",
            type=int,
            default=10,
            help="minutes: a younger file without a row is listed but never deleted (10)",
        )

    def handle(self, *args, delete_orphans, min_age, **options):
        storage = ReportFile._meta.get_field("file").storage
        rows = dict(ReportFile.objects.values_list("file", "pk"))
        on_disk = set(stored_names(storage))
        cutoff = timezone.now() - datetime.timedelta(minutes=min_age)
        problems = 0

        for name in sorted(on_disk - rows.keys()):
            if storage.get_modified_time(name) > cutoff:
                self.stdout.write(
                    _("Recent file without a row (may be being stored now; kept): %(name)s")
                    % {"name": name}
                )
                problems += 1
            elif delete_orphans:
                storage.delete(name)
                self.stdout.write(_("Orphan file deleted: %(name)s") % {"name": name})
            else:
                self.stdout.write(_("Orphan file (no row): %(name)s") % {"name": name})
                problems += 1

        for name, pk in sorted(rows.items()):
            if name not in on_disk and not storage.exists(name):
                self.stdout.write(
                    _("Row without its file: report file %(pk)s, %(name)s")
                    % {"pk": pk, "name": name}
                )
                problems += 1

        if problems:
            raise CommandError(
                ngettext(
                    "%(count)d problem in the stored report files.",
                    "%(count)d problems in the stored report files.",
                    problems,
                )
                % {"count": problems}
            )
        self.stdout.write(
            ngettext(
                "The stored report file and its row agree.",
                "The stored report files and their rows agree (%(count)d files).",
                len(rows),
            )
            % {"count": len(rows)}
        )
