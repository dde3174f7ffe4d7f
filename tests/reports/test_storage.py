"""A stored PDF and its row come together or not at all (issue 15 §5), and
`manage.py check_storage` finds what a crash left behind."""

import hashlib
import io
import os
import subprocess
import sys
import time

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction

from reports import services
from reports.models import ReportFile
from reports.rendering import RenderedPdf
from tests.factories import BoardFactory, UserFactory

PDF = b"%PDF-1.4 the board's copy"


@pytest.fixture(autouse=True)
def _own_media_root(settings, tmp_path):
    """A storage of this test's own: check_storage reads every file under it."""
    settings.MEDIA_ROOT = str(tmp_path / "media")


def _pdf(content=PDF, pages=3):
    return RenderedPdf(content=content, pages=pages, html="", refused_urls=[])


def _report(user):
    board = BoardFactory(name="Socialnämnden")
    return services.report_create_annual(
        board=board, year=2024, user=user, registry_reference="SCN-2025-00012"
    )


def _files_of(report):
    """The names stored in the report's directory."""
    directory = f"reports/{report.pk}"
    if not default_storage.exists(directory):
        return []
    return sorted(f"{directory}/{n}" for n in default_storage.listdir(directory)[1])


def _check_storage(*args):
    out = io.StringIO()
    try:
        call_command("check_storage", *args, stdout=out)
    except CommandError as exc:
        return out.getvalue(), str(exc)
    return out.getvalue(), None


@pytest.mark.django_db
def test_a_refused_insert_leaves_no_file_and_the_rerun_gets_the_plain_name():
    user = UserFactory(role="strategist")
    report = _report(user)
    # A page count below zero breaks the table's CHECK constraint: the insert fails.
    with pytest.raises(IntegrityError):
        services._store_file(report=report, user=user, pdf=_pdf(pages=-1))
    assert _files_of(report) == []
    assert not ReportFile.objects.exists()

    file = services._store_file(report=report, user=user, pdf=_pdf())
    assert file.file.name == f"reports/{report.pk}/v1-annual-2024.pdf"
    assert _files_of(report) == [file.file.name]


@pytest.mark.django_db(transaction=True)
def test_a_commit_that_fails_after_the_write_deletes_the_file():
    """The file is written, then the commit fails (a deferred foreign key: the user who asked
    for the PDF is gone): the file goes too, and the rerun gets the plain name."""
    user = UserFactory(role="strategist")
    report = _report(user)
    gone = get_user_model()(pk=user.pk + 1000, username="gone")
    with pytest.raises(IntegrityError):
        services._store_file(report=report, user=gone, pdf=_pdf())
    assert _files_of(report) == []
    assert not ReportFile.objects.exists()

    file = services._store_file(report=report, user=user, pdf=_pdf())
    assert _files_of(report) == [f"reports/{report.pk}/v1-annual-2024.pdf"]
    assert ReportFile.objects.get().file.name == file.file.name
    assert _check_storage()[1] is None


@pytest.mark.django_db
def test_a_worker_killed_after_the_write_leaves_an_orphan_that_the_rerun_replaces():
    user = UserFactory(role="strategist")
    report = _report(user)
    # What a worker killed between the write and the commit leaves: a file with no row.
    orphan = f"reports/{report.pk}/v1-annual-2024.pdf"
    default_storage.save(orphan, ContentFile(b"%PDF-1.4 half"))

    out, error = _check_storage("--min-age", "0")
    assert f"Föräldralös fil (ingen rad): {orphan}" in out
    assert error == "1 problem bland de lagrade rapportfilerna."

    file = services._store_file(report=report, user=user, pdf=_pdf())
    assert file.file.name == orphan  # not v1-annual-2024_<random>.pdf
    assert _files_of(report) == [orphan]
    with file.file.open("rb") as stored:
        assert hashlib.sha256(stored.read()).hexdigest() == file.sha256
    out, error = _check_storage()
    assert error is None and "stämmer" in out


