"""Imported free text is refused if it holds a personal identity number (issue 13 §1)."""

import pytest
import tablib

from followups.models import Check
from suppliers.models import Supplier
from tests.factories import UnitFactory, valid_org_number
from tests.followups.feeds.helpers import REFERENCE, REGISTER_HEADER, csv_bytes, errors, preview

pytestmark = pytest.mark.django_db

PERSONAL_NUMBER = "080101-2386"  # a valid check digit


@pytest.mark.parametrize(
    ("column", "values"),
    [
        ("Leverantör", [REFERENCE, valid_org_number(61), f"Vård {PERSONAL_NUMBER}", "", ""]),
        ("Enhet", [REFERENCE, valid_org_number(62), "Vård AB", f"Hem {PERSONAL_NUMBER}", ""]),
        ("Ort", [REFERENCE, valid_org_number(63), "Vård AB", "Hemmet", PERSONAL_NUMBER]),
    ],
)
def test_a_personal_number_in_imported_free_text_is_refused(strategist, agreement, column, values):
    feed = preview("register", csv_bytes([REGISTER_HEADER, values]), strategist)
    [(line, field, message)] = errors(feed)
    assert (line, field) == (2, column)
    assert message.startswith(f"”{column}” innehåller")
    assert not Supplier.objects.filter(name__startswith="Vård").exists()


def test_a_personal_number_in_the_ivo_permit_reference_is_refused(strategist, supplier):
    UnitFactory(supplier=supplier, name="Gläntan")
    data = tablib.Dataset(
        headers=[
            "Organisationsnummer",
            "Enhet",
            "Tillstånd",
            "Tillståndsnummer",
            "Öppet tillsynsärende",
        ]
    )
    data.append([supplier.org_number, "Gläntan", "beviljat", f"IVO {PERSONAL_NUMBER}", "nej"])
    feed = preview("ivo", data.export("xlsx"), strategist, "ivo.xlsx")
    assert [(e[0], e[1]) for e in errors(feed)] == [(2, "Tillståndsnummer")]
    assert not Check.objects.filter(kind="ivo").exists()
