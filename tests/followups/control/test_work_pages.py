"""Pages of the scheduled controls: rules, work items and a control round in one table."""

import datetime

import pytest
from django.urls import reverse

from followups.control import services
from followups.models import Check, ControlRule, WorkItem
from tests.edit_forms import opened_version
from tests.factories import AgreementFactory, ContractFactory, RepresentativeFactory

pytestmark = pytest.mark.django_db

AUTUMN = datetime.date(2025, 9, 1)


@pytest.fixture
def round_item(strategist):
    agreement = AgreementFactory(
        name="HVB barn och unga",
        start_date=datetime.date(2023, 1, 1),
        end_date=datetime.date(2026, 12, 31),
        owner=strategist,
    )
    for name in ("Alfa Omsorg AB", "Beta Vård AB", "Gamma HVB AB"):
        ContractFactory(agreement=agreement, supplier__name=name)
    services.seed_control_rules()
    services.sweep(on=AUTUMN)
    return WorkItem.objects.get(rule__code="ivo-review")


@pytest.mark.parametrize("url_name", ["followups:workitem_list", "followups:controlrule_list"])
def test_anonymous_is_sent_to_login(client, url_name):
    response = client.get(reverse(url_name))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


@pytest.mark.parametrize("role", ["coordinator", "caseworker", "board_reader"])
def test_other_roles_cannot_open_work_items(client, user_with_role, role, round_item):
    client.force_login(user_with_role(role))
    assert client.get(reverse("followups:workitem_list")).status_code == 403
    assert client.get(reverse("followups:control_round", args=[round_item.pk])).status_code == 403


def test_strategist_sees_open_work_items(strategist_client, round_item):
    response = strategist_client.get(reverse("followups:workitem_list"))
    assert response.status_code == 200
    assert "IVO-kontroll HT 2025, HVB barn och unga" in response.content.decode()


def test_control_round_recorded_in_one_table(strategist_client, round_item):
    url = reverse("followups:control_round", args=[round_item.pk])
    page = strategist_client.get(url).content.decode()
    assert page.count('name="line-') >= 3 * 4
    data = {"line-TOTAL_FORMS": "3", "line-INITIAL_FORMS": "3"}
    targets = services.round_targets(round_item)
    for i, (target, result) in enumerate(zip(targets, ["ok", "remark", ""], strict=True)):
        data |= {
            f"line-{i}-key": target.key,
            f"line-{i}-result": result,
            f"line-{i}-performed_on": "2025-09-10",
            f"line-{i}-reference": f"IVO-{i}",
            f"line-{i}-summary": "",
        }
    response = strategist_client.post(url, data, follow=True)
    page = response.content.decode()
    assert "2 kontroller registrerades." in page
    assert "Föreslå uteslutning från avrop" in page  # offered for the remark only
    assert page.count("Föreslå uteslutning från avrop") == 1
    assert f"kind=event_driven&amp;agreement={round_item.agreement_id}" in page
    assert Check.objects.filter(kind="ivo").count() == 2
    round_item.refresh_from_db()
    assert round_item.status == "open"
    # The last line completes the round.
    data = {
        "line-TOTAL_FORMS": "1",
        "line-INITIAL_FORMS": "1",
        "line-0-key": targets[2].key,
        "line-0-result": "ok",
        "line-0-performed_on": "",
    }
    strategist_client.post(url, data)
    round_item.refresh_from_db()
    assert round_item.status == "done"
    assert Check.objects.filter(kind="ivo").count() == 3


def test_criminal_record_round_has_one_line_per_representative(strategist, round_item):
    rule = ControlRule.objects.get(code="criminal-record-hvb")
    for contract in round_item.agreement.contracts.all():
        RepresentativeFactory(supplier=contract.supplier)
        RepresentativeFactory(supplier=contract.supplier)
    item = WorkItem.objects.get(rule=rule)
    targets = services.round_targets(item)
    assert len(targets) == 6
    services.control_round_record(
        item=item,
        entries=[
            services.RoundEntry(key=t.key, result="ok", performed_on=AUTUMN, summary="x")
            for t in targets
        ],
        user=strategist,
    )
    assert Check.objects.filter(kind="criminal_record", summary="").count() == 6
    item.refresh_from_db()
    assert item.status == "done"


def test_dismissing_needs_a_reason(strategist_client, round_item):
    url = reverse("followups:workitem_status", args=[round_item.pk])
    page = strategist_client.post(url, {"status": "dismissed"}, follow=True).content.decode()
    assert "Ange varför uppgiften avfärdas." in page
    strategist_client.post(url, {"status": "dismissed", "note": "Görs i annan ordning"})
    round_item.refresh_from_db()
    assert round_item.status == "dismissed"
    assert round_item.closed_on is not None


def test_strategist_edits_a_rule_and_history_keeps_it(strategist_client):
    services.seed_control_rules()
    rule = ControlRule.objects.get(code="ivo-review")
    url = reverse("followups:controlrule_edit", args=[rule.pk])
    response = strategist_client.post(
        url,
        {
            "name": rule.name,
            "kind": rule.kind,
            "interval_months": "4",
            "lead_months": "0",
            "grace_days": "0",
            "active": "on",
            "source": rule.source,
        }
        | opened_version(strategist_client, url),
    )
    assert response.status_code == 302
    rule.refresh_from_db()
    assert rule.interval_months == 4
    assert rule.code == "ivo-review"
    page = strategist_client.get(rule.get_absolute_url()).content.decode()
    assert "Intervall (månader)" in page
    assert rule.history.first().history_user.username == "strateg"


def test_the_criminal_record_rounds_page_is_in_the_audit_log(
    strategist, strategist_client, round_item
):
    """A recorded line shows the check's result: one audit row per page (issue 14). The IVO
    round's page writes none."""
    from uppfoljning.audit.models import AuditEntry

    rule = ControlRule.objects.get(code="criminal-record-hvb")
    contract = round_item.agreement.contracts.first()
    RepresentativeFactory(supplier=contract.supplier)
    item = WorkItem.objects.get(rule=rule)
    [target] = services.round_targets(item)
    services.control_round_record(
        item=item,
        entries=[services.RoundEntry(key=target.key, result="remark", performed_on=AUTUMN)],
        user=strategist,
    )
    check = Check.objects.get(kind="criminal_record")
    before = AuditEntry.objects.count()
    page = strategist_client.get(reverse("followups:control_round", args=[item.pk]))
    assert page.status_code == 200
    [entry] = AuditEntry.objects.order_by("pk")[before:]
    assert (entry.action, entry.user, entry.object_type, entry.object_id) == (
        "check_viewed",
        strategist,
        "followups.workitem",
        str(item.pk),
    )
    assert entry.detail == {"page": "control_round", "checks": [check.pk]}
    ivo_line = services.round_targets(round_item)[0]
    services.control_round_record(
        item=round_item,
        entries=[services.RoundEntry(key=ivo_line.key, result="ok", performed_on=AUTUMN)],
        user=strategist,
    )
    before = AuditEntry.objects.count()
    ivo_page = strategist_client.get(reverse("followups:control_round", args=[round_item.pk]))
    assert "Alfa Omsorg AB" in ivo_page.content.decode()
    assert Check.objects.filter(kind="ivo").count() == 1
    assert AuditEntry.objects.count() == before
