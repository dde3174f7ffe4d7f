"""Who may open and use every register page: 200, 403, 404, or the login page.

PAGES is the policy, written out by hand (not derived from uppfoljning.core.roles), one row per
url in suppliers/urls.py; a new url without a row fails test_every_register_url_has_a_row.
"""

import datetime

import pytest
from django.urls import reverse

from suppliers import models
from suppliers import urls as supplier_urls
from tests.edit_forms import form_data
from tests.factories import (
    AgreementFactory,
    BoardFactory,
    ContractFactory,
    ExclusionFactory,
    PurchaseFactory,
    RepresentativeFactory,
    SupplierFactory,
    UnitFactory,
    valid_org_number,
)
from uppfoljning.core.forms import VERSION_FIELD

pytestmark = pytest.mark.django_db

S, C, W, B, A = "strategist", "coordinator", "caseworker", "board_reader", "superuser"
ROLES = (S, C, W, B, A)
READ_ALL = {S, C, W, A}  # agreements, suppliers and units: everyone who works with placements
READ_REGISTER = {S, C, A}  # the rest of the register: not caseworkers
WRITE = {S, A}
PURCHASES = {S, A}  # purchase values are for those who follow up and plan

# url name -> (kind of object in the url or None, roles allowed)
PAGES = {
    "board_list": (None, READ_REGISTER),
    "board_detail": ("board", READ_REGISTER),
    "board_add": (None, WRITE),
    "board_edit": ("board", WRITE),
    "agreement_list": (None, READ_ALL),
    "agreement_detail": ("agreement", READ_ALL),
    "agreement_add": (None, WRITE),
    "agreement_edit": ("agreement", WRITE),
    "supplier_list": (None, READ_ALL),
    "supplier_detail": ("supplier", READ_ALL),
    "supplier_add": (None, WRITE),
    "supplier_edit": ("supplier", WRITE),
    "unit_list": (None, READ_ALL),
    "unit_detail": ("unit", READ_ALL),
    "unit_add": (None, WRITE),
    "unit_edit": ("unit", WRITE),
    "representative_list": (None, READ_REGISTER),
    "representative_detail": ("representative", READ_REGISTER),
    "representative_add": (None, WRITE),
    "representative_edit": ("representative", WRITE),
    "contract_list": (None, READ_REGISTER),
    "contract_detail": ("contract", READ_REGISTER),
    "contract_add": (None, WRITE),
    "contract_edit": ("contract", WRITE),
    "contract_end": ("contract", WRITE),
    "exclusion_list": (None, READ_REGISTER),
    "exclusion_detail": ("exclusion", READ_REGISTER),
    "exclusion_add": (None, WRITE),
    "exclusion_lift": ("exclusion", WRITE),
    "purchase_list": (None, PURCHASES),
    "purchase_detail": ("purchase", PURCHASES),
    "purchase_add": (None, WRITE),
    "purchase_edit": ("purchase", WRITE),
}

WRITE_PAGES = [name for name in PAGES if name.endswith(("_add", "_edit", "_end", "_lift"))]
OBJECT_PAGES = [name for name, (kind, _) in PAGES.items() if kind]


@pytest.fixture
def register(db):
    """One of everything, all open: an active contract and an exclusion in force."""
    board = BoardFactory()
    agreement = AgreementFactory(board=board)
    supplier = SupplierFactory()
    unit = UnitFactory(supplier=supplier)
    contract = ContractFactory(agreement=agreement, supplier=supplier)
    contract.units.add(unit)
    return {
        "board": board,
        "agreement": agreement,
        "supplier": supplier,
        "other_supplier": SupplierFactory(),
        "unit": unit,
        "representative": RepresentativeFactory(supplier=supplier),
        "contract": contract,
        "exclusion": ExclusionFactory(supplier=supplier, contract=contract),
        "purchase": PurchaseFactory(supplier=supplier, agreement=agreement),
    }


def url_for(name, register, pk=None):
    kind = PAGES[name][0]
    if kind is None:
        return reverse(f"suppliers:{name}")
    return reverse(f"suppliers:{name}", args=[pk if pk is not None else register[kind].pk])


