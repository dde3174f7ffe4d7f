"""The audit log (issue 14): every event writes exactly one row with the right user, action
and object; the rows cannot be changed or deleted, only purged after the retention period;
only superusers read them."""

import datetime
import os
import subprocess
import sys

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_celery_beat.models import PeriodicTask
from rest_framework.authtoken.models import Token

from tests.factories import BoardFactory, UserFactory
from tests.followups.factories import CheckFactory, CriminalRecordCheckFactory
from tests.reports.helpers import finalised_report
from uppfoljning import audit
from uppfoljning.audit.models import AppendOnlyError, AuditEntry
from uppfoljning.audit.services import purge

pytestmark = pytest.mark.django_db

Action = audit.Action
PASSWORD = "ett-långt-lösenord-2024"


@pytest.fixture
def superuser(db):
    return UserFactory(username="admin", is_superuser=True, is_staff=True)


def rows(**filters):
    return list(AuditEntry.objects.filter(**filters).order_by("pk"))


def new_rows(since: int, **filters):
    """The rows written after the row id `since` (0: all)."""
    return rows(pk__gt=since, **filters)


def last_pk() -> int:
    return AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


# --- logins, logouts, failed logins ---------------------------------------------------------


def test_a_login_writes_one_row_with_the_user_and_address(client, coordinator):
    coordinator.set_password(PASSWORD)
    coordinator.save()
    before = last_pk()
    response = client.post(reverse("login"), {"username": "samordnare", "password": PASSWORD})
    assert response.status_code == 302
    [entry] = new_rows(before)
    assert (entry.action, entry.user, entry.username) == (Action.LOGIN, coordinator, "samordnare")
    assert entry.ip == "127.0.0.1"
    assert entry.path == reverse("login")


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_the_proxy_a_failed_login_names_the_clients_address_as_the_throttle_does(client, db):
    # The client put a forged address first; the proxy appended the one it saw.
    client.post(
        reverse("login"),
        {"username": "någon", "password": "fel"},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7",
    )
    [entry] = rows(action=Action.LOGIN_FAILED)
    assert entry.ip == "203.0.113.7"


def test_a_failed_login_names_the_account_tried_and_never_the_password(client, coordinator):
    before = last_pk()
    response = client.post(reverse("login"), {"username": "samordnare", "password": "fel-fel"})
    assert response.status_code == 200  # the form again, with its error
    [entry] = new_rows(before)
    assert (entry.action, entry.user, entry.username) == (
        Action.LOGIN_FAILED,
        coordinator,
        "samordnare",
    )
    stored = " ".join(
        str(v) for v in AuditEntry.objects.filter(pk=entry.pk).values().get().values()
    )
    assert "fel-fel" not in stored


def test_a_failed_login_for_no_account_keeps_the_name_tried(client, db):
    before = last_pk()
    client.post(reverse("login"), {"username": "finns-inte", "password": "x"})
    [entry] = new_rows(before)
    assert (entry.action, entry.user, entry.username) == (Action.LOGIN_FAILED, None, "finns-inte")


def test_a_logout_writes_one_row(client, coordinator):
    client.force_login(coordinator)
    before = last_pk()
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    [entry] = new_rows(before)
    assert (entry.action, entry.user) == (Action.LOGOUT, coordinator)


# --- refusals (403) --------------------------------------------------------------------------


def test_a_coordinators_refusal_writes_one_row(client, coordinator):
    client.force_login(coordinator)
    before = last_pk()
    url = reverse("reports:report_list")
    assert client.get(url).status_code == 403
    [entry] = new_rows(before)
    assert (entry.action, entry.user, entry.path) == (Action.FORBIDDEN, coordinator, url)
    assert entry.detail == {"method": "GET"}


def test_an_api_refusal_writes_one_row_naming_the_tokens_user(client, db):
    user = UserFactory(username="system-utan-roll")  # no role: may not read the status
    token = Token.objects.create(user=user)
    before = last_pk()
    response = client.get(
        reverse("api_call_off_status") + "?org_number=556677-8899",
        HTTP_AUTHORIZATION=f"Token {token.key}",
    )
    assert response.status_code == 403
    [entry] = new_rows(before)
    assert (entry.action, entry.user) == (Action.FORBIDDEN, user)


