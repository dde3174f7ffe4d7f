"""Criminal-record checks reach strategists and superusers only (GDPR art. 10).

Coordinators, caseworkers and board readers must never receive one: not in a page's HTML,
not in an export, not in an error page. The marker is the registry reference and the kind's
Swedish label; both appear wherever a strategist sees the check (the positive control).
"""

import io

import openpyxl
import pytest
from django.urls import reverse

from followups.models import CheckKind
from tests.factories import ContractFactory, UnitFactory
from tests.followups.factories import CheckFactory, CriminalRecordCheckFactory

pytestmark = pytest.mark.django_db

SECRET_REFERENCE = "BR-HEMLIG-4711"
KIND_LABEL = "Belastningsregister"
OTHER_ROLES = ("coordinator", "caseworker", "board_reader")


@pytest.fixture
def record():
    unit = UnitFactory(name="Vibor Gläntan")
    ContractFactory(supplier=unit.supplier)
    CheckFactory(supplier=unit.supplier, unit=unit, kind=CheckKind.IVO, reference="IVO-SYNLIG")
    return CriminalRecordCheckFactory(supplier=unit.supplier, reference=SECRET_REFERENCE)


def _urls(record):
    supplier = record.supplier
    unit = supplier.units.get()
    urls = [
        reverse("dashboard"),
        reverse("followups:check_list"),
        reverse("followups:check_list") + f"?supplier={supplier.pk}",
        reverse("followups:check_list") + "?q=vibor",
        reverse("followups:check_list") + "?kind=criminal_record",
        reverse("followups:check_list") + f"?q={supplier.org_number}",
        reverse("followups:check_detail", args=[record.pk]),
        reverse("followups:check_edit", args=[record.pk]),
        reverse("followups:check_add"),
        reverse("followups:check_export") + "?format=csv",
        reverse("followups:check_export") + "?format=csv&kind=criminal_record",
        supplier.get_absolute_url(),
        unit.get_absolute_url(),
        record.representative.get_absolute_url(),
        reverse("suppliers:supplier_list") + "?q=vibor",
    ]
    # The call-off pages and the API (calloff's area) show checks too.
    urls += [
        reverse("calloff:search") + "?q=vibor",
        reverse("calloff:supplier_status", args=[supplier.pk]),
        reverse("calloff:unit_status", args=[unit.pk]),
        reverse("calloff:order", args=[supplier.contracts.get().agreement_id]),
        reverse("calloff:log_list"),
        reverse("api_call_off_status") + f"?org_number={supplier.org_number}",
        reverse("api_call_off_status") + f"?org_number={supplier.org_number}&unit={unit.pk}",
    ]
    return urls


@pytest.mark.parametrize("role", OTHER_ROLES)
def test_other_roles_never_receive_a_criminal_record_check(client, user_with_role, record, role):
    client.force_login(user_with_role(role))
    for url in _urls(record):
        response = client.get(url)
        body = response.content.decode("utf-8", errors="replace")
        assert SECRET_REFERENCE not in body, (role, url, response.status_code)
        assert KIND_LABEL not in body, (role, url, response.status_code)
        listed = (response.context or {}).get("object_list") or []
        assert not [o for o in listed if getattr(o, "kind", None) == "criminal_record"], url


@pytest.mark.parametrize("role", OTHER_ROLES)
def test_the_detail_page_answers_not_found_or_forbidden_and_names_nothing(
    client, user_with_role, record, role
):
    client.force_login(user_with_role(role))
    response = client.get(reverse("followups:check_detail", args=[record.pk]))
    assert response.status_code == (404 if role == "coordinator" else 403)
    body = response.content.decode()
    assert SECRET_REFERENCE not in body
    assert record.get_result_display() not in body


