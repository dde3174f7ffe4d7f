"""Spreadsheet exports (CSV and XLSX): the one writer every export uses.

A cell that a spreadsheet program would read as a formula is written as text: a supplier
named `=HYPERLINK(…)` or a reference `+1+1` must not run when a colleague opens the file
(CSV injection). Following OWASP, text starting with `=`, `+`, `-`, `@`, tab or carriage
return gets a leading apostrophe, in CSV and XLSX alike, so the two files hold the same
text. Numbers, dates and booleans stay what they are: a negative amount is a number in
XLSX, not a formula, and is written as such.
"""

import csv
import datetime
import decimal
import io
import itertools
from collections.abc import Iterable, Sequence

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

_NATIVE = (bool, int, float, decimal.Decimal, datetime.date, datetime.datetime)


def neutralise(value):
    """The value as a cell: None empty, numbers and dates native, text never a formula."""
    if value is None:
        return ""
    if isinstance(value, _NATIVE):
        return value
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def to_csv(headers: Sequence, rows: Iterable[Sequence]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in itertools.chain([headers], rows):
        writer.writerow([neutralise(v) for v in row])
    return buffer.getvalue().encode("utf-8")


def to_xlsx(headers: Sequence, rows: Iterable[Sequence], *, title: str = "") -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=(title or "Export")[:31])
    sheet.freeze_panes = "A2"
    for row in itertools.chain([headers], rows):
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=neutralise(value))
            if isinstance(cell.value, str):
                # openpyxl reads any string starting with "=" as a formula; we have
                # neutralised those, and say "text" outright for every string anyway.
                cell.data_type = "s"
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def spreadsheet_response(
    *, fmt: str, headers: Sequence, rows: Iterable[Sequence], filename: str, title: str = ""
) -> HttpResponse:
    """An attachment `filename.fmt`; `fmt` must be a key of FORMATS (check it first)."""
    content = to_csv(headers, rows) if fmt == "csv" else to_xlsx(headers, rows, title=title)
    response = HttpResponse(content, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
