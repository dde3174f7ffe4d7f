"""The one spreadsheet writer: text that a spreadsheet would run is written as text."""

import csv
import datetime
import decimal
import io

import openpyxl
import pytest

from uppfoljning.core import exports

DANGEROUS = ["=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1", "-"]


@pytest.mark.parametrize("text", DANGEROUS)
def test_text_that_starts_like_a_formula_gets_an_apostrophe(text):
    assert exports.neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["Åkerö Omsorg AB", "556677-8899", "2024-12-20", "", "a=1"])
def test_ordinary_text_is_left_alone(text):
    assert exports.neutralise(text) == text


def test_numbers_and_dates_stay_native_even_when_negative():
    day = datetime.date(2024, 12, 20)
    assert exports.neutralise(-5) == -5
    assert exports.neutralise(decimal.Decimal("-1.5")) == decimal.Decimal("-1.5")
    assert exports.neutralise(day) == day
    assert exports.neutralise(None) == ""


def test_csv_and_xlsx_hold_the_same_neutralised_text_and_native_numbers():
    headers = ["Namn", "Belopp"]
    rows = [['=HYPERLINK("x")', -250], ["-2+3", 10]]
    parsed = list(csv.reader(io.StringIO(exports.to_csv(headers, rows).decode())))
    assert parsed == [headers, ['\'=HYPERLINK("x")', "-250"], ["'-2+3", "10"]]

    sheet = openpyxl.load_workbook(io.BytesIO(exports.to_xlsx(headers, rows))).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values == [headers, ['\'=HYPERLINK("x")', -250], ["'-2+3", 10]]
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
