"""Create, edit, generate and finalise: a finalised report is frozen, a new version is new."""

import hashlib

import pytest
from django.urls import reverse

from reports import services
from reports.models import Report, ReportFile, ReportJob
from reports.periods import report_period
from tests.edit_forms import opened_version
from tests.factories import BoardFactory
from uppfoljning.core.errors import DomainError

from .helpers import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(fixture_year):
    return services.report_create_annual(
        board=fixture_year["board"],
        year=2024,
        user=fixture_year["strategist"],
        registry_reference="SCN-2025-00012",
    )


def test_may_to_april_board_reports_the_twelve_months_ending_in_april():
    board = BoardFactory(report_period_start_month=5)
    period = report_period(board, 2024)
    assert (period.start.isoformat(), period.end.isoformat()) == ("2023-05-01", "2024-04-30")
    assert period.label == "2023/2024"
    calendar = report_period(BoardFactory(name="Äldrenämnden"), 2024)
    assert (calendar.start.isoformat(), calendar.end.isoformat()) == ("2024-01-01", "2024-12-31")


@pytest.mark.pdf
def test_edited_conclusions_appear_in_the_pdf_and_default_texts_keep_following_the_data(
    report, fixture_year
):
    user = fixture_year["strategist"]
    services.report_update(
        report=report, user=user, sections={"conclusions": "Kontrollen är tillräcklig."}
    )
    report.refresh_from_db()
    assert report.sections == {"conclusions": "Kontrollen är tillräcklig."}
    file = services.report_generate_file(report=report, user=user)
    text = pdf_text(file.file.read())
    assert "Kontrollen är tillräcklig." in text
    assert "SCN-2025-00012" in text
    assert file.sha256 == hashlib.sha256(file.file.open("rb").read()).hexdigest()
    assert file.pages >= 3 and file.size > 1000


@pytest.mark.pdf
def test_finalise_needs_an_up_to_date_pdf_then_freezes_the_report(report, fixture_year):
    user = fixture_year["strategist"]
    with pytest.raises(DomainError):
        services.report_finalise(report=report, user=user)
    services.report_generate_file(report=report, user=user)
    services.report_update(report=report, user=user, sections={"conclusions": "Ny text."})
    with pytest.raises(DomainError, match="skapa PDF igen"):
        services.report_finalise(report=report, user=user)
    second = services.report_generate_file(report=report, user=user)
    report = services.report_finalise(report=report, user=user)
    assert report.final_file == second and report.finalised_by == user
    with pytest.raises(DomainError):
        services.report_update(report=report, user=user, sections={"conclusions": "Ändrad"})
    with pytest.raises(DomainError):
        services.report_generate_file(report=report, user=user)
    assert ReportFile.objects.filter(report=report).count() == 2
    # A new version is a new document; the frozen one is untouched.
    new = services.report_create_annual(board=report.board, year=2024, user=user)
    assert new.version == 2 and new.pk != report.pk
    with pytest.raises(DomainError):
        services.report_create_annual(board=report.board, year=2024, user=user)


@pytest.mark.pdf
def test_strategist_generates_pdf_with_create_pdf_button_in_process(
    report, client, fixture_year, django_capture_on_commit_callbacks
):
    client.force_login(fixture_year["strategist"])
    # Without a broker the task runs in-process once the request's transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reports:report_generate", args=[report.pk]), HTTP_HX_REQUEST="true"
        )
    assert response.status_code == 200
    job = ReportJob.objects.get()
    assert job.status == "done" and job.progress == 100
    status = client.get(reverse("reports:job_status", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert "PDF-filen är skapad" in status.content.decode()
    assert status["HX-Refresh"] == "true"  # the page reloads to show the file and "Fastställ"
    # Running the finished job again does nothing.
    services.report_job_run(job_id=job.pk)
    assert ReportFile.objects.count() == 1


def test_edit_page_shows_default_texts_and_saves_changes(report, client, fixture_year):
    client.force_login(fixture_year["strategist"])
    url = reverse("reports:report_edit", args=[report.pk])
    page = client.get(url).content.decode()
    assert "Bedömning och slutsatser" in page
    assert "lägga rapporten till handlingarna" in page
    response = client.post(
        url,
        {
            "title": "Uppföljning av privata utförare 2024",
            "registry_reference": "SCN-2025-1",
            "document_date": "2025-01-08",
            "section_conclusions": "Slutsats från strategen.",
        }
        | opened_version(client, url),
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.sections == {"conclusions": "Slutsats från strategen."}
    assert report.registry_reference == "SCN-2025-1"
    assert report.history.count() == 2


def test_preview_is_html_with_escaped_user_text(report, client, fixture_year):
    client.force_login(fixture_year["strategist"])
    fixture_year["board"].name = "<script>alert(1)</script>"
    fixture_year["board"].save()
    html = client.get(reverse("reports:report_preview", args=[report.pk])).content.decode()
    assert "Förhandsgranskning" in html
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_create_annual_report_page(client, fixture_year):
    client.force_login(fixture_year["strategist"])
    response = client.post(
        reverse("reports:annual_add"),
        {"board": fixture_year["board"].pk, "year": 2024, "registry_reference": "SCN-1"},
    )
    report = Report.objects.get()
    assert response.status_code == 302 and response["Location"] == report.get_absolute_url()
    again = client.post(
        reverse("reports:annual_add"), {"board": fixture_year["board"].pk, "year": 2024}
    )
    assert "finns redan ett utkast" in again.content.decode()
