"""Bad files get a Swedish error naming the line and the column, never a 500 (issue 13 §3)."""

import pytest
from django.urls import reverse

from suppliers.models import Purchase
from tests.factories import valid_org_number
from tests.followups.feeds.helpers import (
    PURCHASE_HEADER,
    REFERENCE,
    REGISTER_HEADER,
    csv_bytes,
    errors,
    preview,
)

pytestmark = pytest.mark.django_db


# --- what gave a 500 ----------------------------------------------------------------------


@pytest.mark.parametrize("amount", ["NaN", "Infinity", "sNaN", "-Infinity", "1e5", "1_000"])
def test_an_amount_that_is_not_a_plain_number_is_a_row_error(strategist, supplier, amount):
    row = [supplier.org_number, REFERENCE, "2025-01", amount, "1"]
    feed = preview("purchases", csv_bytes([PURCHASE_HEADER, row]), strategist)
    assert errors(feed) == [(2, "Belopp", f"”{amount}” är inte ett tal.")]


def test_a_nul_byte_in_a_supplier_name_is_a_row_error(strategist, agreement):
    row = [REFERENCE, valid_org_number(31), "Nul\x00 AB", "", ""]
    feed = preview("register", csv_bytes([REGISTER_HEADER, row]), strategist)
    assert errors(feed) == [
        (
            2,
            "Leverantör",
            "Värdet innehåller ett styrtecken (kod 0) som inte kan sparas. Ta bort det och "
            "ladda upp filen igen.",
        )
    ]


def test_get_on_the_import_step_leads_to_the_file_page(strategist_client, strategist, supplier):
    row = [supplier.org_number, REFERENCE, "2025-01", "1", "1"]
    feed = preview("purchases", csv_bytes([PURCHASE_HEADER, row]), strategist)
    response = strategist_client.get(reverse("followups:feed_import", args=[feed.pk]))
    assert response.status_code == 302
    assert response.url == feed.get_absolute_url()
    assert not Purchase.objects.exists()
