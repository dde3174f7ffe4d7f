"""What every feed shares: columns, row errors, and a dry run that is the real run rolled back.

The dry run executes exactly the code of the import inside a transaction and rolls it
back, so what the preview promises is what the import does. Before a row reaches a feed's
`handle`, the checks every feed shares run here: no control characters, no value spanning
lines (a CSV quotation mark without its pair), no personal identity number in free text,
no row repeating an earlier one. Every error names the line and the file's column header.
"""

import contextlib
import datetime
import decimal
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.se import orgnr

from suppliers.models import Supplier
from uppfoljning.core.personal_data import check_free_text

from .parsing import Table, read_table

CREATE, CHANGE, UNCHANGED = "create", "change", "unchanged"

# A page of 5,000 errors helps no one: the first hundred are kept, and the count of all.
MAX_ERRORS_SHOWN = 100
MAX_SIGNALS_SHOWN = 100

# A plain number as people write it: 1234, -5, 123456,50 or 123456.50 (spaces and "kr"
# are taken out first). Not "NaN", "Infinity", "1e5" or "1_000", which Decimal would take.
_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")
# Control characters (a tab and line breaks are judged on their own).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class RowError(Exception):
    """A bad value in one row; `field` is the column's name as the file has it."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass
class Column:
    key: str
    label: str  # the Swedish header the source system writes
    aliases: tuple[str, ...] = ()
    required: bool = True
    free_text: bool = False  # stored as written: checked for personal identity numbers


@dataclass
class FeedResult:
    counts: Counter = field(default_factory=Counter)
    errors: list[dict] = field(default_factory=list)  # the first {"line", "field", "message"}
    error_count: int = 0
    signals: list[str] = field(default_factory=list)  # the first signals
    signal_count: int = 0
    rows: int = 0

    def add_error(self, line, field_name: str, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_ERRORS_SHOWN:
            self.errors.append({"line": line, "field": field_name, "message": str(message)})

    def add_signal(self, text: str) -> None:
        self.signal_count += 1
        if len(self.signals) < MAX_SIGNALS_SHOWN:
            self.signals.append(text)

    def as_dict(self) -> dict:
        return {
            "rows": self.rows,
            "create": self.counts[CREATE],
            "change": self.counts[CHANGE],
            "unchanged": self.counts[UNCHANGED],
            "errors": self.errors,
            "error_count": self.error_count,
            "signals": self.signals,
            "signal_count": self.signal_count,
        }


class _DryRun(Exception):
    pass


class Feed:
    """One kind of file. Subclasses declare columns and handle one row."""

    kind = ""
    label = gettext_lazy("Feed")
    columns: list[Column] = []
    # The columns that identify a row: a second row with the same values is refused.
    unique: tuple[str, ...] = ()
    # Model fields whose errors belong to a column with another key (services validate
    # models; the user knows the file's headers, not our field names).
    field_columns: dict[str, str] = {"supplier": "org_number"}

    def __init__(self, *, user, today: datetime.date):
        self.user = user
        self.today = today
        self.result = FeedResult()
        self._seen: dict[tuple, int] = {}
        self._renamed: dict[str, str] = {}

    # --- values ---------------------------------------------------------------------------

    def text(self, row, key) -> str:
        value = row.get(key)
        return "" if value is None else str(value).strip()

    def required(self, row, key) -> str:
        value = self.text(row, key)
        if not value:
            raise RowError(self.header(key), _("A value is required."))
        return value

    def header(self, key) -> str:
        return next(c.label for c in self.columns if c.key == key)

    def header_of_field(self, name: str) -> str:
        """The file's header for a model field's error; never an internal name."""
        key = self._renamed.get(name) or self.field_columns.get(name, name)
        return next((c.label for c in self.columns if c.key == key), "")

    @contextlib.contextmanager
    def errors_as(self, **fields: str):
        """Errors of these model fields belong to these columns (e.g. a unit's `name`)."""
        previous, self._renamed = self._renamed, {**self._renamed, **fields}
        try:
            yield
        finally:
            self._renamed = previous

    def org_number(self, row, key="org_number") -> str:
        value = self.required(row, key)
        try:
            return orgnr.format(orgnr.validate(value))
        except StdnumError as exc:
            raise RowError(
                self.header(key),
                _("“%(value)s” is not a valid organisation number.") % {"value": value},
            ) from exc

    def supplier(self, row, key="org_number") -> Supplier:
        number = self.org_number(row, key)
        supplier = Supplier.objects.filter(org_number=number).first()
        if supplier is None:
            raise RowError(
                self.header(key),
                _("No supplier with organisation number %(number)s.") % {"number": number},
            )
        return supplier

    def decimal(self, row, key, *, required=True) -> decimal.Decimal | None:
        value = row.get(key)
        if isinstance(value, int | float | decimal.Decimal) and not isinstance(value, bool):
            text = str(value)
            number = decimal.Decimal(text)  # a float's str never has "kr" or a comma
        else:
            text = self.text(row, key).replace("\u00a0", "").replace(" ", "").replace("kr", "")
            if not text:
                if required:
                    raise RowError(self.header(key), _("A value is required."))
                return None
            if not _NUMBER.fullmatch(text):
                raise RowError(
                    self.header(key), _("“%(value)s” is not a number.") % {"value": text}
                )
            number = decimal.Decimal(text.replace(",", "."))
        if not number.is_finite():
            raise RowError(self.header(key), _("“%(value)s” is not a number.") % {"value": text})
        if number < 0:
            raise RowError(self.header(key), _("The value cannot be negative."))
        return number

    def integer(self, row, key, *, required=False) -> int | None:
        number = self.decimal(row, key, required=required)
        if number is None:
            return None
        if number != number.to_integral_value():
            raise RowError(self.header(key), _("Give a whole number."))
        return int(number)

    def yes_no(self, row, key) -> bool:
        value = self.text(row, key).lower()
        if value in ("ja", "j", "yes", "y", "1", "x", "true", "sant"):
            return True
        if value in ("nej", "n", "no", "0", "", "false", "falskt"):
            return False
        raise RowError(self.header(key), _("Write ja or nej."))

    def date(self, row, key, *, required=False) -> datetime.date | None:
        value = row.get(key)
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        text = self.text(row, key)
        if not text:
            if required:
                raise RowError(self.header(key), _("A value is required."))
            return None
        try:
            return datetime.date.fromisoformat(text[:10])
        except ValueError as exc:
            raise RowError(
                self.header(key), _("“%(value)s” is not a date like 2025-01-31.") % {"value": text}
            ) from exc

    # --- running --------------------------------------------------------------------------

    def handle(self, row: dict, line: int) -> str:
        """Apply one row; return CREATE, CHANGE or UNCHANGED; raise RowError for bad data."""
        raise NotImplementedError

    def row_key(self, row: dict) -> tuple | None:
        """What makes a row the same as another (the `unique` columns, normalised)."""
        if not self.unique:
            return None
        return tuple(self._normalised(row, key) for key in self.unique)

    def _normalised(self, row: dict, key: str) -> str:
        text = self.text(row, key)
        if key == "org_number":
            return "".join(ch for ch in text if ch.isdigit())
        return " ".join(text.split()).casefold()

    def _keys(self, headers: list[str]) -> list | None:
        """The column key of each header, or None (and errors) if a column is missing."""
        lookup = {}
        for column in self.columns:
            for name in (column.label, column.key, *column.aliases):
                lookup[name.strip().lower()] = column.key
        keys = [lookup.get((h or "").strip().lower()) for h in headers]
        missing = [c.label for c in self.columns if c.required and c.key not in keys]
        for label in missing:
            self.result.add_error(1, label, _("The column is missing."))
        return None if missing else keys

    def _check_cells(self, row, values: dict) -> None:
        """What no feed accepts in any column, before the row is handled."""
        for column in self.columns:
            value = values.get(column.key)
            if not isinstance(value, str):
                continue
            if control := _CONTROL.search(value):
                code = ord(control.group())
                raise RowError(
                    column.label,
                    _(
                        "The value contains a control character (code %(code)s) that cannot "
                        "be stored. Remove it and upload the file again."
                    )
                    % {"code": code},
                )
            if "\n" in value or "\r" in value:
                if row.end_line > row.line:
                    raise RowError(
                        column.label,
                        _(
                            "The value runs from line %(start)s to line %(end)s: a quotation "
                            'mark (") without its pair has probably joined the lines. Nothing '
                            "after it on those lines was read as its own row."
                        )
                        % {"start": row.line, "end": row.end_line},
                    )
                raise RowError(column.label, _("The value contains a line break."))
            if column.free_text:
                try:
                    check_free_text(value, column.label)
                except ValidationError as exc:
                    raise RowError(column.label, " ".join(exc.messages)) from exc

    def _check_duplicate(self, values: dict, line: int) -> None:
        key = self.row_key(values)
        if key is None or not any(key):
            return
        first = self._seen.setdefault(key, line)
        if first != line:
            headers = ", ".join(self.header(k) for k in self.unique)
            raise RowError(
                headers,
                _(
                    "Line %(line)s repeats line %(first)s (the same %(columns)s). Keep one of "
                    "the two lines."
                )
                % {"line": line, "first": first, "columns": headers},
            )

    def run(
        self,
        content: bytes,
        file_name: str,
        *,
        commit: bool,
        progress: Callable[[int, int], None] | None = None,
    ) -> FeedResult:
        """Import the file in one transaction; roll it back unless `commit` and error-free.

        Raises DomainError if the file cannot be opened at all; everything found in its
        rows is a row error. `progress(rows_read, rows_expected)` is called now and then.
        """
        table = read_table(content, file_name)
        try:
            with transaction.atomic():
                self._run_rows(table, progress)
                if not commit or self.result.error_count:
                    raise _DryRun
        except _DryRun:
            pass
        finally:
            table.close()
        return self.result

    def _run_rows(self, table: Table, progress) -> None:
        keys = self._keys(table.headers)
        if keys is None:
            return
        expected = min(table.estimated_rows, settings.FEEDS_MAX_ROWS)
        read = 0
        for row in table:
            read += 1
            if progress is not None and read % 100 == 0:
                progress(read, expected)
            if not any(v not in (None, "") for v in row.values):
                continue  # blank lines at the end of a spreadsheet
            values = {k: v for k, v in zip(keys, row.values, strict=False) if k}
            self.result.rows += 1
            try:
                self._check_cells(row, values)
                self._check_duplicate(values, row.line)
                with transaction.atomic():
                    self.result.counts[self.handle(values, row.line)] += 1
            except RowError as exc:
                self.result.add_error(row.line, exc.field, exc.message)
            except ValidationError as exc:
                for name, messages in _error_fields(exc):
                    header = self.header_of_field(name)
                    for message in messages:
                        self.result.add_error(row.line, header, message)
        if table.stopped_at is not None:
            self.result.add_error(table.stopped_at, "", table.stop_message)
        elif self.result.rows == 0:
            self.result.add_error(
                2,
                "",
                _("The file has a header row but no rows below it; there is nothing to import."),
            )

    def signal(self, text: str) -> None:
        self.result.add_signal(text)


def _error_fields(exc: ValidationError):
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            yield name, [m for e in errors for m in e.messages]
    else:
        yield "", exc.messages