def valid_post(name, r):
    """Form data that the page accepts from a permitted user."""
    day = "2024-05-02"
    agreement = {
        "board": r["board"].pk,
        "name": "Stödboende unga vuxna",
        "reference": "SCN-2024-00999",
        "procurement_type": "lou",
        "target_group": "adults",
        "ivo_check_interval_months": 6,
        "start_date": "2024-01-01",
        "end_date": "2026-12-31",
    }
    return {
        "board_add": {"name": "Äldrenämnden", "municipality": "Exempelkommun"}
        | {"report_period_start_month": 1},
        "board_edit": {"name": "Socialnämnden", "municipality": "Annan kommun"}
        | {"report_period_start_month": 5},
        "agreement_add": agreement,
        "agreement_edit": agreement | {"reference": r["agreement"].reference},
        "supplier_add": {"name": "Ny Leverantör AB", "org_number": valid_org_number(9999)},
        "supplier_edit": {"name": "Omdöpt AB", "org_number": r["supplier"].org_number},
        "unit_add": {"supplier": r["supplier"].pk, "name": "Nytt HVB"}
        | {"ivo_permit_status": "valid"},
        "unit_edit": {"supplier": r["supplier"].pk, "name": "Omdöpt HVB"}
        | {"ivo_permit_status": "revoked"},
        "representative_add": {"supplier": r["supplier"].pk, "name": "Eva Ek", "role": "ceo"},
        "representative_edit": {"supplier": r["supplier"].pk, "name": "Eva Ek", "role": "chair"},
        "contract_add": {"agreement": r["agreement"].pk, "supplier": r["other_supplier"].pk}
        | {"rank": 7},
        "contract_edit": {"rank": 9, "units": [r["unit"].pk]},
        "contract_end": {"status": "terminated", "ended_on": day, "reason": "economy"}
        | {"decision_reference": "SCN-2024-00500"},
        "exclusion_add": {"supplier": r["other_supplier"].pk, "reason": "weak_economy"}
        | {"decided_by": "Avdelningschef", "decided_on": day, "start_date": day}
        | {"decision_reference": "SCN-2024-00501"},
        "exclusion_lift": {
            "lifted_on": day,
            "lift_reference": "SCN-2024-00502",
        }
        | {"lift_note": "IVO har avslutat tillsynen.", "lift_reason": "supervision_closed"},
        "purchase_add": {"supplier": r["supplier"].pk, "agreement": r["agreement"].pk}
        | {"month": "2024-02-01", "amount": "150000", "placements": 2},
        "purchase_edit": {"supplier": r["supplier"].pk, "agreement": r["agreement"].pk}
        | {"month": "2024-01-01", "amount": "175000", "placements": 3},
    }[name]


REGISTER_MODELS = (
    models.Board,
    models.FrameworkAgreement,
    models.Supplier,
    models.Unit,
    models.Representative,
    models.Contract,
    models.Exclusion,
    models.Purchase,
)


def snapshot():
    """Every row and every history row of the register, as plain values."""
    return {
        model.__name__: (
            sorted(map(repr, model.objects.values())),
            model.history.count(),
        )
        for model in REGISTER_MODELS
    }


def login_as(client, user_with_role, role):
    client.force_login(user_with_role(role))


def test_every_register_url_has_a_row():
    names = {p.name for p in supplier_urls.urlpatterns}
    assert names == set(PAGES), "add a row to PAGES for each new register url"


@pytest.mark.parametrize("name", list(PAGES))
def test_anonymous_user_is_sent_to_login(client, register, name):
    url = url_for(name, register)
    response = client.get(url)
    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={url}"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", list(PAGES))
def test_role_may_open_page_or_is_forbidden(client, register, user_with_role, role, name):
    login_as(client, user_with_role, role)
    response = client.get(url_for(name, register))
    expected = 200 if role in PAGES[name][1] else 403
    assert response.status_code == expected


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", OBJECT_PAGES)
def test_missing_object_is_not_found_for_permitted_and_forbidden_for_others(
    client, register, user_with_role, role, name
):
    login_as(client, user_with_role, role)
    response = client.get(url_for(name, register, pk=987654))
    expected = 404 if role in PAGES[name][1] else 403
    assert response.status_code == expected


FORBIDDEN_WRITES = [
    (name, role) for name in WRITE_PAGES for role in (None, *ROLES) if role not in PAGES[name][1]
]


@pytest.mark.parametrize(("name", "role"), FORBIDDEN_WRITES)
def test_forbidden_post_changes_nothing(client, register, user_with_role, role, name):
    if role:
        login_as(client, user_with_role, role)
    before = snapshot()
    response = client.post(url_for(name, register), valid_post(name, register))
    assert response.status_code == (403 if role else 302)
    assert snapshot() == before


@pytest.mark.parametrize("name", WRITE_PAGES)
def test_permitted_post_saves(client, register, user_with_role, name):
    """The data the forbidden tests send is valid: a strategist's identical POST saves it."""
    login_as(client, user_with_role, S)
    url = url_for(name, register)
    data = valid_post(name, register)
    if name.endswith("_edit"):  # posted from the form as opened, at its version
        data[VERSION_FIELD] = form_data(client, url)[VERSION_FIELD]
    before = snapshot()
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert snapshot() != before


def test_ended_contract_cannot_be_edited_or_ended_again(client, register, user_with_role):
    contract = register["contract"]
    contract.status = models.ContractStatus.RESCINDED
    contract.ended_on = datetime.date(2024, 4, 1)
    contract.save()
    login_as(client, user_with_role, S)
    before = snapshot()
    attempts = {"contract_edit": {"rank": 1}, "contract_end": valid_post("contract_end", register)}
    for name, data in attempts.items():
        response = client.post(url_for(name, register), data, follow=True)
        assert response.redirect_chain[-1][0] == contract.get_absolute_url()
    assert snapshot() == before
    page = client.get(url_for("contract_edit", register), follow=True).content.decode()
    assert "Ett avtal som har upphört kan inte längre redigeras." in page


def test_lifted_exclusion_cannot_be_lifted_again(client, register, user_with_role):
    exclusion = register["exclusion"]
    exclusion.lifted_on = datetime.date(2024, 4, 1)
    exclusion.lift_reference = "SCN-2024-00400"
    exclusion.lift_reason = "remedied"
    exclusion.save()
    login_as(client, user_with_role, S)
    before = snapshot()
    response = client.post(
        url_for("exclusion_lift", register), valid_post("exclusion_lift", register), follow=True
    )
    assert response.redirect_chain[-1][0] == exclusion.get_absolute_url()
    assert "Uteslutningen är redan hävd." in response.content.decode()
    assert snapshot() == before