def test_a_page_that_answers_writes_no_row(client, coordinator):
    client.force_login(coordinator)
    before = last_pk()
    assert client.get(reverse("followups:check_list")).status_code == 200
    assert client.get(reverse("calloff:search")).status_code == 200
    assert new_rows(before) == []


# --- criminal-record checks viewed and exported ----------------------------------------------


@pytest.fixture
def record_check(db):
    return CriminalRecordCheckFactory()


def test_viewing_a_criminal_record_check_writes_one_row_without_its_result(
    client, strategist, record_check
):
    client.force_login(strategist)
    before = last_pk()
    response = client.get(record_check.get_absolute_url())
    assert response.status_code == 200
    [entry] = new_rows(before)
    assert (entry.action, entry.user) == (Action.CHECK_VIEWED, strategist)
    assert (entry.object_type, entry.object_id) == ("followups.check", str(record_check.pk))
    assert entry.detail == {"page": "detail"}
    stored = " ".join(
        str(v) for v in AuditEntry.objects.filter(pk=entry.pk).values().get().values()
    )
    for secret in (record_check.reference, "serious", "Allvarlig", "Serious"):
        assert secret not in stored


def test_its_edit_page_is_a_view_too(client, strategist, record_check):
    client.force_login(strategist)
    before = last_pk()
    assert client.get(reverse("followups:check_edit", args=[record_check.pk])).status_code == 200
    [entry] = new_rows(before)
    assert (entry.action, entry.object_id, entry.detail) == (
        Action.CHECK_VIEWED,
        str(record_check.pk),
        {"page": "edit"},
    )


def test_viewing_another_kind_of_check_writes_no_row(client, strategist):
    check = CheckFactory()
    client.force_login(strategist)
    before = last_pk()
    assert client.get(check.get_absolute_url()).status_code == 200
    assert new_rows(before) == []


def test_a_list_showing_criminal_record_checks_writes_one_row_naming_them(
    client, strategist, record_check
):
    other = CriminalRecordCheckFactory()
    CheckFactory()
    client.force_login(strategist)
    before = last_pk()
    assert client.get(reverse("followups:check_list")).status_code == 200
    [entry] = new_rows(before)
    assert entry.action == Action.CHECK_VIEWED
    assert entry.object_id == ""
    assert sorted(entry.detail["checks"]) == sorted([record_check.pk, other.pk])
    # Filtered to other kinds, the list shows none and writes nothing.
    before = last_pk()
    client.get(reverse("followups:check_list"), {"kind": "ivo"})
    assert new_rows(before) == []


def test_the_coordinators_list_has_no_criminal_record_check_and_writes_no_row(
    client, coordinator, record_check
):
    client.force_login(coordinator)
    before = last_pk()
    assert client.get(reverse("followups:check_list")).status_code == 200
    assert new_rows(before) == []


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_export_with_criminal_record_checks_writes_one_row_naming_them(
    client, strategist, record_check, fmt
):
    CheckFactory()
    client.force_login(strategist)
    before = last_pk()
    response = client.get(reverse("followups:check_export"), {"format": fmt})
    assert response.status_code == 200
    [entry] = new_rows(before)
    assert (entry.action, entry.user) == (Action.CHECK_EXPORTED, strategist)
    assert entry.detail == {"format": fmt, "count": 1, "checks": [record_check.pk]}


def test_an_export_without_criminal_record_checks_writes_no_row(client, strategist, record_check):
    CheckFactory()
    client.force_login(strategist)
    before = last_pk()
    client.get(reverse("followups:check_export"), {"format": "csv", "kind": "ivo"})
    assert new_rows(before) == []


def test_a_suppliers_page_showing_its_criminal_record_check_writes_one_row(
    client, strategist, record_check
):
    CheckFactory(supplier=record_check.supplier)
    client.force_login(strategist)
    before = last_pk()
    for url in (
        record_check.supplier.get_absolute_url(),
        record_check.representative.get_absolute_url(),
    ):
        assert client.get(url).status_code == 200
    supplier_row, representative_row = new_rows(before)
    assert (supplier_row.action, supplier_row.object_type, supplier_row.object_id) == (
        Action.CHECK_VIEWED,
        "suppliers.supplier",
        str(record_check.supplier.pk),
    )
    assert supplier_row.detail == {"page": "supplier", "checks": [record_check.pk]}
    assert representative_row.detail == {"page": "representative", "checks": [record_check.pk]}
    # The coordinator sees the supplier's other checks only, and nothing is written.
    client.force_login(UserFactory(role="coordinator"))
    before = last_pk()
    assert client.get(record_check.supplier.get_absolute_url()).status_code == 200
    assert new_rows(before) == []


