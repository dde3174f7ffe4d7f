"""Passwords are at least 12 characters (issue 14), with Django's message in Swedish."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import translation


def test_eleven_characters_are_refused_and_twelve_accepted():
    with translation.override("sv"), pytest.raises(ValidationError) as error:
        validate_password("Vinter-sno1")  # 11 characters
    assert "minst 12 tecken" in " ".join(error.value.messages)
    validate_password("Vinter-snoa1")  # 12 characters
