"""Validation of Swedish organisation numbers (python-stdnum's se.orgnr)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum import exceptions as stdnum_exceptions
from stdnum.se import orgnr


def normalize_org_number(value: str) -> str:
    """Return the number as NNNNNN-NNNN, or raise ValidationError in Swedish."""
    try:
        return orgnr.format(orgnr.validate(value or ""))
    except stdnum_exceptions.InvalidLength as exc:
        raise ValidationError(
            _("An organisation number has ten digits, for example 556677-8899."),
            code="invalid_length",
        ) from exc
    except stdnum_exceptions.InvalidChecksum as exc:
        raise ValidationError(
            _("The organisation number is not valid: the check digit does not match."),
            code="invalid_checksum",
        ) from exc
    except stdnum_exceptions.ValidationError as exc:
        raise ValidationError(
            _("The organisation number may only contain digits and a hyphen."),
            code="invalid",
        ) from exc


def validate_org_number(value: str) -> None:
    normalize_org_number(value)
