"""Bad files get a Swedish error naming the line and the column, never a 500 (issue 13 §3)."""

import pytest
from django.urls import reverse

from followups.feeds import services
from suppliers.models import Purchase, Supplier
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


# --- messages -----------------------------------------------------------------------------


def test_model_errors_name_the_files_column_not_our_field(strategist, supplier):
    too_big = "1" * 16
    row = [supplier.org_number, REFERENCE, "2025-01", too_big, "1"]
    feed = preview("purchases", csv_bytes([PURCHASE_HEADER, row]), strategist)
    assert [e[1] for e in errors(feed)] == ["Belopp"]
    credit = csv_bytes(
        [
            ["Organisationsnummer", "Kreditvärdighet", "Betalningsanmärkningar", "Skatteskuld"],
            [supplier.org_number, "A", "0", too_big],
        ]
    )
    assert [e[1] for e in errors(preview("credit", credit, strategist))] == ["Skatteskuld"]


def test_a_header_only_file_is_refused(strategist_client, strategist):
    feed = preview("purchases", csv_bytes([PURCHASE_HEADER]), strategist)
    assert errors(feed) == [
        (2, "", "Filen har en rubrikrad men inga rader under den; det finns inget att importera.")
    ]
    assert "Importera filen" not in strategist_client.get(feed.get_absolute_url()).content.decode()
    with pytest.raises(services.DomainError):
        services.feed_import(feed=feed, user=strategist)


def test_a_repeated_purchase_row_names_both_lines_and_nothing_is_written(strategist, supplier):
    content = csv_bytes(
        [
            PURCHASE_HEADER,
            [supplier.org_number, REFERENCE, "2025-01", "100", "1"],
            [supplier.org_number, REFERENCE, "2025-02", "100", "1"],
            [supplier.org_number.replace("-", ""), REFERENCE.lower(), "2025-01-31", "999", "1"],
        ]
    )
    feed = preview("purchases", content, strategist)
    columns = "Organisationsnummer, Ramavtal, Månad, Enhet"
    assert errors(feed) == [
        (4, columns, f"Rad 4 upprepar rad 2 (samma {columns}). Behåll en av de två raderna.")
    ]
    with pytest.raises(services.DomainError):
        services.feed_import(feed=feed, user=strategist)
    assert not Purchase.objects.exists()


def test_a_repeated_register_row_is_refused(strategist, agreement):
    row = [REFERENCE, valid_org_number(41), "Björk AB", "Gläntan", "Öregrund"]
    feed = preview("register", csv_bytes([REGISTER_HEADER, row, row]), strategist)
    assert [(e[0], e[2][:20]) for e in errors(feed)] == [(3, "Rad 3 upprepar rad 2")]


def test_an_unterminated_quote_is_refused_with_its_line_and_column(strategist, agreement):
    lines = [
        ";".join(REGISTER_HEADER),
        f'{REFERENCE};{valid_org_number(51)};"Åkerö Omsorg AB;Gläntan;Öregrund',
        f"{REFERENCE};{valid_org_number(52)};Bäckby HVB AB;Björken;Östhammar",
    ]
    feed = preview("register", "\r\n".join(lines).encode("cp1252"), strategist)
    assert errors(feed) == [
        (
            2,
            "Leverantör",
            'Värdet sträcker sig från rad 2 till rad 3: ett citattecken (") utan sin like har '
            "troligen slagit ihop raderna. Inget efter det på de raderna lästes som en egen rad.",
        )
    ]
    with pytest.raises(services.DomainError):
        services.feed_import(feed=feed, user=strategist)
    assert not Supplier.objects.exists()
