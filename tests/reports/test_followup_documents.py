"""The report on one follow-up and the feedback letter to a supplier."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from reports import services
from uppfoljning.core.errors import DomainError

from .helpers import pdf_text

pytestmark = pytest.mark.django_db


@pytest.mark.pdf
def test_followup_report_has_scope_selection_grid_and_findings(fixture_year, tmp_path):
    out = tmp_path / "uppfoljning.pdf"
    call_command("make_report", "followup", "--id", fixture_year["special"].pk, "--output", out)
    text = pdf_text(out.read_bytes())
    assert "Särskild uppföljning HVB 2024" in text
    assert "Ramnäs HVB AB 2,7 mkr 7 Bromstensgården AB 1,0 mkr 8" in text
    assert "Meddelarfrihet Ej uppfyllt" in text
    assert "Låg kännedom om meddelarfrihet" in text
    assert "Oanmält, kvällstid Bemanning enligt schema." in text
    assert "Sida 1 av" in text


@pytest.mark.pdf
def test_feedback_letter_lists_findings_measures_and_deadlines(fixture_year, tmp_path):
    special = fixture_year["special"]
    supplier = special.suppliers.get(name="Bromstensgården AB")
    out = tmp_path / "aterkoppling.pdf"
    call_command(
        "make_report", "feedback", "--id", special.pk, "--supplier", supplier.pk, "--output", out
    )
    text = pdf_text(out.read_bytes())
    assert "Bromstensgården AB" in text
    assert (
        "Låg kännedom om meddelarfrihet Meddelarfrihet Introduktion om meddelarfrihet 2025-02-28"
        in text
    )
    assert "Kvällsbemanning saknas" not in text  # another supplier's finding
    assert supplier.org_number in text


def test_feedback_letter_needs_a_supplier_in_scope(fixture_year, tmp_path):
    special = fixture_year["special"]
    with pytest.raises(CommandError):
        call_command("make_report", "feedback", "--id", special.pk, "--output", tmp_path / "x")
    outsider = fixture_year["shelter_contracts"][4].supplier
    with pytest.raises(DomainError):
        services.report_create_for_followup(
            followup=special, kind="feedback", supplier=outsider, user=fixture_year["strategist"]
        )


@pytest.mark.pdf
def test_strategist_creates_feedback_letter_and_generates_it(client, fixture_year):
    special = fixture_year["special"]
    supplier = special.suppliers.get(name="Bromstensgården AB")
    client.force_login(fixture_year["strategist"])
    response = client.post(
        reverse("reports:followup_add"),
        {"followup": special.pk, "kind": "feedback", "supplier": supplier.pk},
    )
    assert response.status_code == 302
    report = special.reports.get()
    assert report.supplier == supplier and report.kind == "feedback"
    file = services.report_generate_file(report=report, user=fixture_year["strategist"])
    assert "Återkoppling" in pdf_text(file.file.read())