def test_a_followup_naming_a_criminal_record_check_writes_one_row(client, strategist, record_check):
    from tests.followups.factories import FollowUpFactory

    listing = FollowUpFactory(suppliers=[record_check.supplier])
    listing.checks.add(record_check, CheckFactory(supplier=record_check.supplier))
    triggered = FollowUpFactory(kind="event_driven", trigger_check=record_check)
    client.force_login(strategist)
    for followup in (listing, triggered):
        before = last_pk()
        assert client.get(followup.get_absolute_url()).status_code == 200
        [entry] = new_rows(before)
        assert (entry.action, entry.object_type, entry.object_id) == (
            Action.CHECK_VIEWED,
            "followups.followup",
            str(followup.pk),
        )
        assert entry.detail == {"page": "followup", "checks": [record_check.pk]}


# --- board documents ---------------------------------------------------------------------------


def test_downloading_a_board_document_writes_one_row(client, board_reader, strategist):
    report = finalised_report(BoardFactory(), strategist, "Uppföljning 2024", "SCN-1", 3)
    client.force_login(board_reader)
    before = last_pk()
    response = client.get(reverse("reports:file_download", args=[report.final_file.pk]))
    assert response.status_code == 200
    [entry] = new_rows(before)
    assert (entry.action, entry.user) == (Action.DOCUMENT_DOWNLOADED, board_reader)
    assert (entry.object_type, entry.object_id) == ("reports.reportfile", str(report.final_file.pk))
    assert entry.detail == {"report": report.pk, "version": 1, "finalised": True}


def test_previewing_a_draft_writes_one_row(client, strategist):
    from reports import services as report_services

    report = report_services.report_create_annual(board=BoardFactory(), year=2024, user=strategist)
    client.force_login(strategist)
    before = last_pk()
    assert client.get(reverse("reports:report_preview", args=[report.pk])).status_code == 200
    [entry] = new_rows(before)
    assert (entry.action, entry.object_type, entry.object_id) == (
        Action.DOCUMENT_VIEWED,
        "reports.report",
        str(report.pk),
    )


# --- role changes ------------------------------------------------------------------------------


def test_adding_and_removing_a_role_writes_one_row_each(db):
    user = UserFactory(username="ny")
    strategists = Group.objects.get(name="strategist")
    before = last_pk()
    user.groups.add(strategists)
    user.groups.remove(strategists)
    added, removed = new_rows(before)
    assert (added.action, added.user, added.object_label) == (Action.ROLE_CHANGED, None, "ny")
    assert added.detail == {"added": ["strategist"]}
    assert removed.detail == {"removed": ["strategist"]}
    # Adding a role the user already has changes nothing and writes nothing.
    user.groups.add(strategists)
    before = last_pk()
    user.groups.add(strategists)
    assert new_rows(before) == []


def test_roles_changed_from_the_group_side_or_cleared_write_one_row_per_user(db):
    first, second = UserFactory(username="a"), UserFactory(username="b", role="coordinator")
    strategists = Group.objects.get(name="strategist")
    before = last_pk()
    strategists.user_set.add(first, second)
    second.groups.clear()
    entries = new_rows(before)
    assert [(e.object_label, e.detail) for e in entries] == [
        ("a", {"added": ["strategist"]}),
        ("b", {"added": ["strategist"]}),
        ("b", {"removed": ["coordinator", "strategist"]}),
    ]


def test_flags_changed_write_one_row_and_a_login_writes_none_of_them(client, db):
    user = UserFactory(username="personal")
    before = last_pk()
    user.is_staff = True
    user.is_superuser = True
    user.save()
    [entry] = new_rows(before)
    assert entry.action == Action.ROLE_CHANGED
    assert entry.detail == {"is_superuser": [False, True], "is_staff": [False, True]}
    before = last_pk()
    user.save()  # nothing changed
    user.first_name = "Ny"
    user.save()
    client.force_login(user)  # saves the last login
    assert [e.action for e in new_rows(before)] == [Action.LOGIN]


