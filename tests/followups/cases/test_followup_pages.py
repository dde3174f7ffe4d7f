"""Follow-up pages: each renders for the strategist, refuses other roles, and writes
only through the services."""

import datetime

import pytest
from django.urls import reverse

from followups.cases import services
from followups.models import Assessment, Deviation, Finding, FollowUp, Visit
from tests.edit_forms import opened_version
from tests.factories import PurchaseFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def finding(followup, scope, strategist):
    return services.finding_create(
        followup=followup,
        supplier=scope[0],
        severity="significant",
        description="Kvällsbemanning saknas.",
        due_date=D(2024, 11, 30),
        user=strategist,
    )


@pytest.fixture
def deviation(agreement, scope, caseworker):
    return services.deviation_report(
        agreement=agreement,
        supplier=scope[0],
        category="invoicing",
        description="Fakturerat för utflyttsdagen.",
        occurred_on=D(2024, 5, 2),
        reporter_role="caseworker",
        user=caseworker,
    )


def _urls(followup, finding, deviation):
    return [
        reverse("followups:followup_list"),
        reverse("followups:followup_add"),
        reverse("followups:desk"),
        reverse("followups:followup_detail", args=[followup.pk]),
        reverse("followups:followup_edit", args=[followup.pk]),
        reverse("followups:followup_complete", args=[followup.pk]),
        reverse("followups:followup_scope", args=[followup.pk]),
        reverse("followups:followup_selection", args=[followup.pk]),
        reverse("followups:assessment_grid", args=[followup.pk]),
        reverse("followups:survey_add", args=[followup.pk]),
        reverse("followups:interview_add", args=[followup.pk]),
        reverse("followups:documentrequest_add", args=[followup.pk]),
        reverse("followups:visit_add", args=[followup.pk]),
        reverse("followups:finding_add", args=[followup.pk]),
        reverse("followups:finding_detail", args=[finding.pk]),
        reverse("followups:finding_feedback", args=[finding.pk]),
        reverse("followups:finding_escalate", args=[finding.pk]),
        reverse("followups:deviation_list"),
        reverse("followups:deviation_detail", args=[deviation.pk]),
        reverse("followups:deviation_triage", args=[deviation.pk]),
    ]


def test_strategist_opens_every_page(strategist_client, followup, finding, deviation):
    for url in _urls(followup, finding, deviation):
        response = strategist_client.get(url)
        assert response.status_code == 200, url


@pytest.mark.parametrize("role", ["caseworker", "board_reader"])
def test_other_roles_get_403(client, user_with_role, role, followup, finding, deviation):
    client.force_login(user_with_role(role))
    for url in _urls(followup, finding, deviation):
        assert client.get(url).status_code == 403, url


def test_anonymous_is_sent_to_login(client, followup):
    response = client.get(reverse("followups:followup_detail", args=[followup.pk]))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_coordinator_reads_but_does_not_act(client, coordinator, followup, finding, deviation):
    client.force_login(coordinator)
    assert client.get(followup.get_absolute_url()).status_code == 200
    assert client.get(reverse("followups:deviation_list")).status_code == 200
    for name, obj in (
        ("finding_feedback", finding),
        ("deviation_triage", deviation),
        ("followup_complete", followup),
    ):
        url = reverse(f"followups:{name}", args=[obj.pk])
        assert client.post(url, {}).status_code == 403
    finding.refresh_from_db()
    assert finding.status == "open"


def test_detail_shows_scope_methods_grid_and_findings(strategist_client, followup, finding):
    page = strategist_client.get(followup.get_absolute_url()).content.decode()
    assert "Utslussen Vård AB" in page
    assert "Kvällsbemanning saknas." in page
    assert "Bemanning och beredskap" in page
    assert "Lägg till platsbesök" in page


def test_due_date_before_start_shows_swedish_message_and_saves_nothing(
    strategist_client, followup, scope
):
    response = strategist_client.post(
        reverse("followups:finding_add", args=[followup.pk]),
        {
            "supplier": scope[0].pk,
            "severity": "minor",
            "description": "x",
            "due_date": "2024-08-01",
        },
    )
    assert response.status_code == 200
    assert "kan inte vara före uppföljningens start" in response.content.decode()
    assert not Finding.objects.exists()


def test_finding_form_offers_and_accepts_only_suppliers_in_scope(
    strategist_client, followup, scope
):
    # Issue 13 §5: the form listed every supplier of the agreement.
    followup.suppliers.set(scope[:1])
    url = reverse("followups:finding_add", args=[followup.pk])
    page = strategist_client.get(url).content.decode()
    assert f'<option value="{scope[0].pk}">Utslussen Vård AB</option>' in page
    assert "Vibor Stödboende AB" not in page
    response = strategist_client.post(
        url, {"supplier": scope[1].pk, "severity": "minor", "description": "x"}
    )
    assert "Välj ett giltigt alternativ" in response.content.decode()
    assert not Finding.objects.exists()


