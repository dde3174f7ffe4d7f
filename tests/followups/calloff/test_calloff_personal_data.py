"""The note of a call-off check takes no client personal identity number (issue 13 §1)."""

import pytest

from suppliers.models import PlacementCheck
from tests.followups.calloff.test_calloff_pages import log_post, viborg  # noqa: F401

pytestmark = pytest.mark.django_db


def test_a_placement_check_note_naming_a_client_is_refused_and_nothing_logged(
    client,
    coordinator,
    viborg,  # noqa: F811
):
    contract, unit = viborg
    client.force_login(coordinator)
    response = log_post(
        client,
        contract,
        unit,
        "clear",
        placement_support_note="Placering av 0801012386 hos enheten",
    )
    assert not PlacementCheck.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert (
        "”Anteckning (inga uppgifter om klienten)” innehåller något som ser ut som ett "
        "personnummer eller samordningsnummer" in page
    )


def test_a_supervision_reference_in_the_note_is_accepted(client, coordinator, viborg):  # noqa: F811
    contract, unit = viborg
    client.force_login(coordinator)
    log_post(client, contract, unit, "clear", placement_support_note="IVO dnr 3.5.1-12345/2024")
    assert PlacementCheck.objects.get().placement_support_note == "IVO dnr 3.5.1-12345/2024"
