"""Reading an uploaded CSV or XLSX file into rows, whatever the encoding and separator."""

import io

import tablib
from django.utils.translation import gettext as _

from uppfoljning.core.errors import DomainError


def decode(content: bytes) -> str:
    """UTF-8 (with or without BOM) or, as older Windows exports are, Windows-1252."""
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("cp1252")


def read_table(content: bytes, file_name: str) -> tablib.Dataset:
    """A dataset with the file's header row; raises DomainError for unreadable files."""
    try:
        if file_name.lower().endswith(".xlsx") or content[:2] == b"PK":
            return tablib.Dataset().load(io.BytesIO(content), format="xlsx")
        text = decode(content)
        first = text.split("\n", 1)[0]
        # Swedish Excel writes semicolons (the comma is the decimal sign); others commas.
        delimiter = ";" if first.count(";") > first.count(",") else ","
        return tablib.Dataset().load(text, format="csv", delimiter=delimiter)
    except DomainError:
        raise
    except Exception as exc:
        raise DomainError(
            _("The file could not be read as CSV or XLSX: %(error)s") % {"error": exc}
        ) from exc
