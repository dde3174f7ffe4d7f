"""Feed imports against hostile files: `python -m tests.bench.feeds SCENARIO` (issue 13 §3).

Scenarios (each in a fresh process, so the peak memory is the scenario's own):
  blank-rows   an .xlsx with 1,000,000 empty rows (2.4 MB)
  upload-50mb  POST a 50 MB CSV to the upload page
  bad-rows     5,000 bad rows: preview, then the size of the preview page

Prints the wall time of the scenario and the process's peak resident memory before and
after it (ru_maxrss). Runs on a throwaway SQLite file (FEEDS_BENCH_DB, default
/tmp/feeds-bench.sqlite3), migrated on first use.
"""

import io
import os
import resource
import sys
import time
import zipfile

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "uppfoljning.settings.test")
os.environ["DATABASE_URL"] = "sqlite:///" + os.environ.get(
    "FEEDS_BENCH_DB", "/tmp/feeds-bench.sqlite3"
)

HEADER = ["Organisationsnummer", "Ramavtal", "Månad", "Belopp", "Antal placeringar"]


def _xlsx_with_rows(extra_rows_xml: str, dimension: str) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(HEADER)
    plain = io.BytesIO()
    book.save(plain)
    source = zipfile.ZipFile(plain)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                text = data.decode().replace('ref="A1:E1"', f'ref="{dimension}"')
                data = text.replace("</sheetData>", extra_rows_xml + "</sheetData>").encode()
            target.writestr(info.filename, data)
    return out.getvalue()


def blank_rows_xlsx() -> bytes:
    rows = "".join(f'<row r="{n}"/>' for n in range(2, 1_000_002))
    return _xlsx_with_rows(rows, "A1:E1000001")


def _upload_50mb(user):
    """POST a 50 MB file through Django's WSGI handler, the body streamed from disk.

    The test client would build the request in memory; here only the server's work shows.
    """
    import re
    import tempfile

    from django.core.handlers.wsgi import WSGIHandler
    from django.test import Client
    from django.urls import reverse

    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    url = reverse("followups:feed_upload")
    page = client.get(url).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    cookies = "; ".join(f"{k}={v.value}" for k, v in client.cookies.items())
    boundary = "benchboundary"
    line = b"556677-8899;SCN-2019-0437;2025-01;1000;1\r\n"
    with tempfile.TemporaryFile() as body:
        for name, value in (("csrfmiddlewaretoken", token), ("kind", "purchases")):
            body.write(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                f"{value}\r\n".encode()
            )
        body.write(
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
            f'filename="inkop.csv"\r\nContent-Type: text/csv\r\n\r\n'.encode()
        )
        body.write((";".join(HEADER) + "\r\n").encode())
        for _ in range(50 * 1024 * 1024 // len(line)):
            body.write(line)
        body.write(f"\r\n--{boundary}--\r\n".encode())
        size = body.tell()
        body.seek(0)
        print(f"request body: {size:,} bytes, streamed from a temporary file")
        environ = {
            "REQUEST_METHOD": "POST",
            "PATH_INFO": url,
            "SERVER_NAME": "testserver",
            "SERVER_PORT": "80",
            "HTTP_HOST": "testserver",
            "wsgi.url_scheme": "http",
            "wsgi.input": body,
            "wsgi.errors": sys.stderr,
            "CONTENT_TYPE": f"multipart/form-data; boundary={boundary}",
            "CONTENT_LENGTH": str(size),
            "HTTP_COOKIE": cookies,
        }
        status = []
        before = _maxrss_mb()
        start = time.perf_counter()
        response = WSGIHandler()(environ, lambda s, h, *a: status.append(s))
        page = b"".join(response).decode()
    found = re.search(r"Filen är större än[^<]*", page)
    return before, start, f"status={status[0]} message={found.group() if found else None!r}"


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(scenario: str) -> None:
    import django

    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test client's host, in-memory e-mail
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    if "followups_feedimport" not in connection.introspection.table_names():
        call_command("migrate", verbosity=0)
    call_command("migrate", verbosity=0)  # a branch may add a migration
    from followups.feeds import services
    from followups.models import FeedImport

    User = get_user_model()
    user, _created = User.objects.get_or_create(
        username="bench-strategist", defaults={"is_superuser": True}
    )
    FeedImport.objects.all().delete()

    if scenario == "blank-rows":
        content = blank_rows_xlsx()
        before = _maxrss_mb()
        start = time.perf_counter()
        try:
            feed = services.feed_preview(
                kind="purchases", file_name="inkop.xlsx", content=content, user=user
            )
            feed.refresh_from_db()  # a large file was checked by the (in-process) task
            errors = feed.summary.get("error_count", len(feed.summary["errors"]))
            outcome = f"rows={feed.summary['rows']} errors={errors}"
            if feed.summary["errors"]:
                outcome += f" first error: {feed.summary['errors'][0]}"
        except Exception as exc:  # what the page would show
            outcome = f"refused: {exc}"
        print(f"file: {len(content):,} bytes")
    elif scenario == "upload-50mb":
        before, start, outcome = _upload_50mb(user)
    elif scenario == "bad-rows":
        lines = [";".join(HEADER)]
        lines += [f"556677-8899;SCN-0000-{i:04d};2025-01;tolv;1" for i in range(5000)]
        content = "\r\n".join(lines).encode()
        client = Client()
        client.force_login(user)
        before = _maxrss_mb()
        start = time.perf_counter()
        feed = services.feed_preview(
            kind="purchases", file_name="inkop.csv", content=content, user=user
        )
        feed.refresh_from_db()
        response = client.get(reverse("followups:feed_detail", args=[feed.pk]))
        outcome = (
            f"page={len(response.content):,} bytes, stored summary={len(str(feed.summary)):,} chars"
        )
    else:
        sys.exit(__doc__)
    elapsed = time.perf_counter() - start
    print(f"{scenario}: {elapsed:.1f} s, peak RSS {before:.0f} -> {_maxrss_mb():.0f} MB; {outcome}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "")
