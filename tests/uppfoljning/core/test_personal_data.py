"""Personal identity numbers are found in free text; org numbers, dates and phones are not."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from uppfoljning.core.personal_data import check_free_text, personal_numbers


@pytest.mark.parametrize(
    "text",
    [
        "Klienten Erik Svensson, 080101-2386",
        "0801012386",
        "200801012386",
        "20080101-2386",
        "080101+2386",  # over 100 years old
        "080161-2383",  # samordningsnummer (day + 60)
        "200801612383",
        "(080101-2386)",
    ],
)
def test_personal_and_coordination_numbers_are_found(text):
    assert personal_numbers(text)


@pytest.mark.parametrize(
    "text",
    [
        "080101-2387",  # wrong check digit
        "081301-2386",  # no 13th month
        "080161-2384",  # samordningsnummer with a wrong check digit
        "556036-0793",  # organisation number
        "5560360793",
        "16556036-0793",
        "Dnr SN 2024/1234",
        "2024-12-20",
        "Beslut 2024-12-20, dnr 2024.123",
        "belopp 1234567890 kr",
        "070-123 45 67",
        "08-123 456 78",
        "+46701234567",
        "0801012386123",  # part of a longer number
        "",
        None,
    ],
)
def test_other_numbers_pass(text):
    assert personal_numbers(text) == []


def test_the_refusal_names_the_field_in_swedish():
    with translation.override("sv"), pytest.raises(ValidationError) as error:
        check_free_text("Gäller 080101-2386", "Vad hände")
    message = error.value.messages[0]
    assert "”Vad hände”" in message
    assert "personnummer" in message
