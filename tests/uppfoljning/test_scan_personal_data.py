"""`manage.py scan_personal_data` finds the stored texts that hold a client's personal identity
number, history and JSON included, and names where they are, never what they say (issue 13 §1)."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

from followups.models import Deviation
from reports.models import Report
from suppliers.models import Supplier
from tests.factories import AgreementFactory, SupplierFactory, UserFactory

pytestmark = pytest.mark.django_db

NUMBER = "080101-2386"
SOLE_TRADER = "800101-2387"  # an organisation number that is its owner's personal number


def _scan() -> str:
    out = StringIO()
    with translation.override("sv"):
        call_command("scan_personal_data", stdout=out)
    return out.getvalue()


def test_lists_record_type_id_and_field_of_each_hit_never_the_text():
    supplier = SupplierFactory(name="Enskild firma Andersson", org_number=SOLE_TRADER)
    agreement = AgreementFactory()
    caseworker = UserFactory(username="socialsekreterare", role="caseworker")
    # Stored through the ORM, as data from before the forms refused it.
    deviation = Deviation.objects.create(
        agreement=agreement,
        supplier=supplier,
        category="invoicing",
        occurred_on=datetime.date(2024, 5, 2),
        description=f"Klienten Erik Svensson, {NUMBER}",
        reported_by=caseworker,
        reporter_role="caseworker",
    )
    # The text was later cleaned, but the history keeps the version with the number.
    supplier.notes = "Placerad 0801012386"
    supplier.save()
    supplier.notes = "Anteckning utan nummer."
    supplier.save()
    historical = supplier.history.filter(notes__contains="0801012386").get()
    report = Report.objects.create(
        board=agreement.board,
        kind="annual",
        period_start=datetime.date(2024, 1, 1),
        period_end=datetime.date(2024, 12, 31),
        title="Årsrapport",
        created_by=caseworker,
        sections={"conclusions": f"Ärendet {NUMBER}."},
    )

    output = _scan()

    assert NUMBER not in output and "0801012386" not in output and "Erik" not in output
    lines = output.splitlines()
    assert f"followups.deviation\t{deviation.pk}\tdescription" in lines
    assert f"suppliers.historicalsupplier\t{historical.pk}\tnotes" in lines
    assert f"reports.report\t{report.pk}\tsections.conclusions" in lines
    # Deviation and its history, the supplier's history, the report and its history.
    assert lines[-1] == "5 lagrade texter innehåller ett personnummer eller samordningsnummer."
    # The sole trader's organisation number is the supplier's own, not a client's.
    assert not any(line.startswith("suppliers.supplier\t") for line in lines)
    assert Supplier.objects.get().org_number == SOLE_TRADER


def test_nothing_found_says_so():
    SupplierFactory(name="Viborgs Omsorg AB", notes="Org.nr 556036-0793, dnr SCN-2024/1234")
    assert _scan().splitlines() == [
        "0 lagrade texter innehåller ett personnummer eller samordningsnummer."
    ]