def test_a_superuser_who_changes_roles_in_the_admin_is_named(client, superuser):
    user = UserFactory(username="byter-roll", role="coordinator")
    strategists = Group.objects.get(name="strategist")
    client.force_login(superuser)
    before = last_pk()
    joined = timezone.localtime(user.date_joined)
    response = client.post(
        reverse("admin:auth_user_change", args=[user.pk]),
        {
            "username": "byter-roll",
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": "",
            "is_active": "on",
            "is_staff": "on",
            "groups": [strategists.pk],
            "date_joined_0": f"{joined:%Y-%m-%d}",
            "date_joined_1": f"{joined:%H:%M:%S}",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    entries = new_rows(before, action=Action.ROLE_CHANGED)
    assert {e.user for e in entries} == {superuser}
    assert {e.object_label for e in entries} == {"byter-roll"}
    details = {}
    for entry in entries:
        details.update(entry.detail)
    assert details == {
        "is_staff": [False, True],
        "removed": ["coordinator"],
        "added": ["strategist"],
    }


# --- append-only -------------------------------------------------------------------------------


@pytest.fixture
def entry(db):
    return audit.record(None, Action.LOGIN_FAILED, username="någon")


def test_an_existing_row_cannot_be_saved(entry):
    entry.username = "någon annan"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.get(pk=entry.pk).save(update_fields=["username"])
    assert AuditEntry.objects.get(pk=entry.pk).username == "någon"


def test_rows_cannot_be_updated_or_deleted_through_the_orm(entry):
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(username="x")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.update(username="x")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    assert AuditEntry.objects.get(pk=entry.pk).username == "någon"


def test_rows_cannot_be_bulk_updated(entry):
    entry.username = "x"
    # bulk_update works in the test's transaction without a savepoint, so its refusal
    # leaves that transaction unusable: nothing is read after it here.
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.bulk_update([entry], ["username"])


def test_a_deleted_users_rows_stay_readable(client, coordinator):
    client.force_login(coordinator)
    client.get(reverse("reports:report_list"))
    coordinator.delete()
    entry = AuditEntry.objects.get(action=Action.FORBIDDEN)
    assert entry.username == "samordnare"


postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the trigger is PostgreSQL's"
)


@postgresql_only
def test_postgresql_refuses_a_raw_update_and_delete(entry):
    from django.db import DatabaseError, transaction

    for sql in (
        "UPDATE audit_auditentry SET username = 'x' WHERE id = %s",
        "DELETE FROM audit_auditentry WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, [entry.pk])
    assert AuditEntry.objects.get(pk=entry.pk).username == "någon"


@postgresql_only
def test_postgresql_lets_the_purge_delete_only_what_is_older_than_its_cutoff(entry):
    from django.db import DatabaseError, transaction

    cutoff = entry.at  # the row is not older than this
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("SELECT set_config('audit.purge_before', %s, true)", [cutoff.isoformat()])
        cursor.execute("DELETE FROM audit_auditentry WHERE id = %s", [entry.pk])
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


# --- retention ---------------------------------------------------------------------------------


def _entry_at(days_ago: int) -> AuditEntry:
    return AuditEntry.objects.create(
        action=Action.LOGIN,
        username=f"{days_ago} dagar",
        at=timezone.now() - datetime.timedelta(days=days_ago),
    )


@override_settings(AUDIT_RETENTION_DAYS=30)
def test_the_purge_removes_only_rows_older_than_the_retention_period(db):
    old, older = _entry_at(31), _entry_at(400)
    kept = [_entry_at(29), _entry_at(0)]
    assert purge() == 2
    assert not AuditEntry.objects.filter(pk__in=[old.pk, older.pk]).exists()
    assert AuditEntry.objects.filter(pk__in=[e.pk for e in kept]).count() == 2
    [purged] = rows(action=Action.LOG_PURGED)
    assert purged.detail["deleted"] == 2


@override_settings(AUDIT_RETENTION_DAYS=30)
def test_the_command_and_the_daily_task_purge(db):
    from django.core.management import call_command

    from uppfoljning.audit.tasks import purge as purge_task

    old = _entry_at(31)
    call_command("purge_audit_log", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not AuditEntry.objects.filter(pk=old.pk).exists()
    old = _entry_at(45)
    assert purge_task.delay().get() == 1
    assert not AuditEntry.objects.filter(pk=old.pk).exists()
    # Beat sends it daily by name, and a worker finds it among the autodiscovered tasks.
    task = PeriodicTask.objects.get(task="audit.purge")
    assert task.enabled and task.crontab.hour == "4" and task.crontab.day_of_week == "*"
    # In a fresh process, where only the autodiscovery imports the task module.
    found = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from uppfoljning.celery import app; "
            "app.loader.import_default_modules(); print('audit.purge' in app.tasks)",
        ],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "uppfoljning.settings.test"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert found.stdout.strip() == "True"


# --- the admin: superusers read, nobody writes -------------------------------------------------


def test_a_superuser_lists_and_filters_the_log(client, superuser, coordinator):
    audit.record(None, Action.LOGIN_FAILED, username="gissad")
    AuditEntry.objects.create(
        action=Action.LOGIN, username="förra-månaden", at=timezone.now() - datetime.timedelta(40)
    )
    client.force_login(coordinator)
    client.get(reverse("reports:report_list"))  # a refusal
    client.force_login(superuser)
    url = reverse("admin:audit_auditentry_changelist")

    def listed(**query):
        response = client.get(url, query)
        assert response.status_code == 200
        return [(e.username, e.action) for e in response.context["cl"].result_list]

    everything = listed()
    assert ("gissad", Action.LOGIN_FAILED) in everything
    assert ("samordnare", Action.FORBIDDEN) in everything
    assert ("förra-månaden", Action.LOGIN) in everything
    assert listed(action__exact=Action.FORBIDDEN) == [("samordnare", Action.FORBIDDEN)]
    assert set(listed(user__id__exact=coordinator.pk)) == {
        ("samordnare", Action.LOGIN),
        ("samordnare", Action.FORBIDDEN),
    }
    today = timezone.localdate()
    on_the_day = listed(at__year=today.year, at__month=today.month, at__day=today.day)
    assert ("gissad", Action.LOGIN_FAILED) in on_the_day
    assert ("förra-månaden", Action.LOGIN) not in on_the_day
    assert listed(q="gissad") == [("gissad", Action.LOGIN_FAILED)]


def test_a_superuser_cannot_add_change_or_delete_a_row(client, superuser, entry):
    client.force_login(superuser)
    change = reverse("admin:audit_auditentry_change", args=[entry.pk])
    page = client.get(change)
    assert page.status_code == 200  # read only: no form to save
    assert 'name="_save"' not in page.content.decode()
    response = client.post(change, {"username": "x", "action": Action.LOGIN, "_save": "1"})
    assert response.status_code == 403
    assert client.get(reverse("admin:audit_auditentry_add")).status_code == 403
    delete = reverse("admin:audit_auditentry_delete", args=[entry.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    changelist = reverse("admin:audit_auditentry_changelist")
    client.post(changelist, {"action": "delete_selected", "_selected_action": [entry.pk]})
    assert AuditEntry.objects.get(pk=entry.pk).username == "någon"


def test_a_strategist_even_as_staff_cannot_read_the_log(client, entry):
    strategist = UserFactory(username="strateg-personal", role="strategist", is_staff=True)
    # Even given the model's view permission: the log is for superusers only.
    strategist.user_permissions.add(Permission.objects.get(codename="view_auditentry"))
    client.force_login(strategist)
    before = last_pk()
    assert client.get(reverse("admin:audit_auditentry_changelist")).status_code == 403
    change = reverse("admin:audit_auditentry_change", args=[entry.pk])
    assert client.get(change).status_code == 403
    assert "/admin/audit/" not in client.get(reverse("admin:index")).content.decode()
    assert [e.action for e in new_rows(before)] == [Action.FORBIDDEN, Action.FORBIDDEN]


def test_a_strategist_without_staff_is_sent_to_the_admins_login(client, strategist):
    client.force_login(strategist)
    response = client.get(reverse("admin:audit_auditentry_changelist"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_record_refuses_what_the_log_must_never_hold(db):
    with pytest.raises(ValueError):
        audit.record(None, Action.CHECK_VIEWED, result="serious")
    with pytest.raises(ValueError):
        audit.record(None, Action.LOGIN_FAILED, password="hemligt")
    with pytest.raises(ValueError):
        audit.record(None, "nothing")
    assert not AuditEntry.objects.exists()
