"""GET /api/v1/call-off-status: the same answer as the page, Swedish 400s, 401/403."""

import datetime

import pytest
from django.utils import timezone
from rest_framework.authtoken.models import Token

from followups.calloff.selectors import call_off_status
from tests.factories import AgreementFactory, SupplierFactory
from tests.followups.calloff.calloff_helpers import make_check, usable_contract

pytestmark = pytest.mark.django_db
URL = "/api/v1/call-off-status"
TODAY = timezone.localdate()


@pytest.fixture
def contract_unit():
    supplier = SupplierFactory(name="Viborgs Omsorg AB", org_number="556677-8899")
    agreement = AgreementFactory(option_end_date=TODAY + datetime.timedelta(days=365))
    contract, unit = usable_contract(supplier=supplier, agreement=agreement)
    make_check(supplier, unit=unit, on=TODAY)
    return contract, unit


def test_token_authenticated_caller_gets_the_same_answer_as_the_selector(
    client, coordinator, contract_unit
):
    contract, _unit = contract_unit
    token = Token.objects.create(user=coordinator)
    response = client.get(
        URL,
        {"org_number": "5566778899", "agreement": contract.agreement.reference},
        headers={"Authorization": f"Token {token.key}"},
    )
    assert response.status_code == 200
    data = response.json()
    expected = call_off_status(supplier=contract.supplier, agreement=contract.agreement)
    assert data["results"] == [s.as_dict() for s in expected]
    assert data["results"][0]["level"] == "clear"
    assert data["supplier"]["org_number"] == "556677-8899"


def test_session_authenticated_caller_with_date_and_unit(client, coordinator, contract_unit):
    contract, unit = contract_unit
    client.force_login(coordinator)
    response = client.get(
        URL,
        {
            "org_number": "556677-8899",
            "agreement": contract.agreement.pk,
            "unit": unit.pk,
            "date": "2020-01-01",
        },
    )
    assert response.status_code == 200
    result = response.json()["results"][0]
    assert result["date"] == "2020-01-01"
    assert result["level"] == "blocked"
    assert result["unit"]["id"] == unit.pk
    assert "agreement_not_started" in {r["code"] for r in result["reasons"]}


def test_without_agreement_every_agreement_is_answered(client, coordinator, contract_unit):
    client.force_login(coordinator)
    response = client.get(URL + "/", {"org_number": "556677-8899"})
    assert response.status_code == 200
    assert len(response.json()["results"]) == 1


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({}, "Ange leverantörens organisationsnummer"),
        ({"org_number": "559999-9991"}, "Det finns ingen leverantör med organisationsnummer"),
        ({"org_number": "12345"}, "Ett organisationsnummer har tio siffror"),
        ({"org_number": "556677-8898"}, "kontrollsiffran"),
        ({"org_number": "abcdefghij"}, ""),
        ({"org_number": "556677-8899", "agreement": "SCN-9999"}, "Det finns inget ramavtal"),
        ({"org_number": "556677-8899", "agreement": "999999"}, "Det finns inget ramavtal"),
        ({"org_number": "556677-8899", "date": "2024-02-30"}, "Ange datumet som ÅÅÅÅ-MM-DD"),
        ({"org_number": "556677-8899", "date": "15/6/2024"}, "Ange datumet som ÅÅÅÅ-MM-DD"),
        ({"org_number": "556677-8899", "unit": "x"}, "Leverantören har ingen verksamhet x"),
    ],
)
def test_bad_input_is_a_400_with_a_swedish_message(
    client, coordinator, contract_unit, params, message
):
    client.force_login(coordinator)
    response = client.get(URL, params, headers={"Accept-Language": "en"})
    assert response.status_code == 400
    assert message in response.json()["error"]


def test_anonymous_gets_401(client, contract_unit):
    response = client.get(URL, {"org_number": "556677-8899"})
    assert response.status_code == 401


def test_bad_token_gets_401(client, contract_unit):
    response = client.get(
        URL, {"org_number": "556677-8899"}, headers={"Authorization": "Token nonsense"}
    )
    assert response.status_code == 401


@pytest.mark.parametrize("role", ["board_reader"])
def test_user_without_permission_gets_403(client, user_with_role, contract_unit, role):
    client.force_login(user_with_role(role))
    assert client.get(URL, {"org_number": "556677-8899"}).status_code == 403


@pytest.mark.parametrize("role", ["strategist", "coordinator", "caseworker", "superuser"])
def test_roles_with_status_permission_get_200(client, user_with_role, contract_unit, role):
    client.force_login(user_with_role(role))
    assert client.get(URL, {"org_number": "556677-8899"}).status_code == 200
