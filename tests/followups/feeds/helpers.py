"""Files for the feed tests: CSV bytes as Excel writes them, hostile .xlsx, short previews."""

import io
import zipfile

import openpyxl

from followups.feeds import services

PURCHASE_HEADER = ["Organisationsnummer", "Ramavtal", "Månad", "Belopp", "Antal placeringar"]
REGISTER_HEADER = ["Ramavtal", "Organisationsnummer", "Leverantör", "Enhet", "Ort"]
REFERENCE = "SCN-2019-0437"


def csv_bytes(rows, *, encoding="cp1252"):
    """Semicolons and Windows-1252, as Swedish Excel saves a CSV."""
    return "\r\n".join(";".join(str(v) for v in row) for row in rows).encode(encoding)


def preview(kind, content, user, name="fil.csv"):
    return services.feed_preview(kind=kind, file_name=name, content=content, user=user)


def errors(feed):
    return [(e["line"], e["field"], e["message"]) for e in feed.summary["errors"]]


def xlsx_with_blank_rows(header, count):
    """An .xlsx whose sheet holds `count` empty rows below the header, as Excel can."""
    book = openpyxl.Workbook()
    book.active.append(header)
    plain = io.BytesIO()
    book.save(plain)
    source = zipfile.ZipFile(plain)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                rows = "".join(f'<row r="{n}"/>' for n in range(2, count + 2))
                data = data.decode().replace("</sheetData>", rows + "</sheetData>").encode()
            target.writestr(info.filename, data)
    return out.getvalue()