def test_visit_added_from_detail_page(strategist_client, followup, scope):
    unit = scope[0].units.get()
    response = strategist_client.post(
        reverse("followups:visit_add", args=[followup.pk]),
        {
            "unit": unit.pk,
            "notice": "unannounced",
            "time_of_day": "evening",
            "visited_on": "2024-10-10",
            "visitors": "Två strateger",
            "observations": "Ingen kvällspersonal på plats.",
        },
        follow=True,
    )
    assert response.status_code == 200
    visit = Visit.objects.get()
    assert visit.supplier == scope[0]
    assert "Ingen kvällspersonal på plats." in response.content.decode()


def test_grid_saves_ratings_in_one_post(strategist_client, followup, scope):
    from followups.cases.selectors import assessment_areas

    area = assessment_areas(followup.agreement)[0]
    url = reverse("followups:assessment_grid", args=[followup.pk])
    response = strategist_client.post(
        url,
        {
            f"r-{scope[0].pk}-{area.pk}": "not_fulfilled",
            f"c-{scope[0].pk}-{area.pk}": "Saknar kvällsbemanning",
            f"r-{scope[1].pk}-{area.pk}": "fulfilled",
        }
        | opened_version(strategist_client, url),
        follow=True,
    )
    assert response.status_code == 200
    assert Assessment.objects.count() == 2
    assert "Ej uppfyllt" in response.content.decode()


def test_selection_ranks_by_purchase_value_and_sets_scope(
    strategist_client, followup, agreement, scope
):
    PurchaseFactory(agreement=agreement, supplier=scope[1], amount=5_100_000, placements=30)
    PurchaseFactory(agreement=agreement, supplier=scope[0], amount=4_900_000, placements=10)
    url = reverse("followups:followup_selection", args=[followup.pk])
    page = strategist_client.get(url, {"start": "2023-01-01", "end": "2024-04-30"})
    text = page.content.decode()
    assert "5,1\xa0mkr" in text
    assert text.index("Vibor Stödboende AB") < text.index("Utslussen Vård AB")
    period = url + "?start=2023-01-01&end=2024-04-30"
    strategist_client.post(
        period, {"suppliers": [scope[1].pk]} | opened_version(strategist_client, period)
    )
    followup.refresh_from_db()
    assert list(followup.suppliers.all()) == [scope[1]]
    assert followup.selection_start == D(2023, 1, 1)


def test_a_refused_selection_keeps_the_earlier_period(strategist_client, followup, scope, finding):
    # The period is saved with the scope, in one transaction: a refusal saves neither.
    url = reverse("followups:followup_selection", args=[followup.pk])
    period = url + "?start=2023-01-01&end=2024-04-30"
    response = strategist_client.post(
        period, {"suppliers": [scope[1].pk]} | opened_version(strategist_client, period)
    )
    assert "En leverantör med brister i uppföljningen kan inte tas bort." in (
        response.content.decode()
    )
    followup.refresh_from_db()
    assert followup.selection_start is None
    assert set(followup.suppliers.all()) == set(scope)


def test_caseworker_reports_deviation_with_warning(client, caseworker, agreement, scope):
    client.force_login(caseworker)
    page = client.get(reverse("followups:deviation_add")).content.decode()
    assert "Skriv inte klienters namn eller personnummer" in page
    response = client.post(
        reverse("followups:deviation_add"),
        {
            "agreement": agreement.pk,
            "supplier": scope[0].pk,
            "category": "cost_responsibility",
            "occurred_on": "2024-05-02",
            "description": "Leverantören debiterade dubbelt.",
            "source": "caseworker",
            "severity": "minor",
        },
    )
    assert response.status_code == 302
    deviation = Deviation.objects.get()
    assert deviation.reported_by == caseworker
    assert deviation.reporter_role == "caseworker"


def test_triage_escalation_leads_to_the_new_followup(strategist_client, deviation):
    response = strategist_client.post(
        reverse("followups:deviation_triage", args=[deviation.pk]),
        {"status": "escalated", "reason": "Upprepade avvikelser om fakturering."},
    )
    followup = FollowUp.objects.get(trigger_deviation=deviation)
    assert response["Location"] == followup.get_absolute_url()


def test_deviation_list_filters(strategist_client, deviation):
    url = reverse("followups:deviation_list")
    link = deviation.get_absolute_url()
    assert link in strategist_client.get(url, {"category": "invoicing"}).content.decode()
    assert link not in strategist_client.get(url, {"category": "quality"}).content.decode()
    assert link in strategist_client.get(url, {"status": "new"}).content.decode()
    assert link not in strategist_client.get(url, {"source": "ivo"}).content.decode()


def test_desk_shows_what_waits(strategist_client, finding, deviation):
    page = strategist_client.get(reverse("followups:desk")).content.decode()
    assert "Mina öppna uppföljningar" in page
    assert "Kvällsbemanning saknas." in page
    assert "Nya avvikelser att bedöma" in page
