"""Client data is never stored: finding Swedish personal identity numbers in free text.

Everything users type goes through `check_free_text` (forms, importers, services), and
`manage.py scan_personal_data` uses `personal_numbers` on what is already stored. The check
is python-stdnum's `se.personnummer` (date and Luhn digit), so organisation numbers (month
digits >= 20), diarienummer, amounts and phone numbers written the usual way pass.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum import exceptions as stdnum_exceptions
from stdnum import luhn
from stdnum.se import personnummer

# 6 or 8 digits of date, an optional - or +, 4 digits; not part of a longer run of digits.
_CANDIDATE = re.compile(r"(?<!\d)((?:\d{2})?\d{2}\d{2})(\d{2})([-+]?)(\d{4})(?!\d)")

# A samordningsnummer is a personnummer whose day has 60 added.
_COORDINATION_OFFSET = 60


def _is_personal_number(date_part: str, day: str, separator: str, last: str) -> bool:
    number = f"{date_part}{day}{separator or '-'}{last}"
    try:
        if int(day) <= _COORDINATION_OFFSET:
            personnummer.validate(number)
            return True
        # The Luhn digit covers the day as written; the date is the day less 60.
        real_day = f"{int(day) - _COORDINATION_OFFSET:02d}"
        personnummer.get_birth_date(f"{date_part}{real_day}{separator or '-'}{last}")
        luhn.validate(f"{date_part}{day}{last}"[-10:])
    except stdnum_exceptions.ValidationError:
        return False
    return True


def personal_numbers(text: str | None) -> list[str]:
    """The personal or co-ordination numbers in `text`, as written there."""
    if not text:
        return []
    return [
        match.group(0)
        for match in _CANDIDATE.finditer(str(text))
        if _is_personal_number(*match.groups())
    ]


def contains_personal_number(text: str | None) -> bool:
    return bool(personal_numbers(text))


def check_free_text(value: str | None, field_label: str) -> None:
    """Refuse `value` if it holds a personal identity number; the message names the field."""
    if contains_personal_number(value):
        raise ValidationError(
            _(
                "“%(field)s” contains what looks like a personal identity number or "
                "co-ordination number. Client data must not be stored in this system: "
                "remove the number and describe the matter without identifying anyone."
            ),
            code="personal_number",
            params={"field": field_label},
        )