@pytest.mark.django_db
def test_check_storage_lists_orphans_and_lost_files_and_deletes_only_orphans():
    user = UserFactory(role="strategist")
    report = _report(user)
    kept = services._store_file(report=report, user=user, pdf=_pdf())
    lost = services._store_file(report=report, user=user, pdf=_pdf(b"%PDF-1.4 second"))
    default_storage.delete(lost.file.name)
    orphan = default_storage.save(f"reports/{report.pk}/v9-annual-2024.pdf", ContentFile(PDF))

    out, error = _check_storage()
    # Just written: it may belong to a PDF being stored now, so it is listed and kept.
    assert f"Ny fil utan rad (kan lagras just nu; behålls): {orphan}" in out
    assert f"Rad utan sin fil: rapportfil {lost.pk}, {lost.file.name}" in out
    assert kept.file.name not in out
    assert error == "2 problem bland de lagrade rapportfilerna."

    out, error = _check_storage("--delete-orphans", "--min-age", "0")
    assert f"Föräldralös fil borttagen: {orphan}" in out
    assert not default_storage.exists(orphan)
    assert default_storage.exists(kept.file.name)
    # A row is never deleted: the lost file is for a person to restore from the backup.
    assert ReportFile.objects.filter(pk=lost.pk).exists()
    assert error == "1 problem bland de lagrade rapportfilerna."


# The worker of the crash test: stores one PDF of a report, as the job's last step does.
CHILD = """
import sys
import django

django.setup()
from django.contrib.auth import get_user_model
from reports import services
from reports.models import Report
from reports.rendering import RenderedPdf

report = Report.objects.get(pk=int(sys.argv[1]))
user = get_user_model().objects.get(pk=int(sys.argv[2]))
pdf = RenderedPdf(content=b"%PDF-1.4 killed", pages=1, html="", refused_urls=[])
services._store_file(report=report, user=user, pdf=pdf)
"""


def _database_url():
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _blocked_backend():
    """The pid of the database session that waits for a lock, if any."""
    with connection.cursor() as cursor:
        # Within a transaction the statistics are a snapshot: take a fresh one.
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
        )
        row = cursor.fetchone()
    return row[0] if row else None


@pytest.mark.slow  # a second Python process
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_between_the_write_and_the_commit(settings):
    """A real process stores a PDF and is killed after the write, before its commit: the
    commit's foreign-key check waits for the user's row, which this test holds locked. The
    file it leaves has no row; check_storage names it and the rerun replaces it."""
    if connection.vendor != "postgresql":
        pytest.skip("the commit waits on a PostgreSQL row lock")
    user = UserFactory(role="strategist")
    report = _report(user)
    name = f"reports/{report.pk}/v1-annual-2024.pdf"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "uppfoljning.settings.test",
        "DATABASE_URL": _database_url(),
        "MEDIA_ROOT": settings.MEDIA_ROOT,
    }
    with transaction.atomic():
        get_user_model().objects.select_for_update().get(pk=user.pk)
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(report.pk), str(user.pk)],
            env=env,
            cwd=settings.BASE_DIR,
            stderr=subprocess.PIPE,
        )
        try:
            deadline = time.monotonic() + 60
            backend = None
            while time.monotonic() < deadline and child.poll() is None:
                backend = _blocked_backend()
                if backend and default_storage.exists(name):
                    break
                time.sleep(0.1)
            if child.poll() is not None:
                pytest.fail(f"the worker ended: {child.stderr.read().decode()[-2000:]}")
            assert backend and default_storage.exists(name), "the worker never reached its commit"
        finally:
            child.kill()
            child.wait()
        # Its connection dies with it; end its session now rather than when the server notices.
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [backend])
    assert not ReportFile.objects.exists()
    assert _files_of(report) == [name]
    out, error = _check_storage("--min-age", "0")
    assert f"Föräldralös fil (ingen rad): {name}" in out and error

    file = services._store_file(report=report, user=user, pdf=_pdf())
    assert file.file.name == name and _files_of(report) == [name]
    with file.file.open("rb") as stored:
        assert stored.read() == PDF
    assert _check_storage()[1] is None
