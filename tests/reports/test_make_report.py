"""`manage.py make_report` writes a finalised document exactly as the board received it, for
every kind (issue 15 §6), and otherwise the latest draft's texts."""

import datetime

import pytest
from django.core.management import call_command

from followups.planning import services as plan_services
from reports import services
from reports.rendering import RenderedPdf
from tests.factories import BoardFactory
from tests.followups.factories import plan_agreements

D = datetime.date

pytestmark = pytest.mark.django_db


def _finalise(report, user, content):
    """Finalise with a stored file no renderer would produce: what make_report writes must
    be these bytes, not a new rendering of today's data."""
    pdf = RenderedPdf(content=content, pages=2, html="", refused_urls=[])
    services._store_file(report=report, user=user, pdf=pdf)
    return services.report_finalise(report=report, user=user)


def _make_report(tmp_path, *args):
    out = tmp_path / "out"
    call_command("make_report", *[str(a) for a in args], "--output", str(out))
    return out.read_bytes()


@pytest.mark.parametrize("kind", ["followup", "feedback"])
def test_a_finalised_follow_up_document_is_written_as_frozen(fixture_year, tmp_path, kind):
    special, user = fixture_year["special"], fixture_year["strategist"]
    supplier = special.suppliers.get(name="Bromstensgården AB") if kind == "feedback" else None
    report = services.report_create_for_followup(
        followup=special, kind=kind, user=user, supplier=supplier, registry_reference="SCN-1"
    )
    frozen = f"%PDF-1.4 frozen {kind}".encode()
    _finalise(report, user, frozen)
    args = ["--supplier", supplier.pk] if supplier else []
    assert _make_report(tmp_path, kind, "--id", special.pk, *args) == frozen


def test_a_finalised_annual_report_is_written_as_frozen(fixture_year, tmp_path):
    user = fixture_year["strategist"]
    report = services.report_create_annual(
        board=fixture_year["board"], year=2024, user=user, registry_reference="SCN-2"
    )
    _finalise(report, user, b"%PDF-1.4 frozen annual")
    assert _make_report(tmp_path, "annual", "--year", 2024) == b"%PDF-1.4 frozen annual"


def test_a_finalised_plan_document_is_written_as_frozen(strategist, tmp_path):
    board = BoardFactory(name="Socialnämnden")
    plan_agreements(board, strategist, [("HVB barn och unga", D(2021, 3, 1), D(2027, 2, 28), True)])
    plan = plan_services.plan_propose(
        board=board, year=2025, user=strategist, capacity=1, today=D(2024, 12, 1)
    )
    plan = plan_services.plan_accept(plan=plan, user=strategist)
    report = services.report_create_plan(plan=plan, user=strategist, registry_reference="SCN-3")
    _finalise(report, strategist, b"%PDF-1.4 frozen plan")
    assert _make_report(tmp_path, "plan", "--year", 2025) == b"%PDF-1.4 frozen plan"


@pytest.mark.parametrize(
    ("kind", "section"), [("followup", "conclusions"), ("feedback", "closing")]
)
def test_a_draft_follow_up_document_is_written_with_its_texts(
    fixture_year, tmp_path, kind, section
):
    special, user = fixture_year["special"], fixture_year["strategist"]
    supplier = special.suppliers.get(name="Bromstensgården AB") if kind == "feedback" else None
    report = services.report_create_for_followup(
        followup=special, kind=kind, user=user, supplier=supplier
    )
    services.report_update(report=report, user=user, sections={section: "Strategens egen text."})
    args = ["--supplier", supplier.pk] if supplier else []
    html = _make_report(tmp_path, kind, "--id", special.pk, *args, "--html").decode()
    assert "Strategens egen text." in html
