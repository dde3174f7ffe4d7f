"""Reading an uploaded CSV or XLSX file into rows, whatever the encoding and separator.

Within limits, so that one file cannot exhaust the server: an .xlsx that would unpack to
more than FEEDS_MAX_UNCOMPRESSED_BYTES is refused before it is opened, and reading stops
after FEEDS_MAX_ROWS rows (the table says where). Rows are read one at a time, never the
whole sheet at once. Every message is the user's, in Swedish: an exception's own text
("'charmap' codec can't decode…") is never shown.
"""

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field

import openpyxl
from django.conf import settings
from django.utils.translation import gettext as _

from uppfoljning.core import formatting
from uppfoljning.core.errors import DomainError

# Feeds have at most a handful of columns; a sheet claiming 16,384 is not read that wide.
MAX_COLUMNS = 100
# The signature of the old binary Excel format (.xls), which is not supported.
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass
class Row:
    line: int  # where the row starts in the file (the header is line 1)
    end_line: int  # where it ends; later than `line` only if a CSV value spans lines
    values: list


@dataclass
class Table:
    """The header and, read lazily, the rows below it."""

    headers: list[str]
    rows: Iterator[Row]
    estimated_rows: int = 0  # for progress; the cap is what counts
    # Set when reading stopped early: the line and why (too many rows, unreadable).
    stopped_at: int | None = None
    stop_message: str = ""
    _source: object = field(default=None, repr=False)

    def __iter__(self):
        return self.rows

    def close(self):
        if self._source is not None:
            self._source.close()


def file_size(size: int) -> str:
    """10485760 -> '10 MB', 2000 -> '2 kB' (whole units, as a limit is written)."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.0f}\u00a0MB"
    return f"{max(size // 1024, 1)}\u00a0kB"


def decode(content: bytes) -> str:
    """UTF-8 (with or without BOM) or, as older Windows exports are, Windows-1252."""
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return content.decode("cp1252")
    except UnicodeDecodeError as exc:
        line = content[: exc.start].count(b"\n") + 1
        raise DomainError(
            _(
                "The file is not text in UTF-8 or Windows-1252: line %(line)s holds a "
                "character that cannot be read. Save the file as “CSV UTF-8” or as .xlsx "
                "and upload it again."
            )
            % {"line": line}
        ) from exc


def _is_xlsx(content: bytes, file_name: str) -> bool:
    return file_name.lower().endswith((".xlsx", ".xlsm")) or content[:2] == b"PK"


def read_table(content: bytes, file_name: str) -> Table:
    """The file's header row and its rows; raises DomainError if it cannot be opened."""
    if content[:8] == _OLE_SIGNATURE or file_name.lower().endswith(".xls"):
        raise DomainError(
            _("Old Excel files (.xls) cannot be read. Save the file as .xlsx or CSV.")
        )
    if _is_xlsx(content, file_name):
        return _read_xlsx(content)
    return _read_csv(content)


def _too_many_rows(table: Table, line: int) -> None:
    table.stopped_at = line
    table.stop_message = _(
        "The file has more than %(max)s rows below the header (empty rows count too). "
        "Reading stopped at line %(line)s: split the file into smaller ones, or delete "
        "the empty rows."
    ) % {"max": formatting.format_int(settings.FEEDS_MAX_ROWS), "line": line}


# --- CSV ----------------------------------------------------------------------------------


def _read_csv(content: bytes) -> Table:
    text = decode(content)
    first = text.split("\n", 1)[0]
    # Swedish Excel writes semicolons (the comma is the decimal sign); others commas.
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    table = Table(headers=[], rows=iter(()), estimated_rows=text.count("\n"))
    try:
        header = next(reader, [])
    except csv.Error as exc:
        raise DomainError(_("The first line of the file could not be read as CSV.")) from exc
    table.headers = [h.strip() for h in header[:MAX_COLUMNS]]
    table.rows = _csv_rows(reader, table)
    return table


def _csv_rows(reader, table: Table) -> Iterator[Row]:
    limit = settings.FEEDS_MAX_ROWS
    count = 0
    while True:
        line = reader.line_num + 1
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error:
            # The csv module stops at a value over 128 KB: in practice a quotation mark
            # without its pair that swallowed the rest of the file.
            table.stopped_at = line
            table.stop_message = _(
                "Line %(line)s could not be read: a value runs on for too long. A quotation "
                'mark (") without its pair is the usual cause.'
            ) % {"line": line}
            return
        count += 1
        if count > limit:
            _too_many_rows(table, line)
            return
        yield Row(line=line, end_line=reader.line_num, values=values[:MAX_COLUMNS])


# --- XLSX ---------------------------------------------------------------------------------


def _read_xlsx(content: bytes) -> Table:
    not_xlsx = _(
        "The file could not be read as an Excel file (.xlsx). Save it again from Excel, as "
        ".xlsx or as CSV, and upload it again."
    )
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise DomainError(not_xlsx) from exc
    if unpacked > settings.FEEDS_MAX_UNCOMPRESSED_BYTES:
        raise DomainError(
            _(
                "Unpacked, the file would take %(size)s, more than the %(max)s allowed. "
                "Split it into smaller files."
            )
            % {
                "size": file_size(unpacked),
                "max": file_size(settings.FEEDS_MAX_UNCOMPRESSED_BYTES),
            }
        )
    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = book.active
        if sheet is None or not hasattr(sheet, "iter_rows"):
            raise DomainError(not_xlsx)
        estimate = (sheet.max_row or 1) - 1
        # The sheet's stated dimension may be wrong either way (rows beyond it would be
        # lost, or a million phantom rows made up): read the rows that are there.
        sheet.reset_dimensions()
        rows = sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)
        header = next(rows, ())
    except DomainError:
        raise
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise DomainError(not_xlsx) from exc
    headers = ["" if h is None else str(h).strip() for h in header]
    while headers and not headers[-1]:
        headers.pop()  # the padding to MAX_COLUMNS
    table = Table(headers=headers, rows=iter(()), estimated_rows=estimate, _source=book)
    table.rows = _xlsx_rows(rows, table)
    return table


def _xlsx_rows(rows, table: Table) -> Iterator[Row]:
    limit = settings.FEEDS_MAX_ROWS
    line = 1
    try:
        for values in rows:
            line += 1
            if line - 1 > limit:
                _too_many_rows(table, line)
                return
            yield Row(line=line, end_line=line, values=list(values))
    except Exception:  # a damaged sheet part; what was read stays reported
        table.stopped_at = line + 1
        table.stop_message = _(
            "The file could not be read beyond line %(line)s; it may be damaged. Save it "
            "again from Excel and upload it again."
        ) % {"line": line}
    finally:
        table.close()