def test_excel_export_leaves_criminal_records_out(client, coordinator, record):
    client.force_login(coordinator)
    response = client.get(reverse("followups:check_export"), {"format": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cells = {str(c.value) for row in sheet.iter_rows() for c in row}
    assert "IVO-SYNLIG" in cells
    assert SECRET_REFERENCE not in cells
    assert not any(KIND_LABEL in c for c in cells)


@pytest.mark.parametrize("role", ("strategist", "superuser"))
def test_strategists_and_superusers_see_criminal_record_checks(
    client, user_with_role, record, role
):
    client.force_login(user_with_role(role))
    for url in (
        reverse("followups:check_list"),
        reverse("followups:check_detail", args=[record.pk]),
        reverse("followups:check_export") + "?format=csv",
        record.supplier.get_absolute_url(),
        record.representative.get_absolute_url(),
    ):
        body = client.get(url).content.decode()
        assert SECRET_REFERENCE in body, url
        assert KIND_LABEL in body, url


def test_coordinator_cannot_record_a_criminal_record_check(client, coordinator, record):
    client.force_login(coordinator)
    url = reverse("followups:check_add_kind", args=["criminal_record"])
    assert client.get(url + f"?supplier={record.supplier_id}").status_code == 403


def test_a_logged_call_off_check_freezes_no_criminal_record(client, coordinator, record):
    """The PlacementCheck snapshot is stored for years: it must not carry the record either."""
    import json

    from followups.calloff import services
    from suppliers.models import PlacementSupportReading

    unit = record.supplier.units.get()
    agreement = record.supplier.contracts.get().agreement
    logged = services.placement_check_log(
        user=coordinator,
        agreement=agreement,
        unit=unit,
        placement_support_consulted=True,
        placement_support_reading=PlacementSupportReading.values[0],
    )
    assert SECRET_REFERENCE not in json.dumps(logged.snapshot)
    client.force_login(coordinator)
    body = client.get(logged.get_absolute_url()).content.decode()
    assert SECRET_REFERENCE not in body
    assert KIND_LABEL not in body


@pytest.mark.parametrize("role", OTHER_ROLES)
def test_the_annual_report_preview_names_no_criminal_record(
    client, user_with_role, strategist, record, role
):
    """The board's report may say that records were checked, never a reference or outcome."""
    from reports.services import report_create_annual

    board = record.supplier.contracts.get().agreement.board
    report = report_create_annual(board=board, year=record.performed_on.year, user=strategist)
    client.force_login(user_with_role(role))
    for url in (
        reverse("reports:report_detail", args=[report.pk]),
        reverse("reports:report_preview", args=[report.pk]),
    ):
        body = client.get(url).content.decode()
        assert SECRET_REFERENCE not in body, url


@pytest.mark.parametrize("role", ("coordinator", "strategist"))
def test_a_follow_up_triggered_by_a_criminal_record_names_it_only_to_strategists(
    client, user_with_role, record, role
):
    """An event-driven follow-up may start from a record check; the page must not say so."""
    from followups.models import FollowUpKind
    from tests.followups.factories import FollowUpFactory

    followup = FollowUpFactory(kind=FollowUpKind.EVENT_DRIVEN, trigger_check=record)
    client.force_login(user_with_role(role))
    response = client.get(followup.get_absolute_url())
    assert response.status_code == 200
    body = response.content.decode()
    assert (KIND_LABEL in body) is (role == "strategist")
    assert SECRET_REFERENCE not in body  # the reference is only on the check's own page


@pytest.mark.parametrize("role", ("coordinator", "strategist"))
def test_a_follow_ups_checks_list_only_those_the_reader_may_see(
    client, user_with_role, record, role
):
    """Issue 13 §2: a strategist ticked a criminal-record check under "Checks" on a follow-up;
    the coordinator saw it on the follow-up's page (the list was read unfiltered)."""
    from tests.followups.factories import FollowUpFactory

    followup = FollowUpFactory(agreement=record.supplier.contracts.get().agreement)
    followup.checks.add(record, record.supplier.checks.get(kind=CheckKind.IVO))
    client.force_login(user_with_role(role))
    body = client.get(followup.get_absolute_url()).content.decode()
    assert "IVO-tillstånd och tillsyn 2024-10-01" in body
    assert (KIND_LABEL in body) is (role == "strategist")


@pytest.mark.parametrize("role", ("coordinator", "strategist"))
def test_a_follow_ups_history_names_a_criminal_record_trigger_only_to_strategists(
    client, user_with_role, record, role
):
    """The history lists a changed trigger as the page would: hidden from coordinators."""
    from followups.models import FollowUpKind
    from tests.followups.factories import FollowUpFactory

    followup = FollowUpFactory(kind=FollowUpKind.EVENT_DRIVEN, trigger_source="media")
    followup.trigger_check = record
    followup.save()
    client.force_login(user_with_role(role))
    history = client.get(followup.get_absolute_url()).context["history"]
    change = next(c for entry in history for c in entry.changes if c.label == "Utlösande kontroll")
    assert change.old == "–"
    assert change.new == ("(visas inte)" if role == "coordinator" else str(record))


def test_work_items_of_a_criminal_record_round_need_the_right_to_see_the_checks(client, record):
    """A work item of the criminal-record round holds its checks: whoever may read work items
    but not criminal records (a grant made in the admin, say) does not see that round."""
    from django.contrib.auth.models import Permission

    from followups.control import services
    from followups.models import ControlRule, WorkItem
    from tests.factories import UserFactory

    services.seed_control_rules()
    agreement = record.supplier.contracts.get().agreement
    ControlRule.objects.get(code="criminal-record-hvb").agreements.set([agreement])
    ControlRule.objects.get(code="ivo-review").agreements.set([agreement])
    services.sweep(on=record.performed_on)
    rounds = WorkItem.objects.filter(rule__code__in=["criminal-record-hvb", "ivo-review"])
    criminal = rounds.get(rule__code="criminal-record-hvb")
    ivo = rounds.get(rule__code="ivo-review")
    reader = UserFactory(username="granskare")
    reader.user_permissions.set(
        Permission.objects.filter(codename__in=["view_workitem", "change_workitem", "add_check"])
    )
    assert set(WorkItem.objects.visible_to(reader)) >= {ivo}
    assert criminal not in WorkItem.objects.visible_to(reader)
    client.force_login(reader)
    listing = client.get(reverse("followups:workitem_list")).content.decode()
    assert ivo.title in listing and criminal.title not in listing
    assert client.get(criminal.get_absolute_url()).status_code == 404
    assert client.get(reverse("followups:control_round", args=[criminal.pk])).status_code == 404
    assert client.get(ivo.get_absolute_url()).status_code == 200
