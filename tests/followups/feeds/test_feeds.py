"""Data feeds: dry run first, then all or nothing; the same file twice changes nothing."""

import datetime

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from followups.feeds import services
from followups.models import Check, Deviation, FeedImport, WorkItem
from suppliers.models import Contract, Purchase, Supplier, Unit
from tests.factories import (
    AgreementFactory,
    ContractFactory,
    SupplierFactory,
    UnitFactory,
    valid_org_number,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreement(strategist):
    return AgreementFactory(
        name="HVB barn och unga",
        reference="SCN-2019-0437",
        owner=strategist,
        start_date=datetime.date(2020, 1, 1),
        option_end_date=None,
        end_date=datetime.date(2030, 12, 31),
    )


def csv_bytes(rows, *, delimiter=";", encoding="cp1252"):
    return "\r\n".join(delimiter.join(str(v) for v in row) for row in rows).encode(encoding)


REGISTER = [
    ["Ramavtal", "Organisationsnummer", "Leverantör", "Enhet", "Ort", "Rangordning"],
    ["SCN-2019-0437", valid_org_number(901), "Åkerö Omsorg AB", "Gläntan", "Öregrund", "1"],
    ["SCN-2019-0437", valid_org_number(901), "Åkerö Omsorg AB", "Björken", "Östhammar", "1"],
    ["SCN-2019-0437", valid_org_number(902), "Bäckby HVB AB", "", "", "2"],
]


def test_register_file_is_previewed_then_imported_and_twice_changes_nothing(agreement, strategist):
    content = csv_bytes(REGISTER)  # Windows-1252, semicolons, as Excel saves it
    preview = services.feed_preview(
        kind="register", file_name="avtal.csv", content=content, user=strategist
    )
    assert preview.summary["create"] == 3
    assert preview.summary["errors"] == []
    assert not Supplier.objects.filter(name="Åkerö Omsorg AB").exists()  # dry run only

    services.feed_import(feed=preview, user=strategist)
    supplier = Supplier.objects.get(name="Åkerö Omsorg AB")
    contract = Contract.objects.get(agreement=agreement, supplier=supplier)
    assert sorted(u.name for u in contract.units.all()) == ["Björken", "Gläntan"]
    assert supplier.history.first().history_user == strategist

    again = services.feed_preview(
        kind="register", file_name="avtal.csv", content=content, user=strategist
    )
    assert again.summary["unchanged"] == 3
    assert again.summary["create"] == again.summary["change"] == 0
    counts = (Supplier.objects.count(), Unit.objects.count(), Contract.objects.count())
    services.feed_import(feed=again, user=strategist)
    assert (Supplier.objects.count(), Unit.objects.count(), Contract.objects.count()) == counts


def test_purchases_from_xlsx_utf8_comma_and_changes(agreement, strategist):
    supplier = SupplierFactory()
    ContractFactory(agreement=agreement, supplier=supplier)
    data = tablib.Dataset(
        headers=["Organisationsnummer", "Ramavtal", "Månad", "Belopp", "Antal placeringar"]
    )
    data.append([supplier.org_number, "SCN-2019-0437", "2025-01", "123 456,50", 3])
    data.append([supplier.org_number, "SCN-2019-0437", "2025-02", "99000", 2])
    feed = services.feed_preview(
        kind="purchases", file_name="inkop.xlsx", content=data.export("xlsx"), user=strategist
    )
    services.feed_import(feed=feed, user=strategist)
    assert Purchase.objects.get(month=datetime.date(2025, 1, 1)).amount == 123456.5
    # A corrected month in a UTF-8 comma file: one change, one unchanged.
    content = csv_bytes(
        [
            ["Organisationsnummer", "Ramavtal", "Månad", "Belopp", "Antal placeringar"],
            [supplier.org_number, "SCN-2019-0437", "2025-01", "123456.50", "3"],
            [supplier.org_number, "SCN-2019-0437", "2025-02", "100000", "2"],
        ],
        delimiter=",",
        encoding="utf-8",
    )
    feed = services.feed_preview(
        kind="purchases", file_name="inkop.csv", content=content, user=strategist
    )
    assert (feed.summary["change"], feed.summary["unchanged"]) == (1, 1)


@pytest.mark.slow
def test_thousand_rows_with_one_bad_row_writes_nothing_and_names_the_row(agreement, strategist):
    supplier = SupplierFactory()
    ContractFactory(agreement=agreement, supplier=supplier)
    rows = [["Organisationsnummer", "Ramavtal", "Månad", "Belopp", "Antal placeringar"]]
    start = datetime.date(1940, 1, 1)
    for i in range(1000):
        year, month = divmod(i, 12)
        amount = "tolvtusen" if i == 536 else str(1000 + i)
        rows.append(
            [
                supplier.org_number,
                "SCN-2019-0437",
                f"{start.year + year}-{month + 1:02d}",
                amount,
                "1",
            ]
        )
    feed = services.feed_preview(
        kind="purchases", file_name="inkop.csv", content=csv_bytes(rows), user=strategist
    )
    assert feed.summary["errors"] == [
        {"line": 538, "field": "Belopp", "message": "”tolvtusen” är inte ett tal."}
    ]
    with pytest.raises(services.DomainError):
        services.feed_import(feed=feed, user=strategist)
    assert not Purchase.objects.exists()


def test_bad_values_are_reported_with_line_field_and_swedish_message(agreement, strategist):
    content = csv_bytes(
        [
            ["Ramavtal", "Organisationsnummer", "Leverantör"],
            ["SCN-0000-0000", valid_org_number(5), "X AB"],
            ["SCN-2019-0437", "123", "Y AB"],
            ["SCN-2019-0437", valid_org_number(6), ""],
        ]
    )
    feed = services.feed_preview(
        kind="register", file_name="a.csv", content=content, user=strategist
    )
    assert feed.summary["errors"] == [
        {
            "line": 2,
            "field": "Ramavtal",
            "message": "Det finns inget ramavtal med diarienummer SCN-0000-0000.",
        },
        {
            "line": 3,
            "field": "Organisationsnummer",
            "message": "”123” är inte ett giltigt organisationsnummer.",
        },
        {"line": 4, "field": "Leverantör", "message": "Ett värde krävs."},
    ]


def test_missing_column_is_named(strategist):
    content = csv_bytes([["Organisationsnummer", "Kreditvärdighet"], [valid_org_number(1), "A"]])
    feed = services.feed_preview(kind="credit", file_name="k.csv", content=content, user=strategist)
    fields = {e["field"] for e in feed.summary["errors"]}
    assert fields == {"Betalningsanmärkningar", "Skatteskuld"}


CREDIT_HEADER = [
    "Organisationsnummer",
    "Kreditvärdighet",
    "Betalningsanmärkningar",
    "Skatteskuld",
    "Konkurs/likvidation",
]


def test_worsened_credit_starts_a_check_a_deviation_and_a_work_item(agreement, strategist):
    supplier = SupplierFactory(name="Vacklande Vård AB")
    ContractFactory(agreement=agreement, supplier=supplier)
    first = csv_bytes([CREDIT_HEADER, [supplier.org_number, "AA", "0", "0", "nej"]])
    services.feed_import(
        feed=services.feed_preview(
            kind="credit", file_name="k1.csv", content=first, user=strategist
        ),
        user=strategist,
    )
    assert not Deviation.objects.exists()
    worse = csv_bytes([CREDIT_HEADER, [supplier.org_number, "B", "2", "45 000", "nej"]])
    preview = services.feed_preview(
        kind="credit", file_name="k2.csv", content=worse, user=strategist
    )
    assert len(preview.summary["signals"]) == 1
    assert not Deviation.objects.exists()
    services.feed_import(feed=preview, user=strategist)
    deviation = Deviation.objects.get()
    assert deviation.source == "credit_bureau"
    assert deviation.agreement == agreement
    item = WorkItem.objects.get(rule__code="feed-signal")
    assert item.subject == deviation
    assert item.assigned_to == strategist
    assert "sänkt kreditvärdighet från AA till B" in item.title
    assert Check.objects.filter(kind="credit", supplier=supplier).count() == 2
    # The same file again: nothing new.
    again = services.feed_preview(kind="credit", file_name="k2.csv", content=worse, user=strategist)
    assert again.summary["unchanged"] == 1
    services.feed_import(feed=again, user=strategist)
    assert Deviation.objects.count() == 1
    assert Check.objects.filter(kind="credit").count() == 2


def test_bankruptcy_is_a_signal_even_on_first_reading(agreement, strategist):
    supplier = SupplierFactory()
    ContractFactory(agreement=agreement, supplier=supplier)
    content = csv_bytes([CREDIT_HEADER, [supplier.org_number, "C", "0", "0", "ja"]])
    services.feed_import(
        feed=services.feed_preview(
            kind="credit", file_name="k.csv", content=content, user=strategist
        ),
        user=strategist,
    )
    assert Check.objects.get(kind="credit").result == "serious"
    assert "konkurs eller likvidation" in WorkItem.objects.get(rule__code="feed-signal").title


def test_open_ivo_case_starts_a_signal_and_updates_the_unit(agreement, strategist):
    supplier = SupplierFactory(name="Tillsyn AB")
    unit = UnitFactory(supplier=supplier, name="Gläntan")
    ContractFactory(agreement=agreement, supplier=supplier)
    content = csv_bytes(
        [
            [
                "Organisationsnummer",
                "Enhet",
                "Tillstånd",
                "Tillståndsnummer",
                "Öppet tillsynsärende",
            ],
            [supplier.org_number, "Gläntan", "beviljat", "IVO 8.1-123/2020", "ja"],
        ]
    )
    services.feed_import(
        feed=services.feed_preview(
            kind="ivo", file_name="ivo.csv", content=content, user=strategist
        ),
        user=strategist,
    )
    unit.refresh_from_db()
    assert unit.ivo_permit_reference == "IVO 8.1-123/2020"
    check = Check.objects.get(kind="ivo", unit=unit)
    assert check.ivo_open_supervision is True
    deviation = Deviation.objects.get(source="ivo")
    assert deviation.unit == unit
    assert "öppet tillsynsärende" in WorkItem.objects.get(rule__code="feed-signal").title
    again = services.feed_preview(kind="ivo", file_name="ivo.csv", content=content, user=strategist)
    assert again.summary["unchanged"] == 1


def test_strategist_uploads_previews_and_confirms_in_the_browser(strategist_client, agreement):
    upload = SimpleUploadedFile("avtal.csv", csv_bytes(REGISTER), content_type="text/csv")
    response = strategist_client.post(
        reverse("followups:feed_upload"), {"kind": "register", "file": upload}
    )
    feed = FeedImport.objects.get()
    assert response.status_code == 302
    page = strategist_client.get(feed.get_absolute_url()).content.decode()
    assert "Det här skulle importen göra" in page
    assert "Importera filen" in page
    response = strategist_client.post(reverse("followups:feed_import", args=[feed.pk]), follow=True)
    assert "Importerat: 3 nya, 0 ändrade, 0 oförändrade." in response.content.decode()
    assert Supplier.objects.filter(name="Bäckby HVB AB").exists()


@pytest.mark.parametrize("role", ["coordinator", "caseworker", "board_reader"])
def test_only_strategists_import_files(client, user_with_role, role):
    client.force_login(user_with_role(role))
    assert client.get(reverse("followups:feed_upload")).status_code == 403
    assert client.get(reverse("followups:feed_list")).status_code == 403
