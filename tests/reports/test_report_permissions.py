"""Board readers list and download finalised reports and nothing else; others get 403."""

import pytest
from django.urls import reverse

from reports import services

pytestmark = [pytest.mark.django_db, pytest.mark.pdf]  # `reports` renders two PDFs


@pytest.fixture
def reports(fixture_year):
    user = fixture_year["strategist"]
    board = fixture_year["board"]
    final = services.report_create_annual(
        board=board, year=2023, user=user, registry_reference="SCN-2024-00012"
    )
    final_file = services.report_generate_file(report=final, user=user)
    services.report_finalise(report=final, user=user)
    draft = services.report_create_annual(board=board, year=2024, user=user)
    draft_file = services.report_generate_file(report=draft, user=user)
    return {"final": final, "final_file": final_file, "draft": draft, "draft_file": draft_file}


def test_board_reader_lists_only_finalised_and_downloads_the_frozen_file(
    client, board_reader, reports
):
    client.force_login(board_reader)
    page = client.get(reverse("reports:report_list")).content.decode()
    assert "Uppföljning av privata utförare 2023" in page
    assert "Uppföljning av privata utförare 2024" not in page
    response = client.get(reverse("reports:file_download", args=[reports["final_file"].pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == reports["final_file"].file.open("rb").read()


@pytest.mark.parametrize(
    "name,key,method",
    [
        ("report_detail", "final", "get"),
        ("report_detail", "draft", "get"),
        ("report_preview", "draft", "get"),
        ("report_edit", "draft", "get"),
        ("report_generate", "draft", "post"),
        ("report_finalise", "draft", "post"),
        ("file_download", "draft_file", "get"),
        ("annual_add", None, "get"),
    ],
)
def test_board_reader_is_forbidden_everything_else(
    client, board_reader, reports, name, key, method
):
    client.force_login(board_reader)
    url = reverse(f"reports:{name}", args=[reports[key].pk] if key else [])
    assert getattr(client, method)(url).status_code == 403


@pytest.mark.parametrize("role", ["coordinator", "caseworker"])
def test_other_roles_cannot_see_reports(client, user_with_role, reports, role):
    client.force_login(user_with_role(role))
    assert client.get(reverse("reports:report_list")).status_code == 403
    url = reverse("reports:file_download", args=[reports["final_file"].pk])
    assert client.get(url).status_code == 403


def test_anonymous_is_sent_to_login(client, reports):
    response = client.get(reverse("reports:report_list"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_strategist_sees_drafts_and_their_files(client, fixture_year, reports):
    client.force_login(fixture_year["strategist"])
    page = client.get(reverse("reports:report_list")).content.decode()
    assert "Uppföljning av privata utförare 2024" in page
    url = reverse("reports:file_download", args=[reports["draft_file"].pk])
    assert client.get(url).status_code == 200
    detail = client.get(reverse("reports:report_detail", args=[reports["final"].pk]))
    assert "Ladda ner fastställd PDF" in detail.content.decode()
