"""Risk ranking: every part of a score, weights that move the ranking, judgements, access."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from followups.models import (
    CheckKind,
    CheckResult,
    FindingStatus,
    FollowUpStatus,
    RiskJudgement,
    RiskWeight,
    Severity,
)
from followups.planning import risk
from followups.planning import services as risk_services
from suppliers.models import ContractStatus, TargetGroup
from tests.factories import (
    AgreementFactory,
    ContractFactory,
    ExclusionFactory,
    PurchaseFactory,
    SupplierFactory,
)
from tests.followups.factories import (
    CheckFactory,
    DeviationFactory,
    FindingFactory,
    FollowUpFactory,
)
from uppfoljning.core.errors import DomainError

ON = datetime.date(2024, 12, 1)
NBSP = "\u00a0"


def parts_of(row):
    return {p.code: (p.raw, p.weight, p.points) for p in row.parts}


def row_for(rows, obj):
    return next(r for r in rows if r.obj == obj)


@pytest.fixture
def register(db, strategist):
    """A children's agreement with a troubled supplier, and an adults' agreement with two
    suppliers: one that the municipality buys much from, one with many deviations."""
    children = AgreementFactory(name="HVB för barn", target_group=TargetGroup.CHILDREN)
    adults = AgreementFactory(name="Boende för vuxna", target_group=TargetGroup.ADULTS)
    old = AgreementFactory(name="Avslutat ramavtal", target_group=TargetGroup.ADULTS)
    troubled = SupplierFactory(name="Oroliga Hem AB")
    big = SupplierFactory(name="Stora Boenden AB")
    noisy = SupplierFactory(name="Avvikande Omsorg AB")
    ContractFactory(agreement=children, supplier=troubled)
    ContractFactory(
        agreement=old,
        supplier=troubled,
        status=ContractStatus.TERMINATED,
        ended_on=datetime.date(2024, 5, 31),
    )
    ContractFactory(agreement=adults, supplier=big)
    ContractFactory(agreement=adults, supplier=noisy)

    # The troubled supplier: IVO remark + serious (1 + 2), a serious credit remark (2),
    # a supplier-wide exclusion, two open findings of which one is overdue, and its last
    # special follow-up completed 2023-06-15 (18 months before ON).
    CheckFactory(supplier=troubled, kind=CheckKind.IVO, result=CheckResult.REMARK)
    CheckFactory(supplier=troubled, kind=CheckKind.IVO, result=CheckResult.SERIOUS)
    CheckFactory(supplier=troubled, kind=CheckKind.IVO, result=CheckResult.OK)
    CheckFactory(supplier=troubled, kind=CheckKind.CREDIT, result=CheckResult.SERIOUS)
    CheckFactory(  # too old to count
        supplier=troubled,
        kind=CheckKind.IVO,
        result=CheckResult.SERIOUS,
        performed_on=datetime.date(2023, 6, 1),
    )
    ExclusionFactory(supplier=troubled, decided_on=datetime.date(2024, 3, 1))
    ExclusionFactory(  # more than 24 months ago
        supplier=troubled,
        decided_on=datetime.date(2022, 3, 1),
        start_date=datetime.date(2022, 3, 1),
        lifted_on=datetime.date(2022, 6, 1),
    )
    done = FollowUpFactory(
        agreement=children,
        status=FollowUpStatus.COMPLETED,
        planned_start=datetime.date(2023, 3, 1),
        planned_end=datetime.date(2023, 6, 15),
        started_on=datetime.date(2023, 3, 1),
        completed_on=datetime.date(2023, 6, 15),
        suppliers=[troubled],
    )
    FindingFactory(followup=done, supplier=troubled, due_date=datetime.date(2025, 2, 1))
    FindingFactory(followup=done, supplier=troubled, due_date=datetime.date(2024, 9, 1))
    FindingFactory(
        followup=done,
        supplier=troubled,
        status=FindingStatus.VERIFIED,
        feedback_given_on=datetime.date(2023, 7, 1),
        verified_on=datetime.date(2023, 9, 1),
    )

    # Stora Boenden: 20 mkr and 10 placements in the last 12 months.
    for month in (3, 6):
        PurchaseFactory(
            supplier=big,
            agreement=adults,
            month=datetime.date(2024, month, 1),
            amount=10_000_000,
            placements=5,
        )
    PurchaseFactory(  # outside the 12 months
        supplier=big, agreement=adults, month=datetime.date(2023, 6, 1), amount=9_000_000
    )
    # Avvikande Omsorg: two significant deviations (2 + 2) and one old serious one.
    for day in (2, 9):
        DeviationFactory(
            agreement=adults,
            supplier=noisy,
            severity=Severity.SIGNIFICANT,
            occurred_on=datetime.date(2024, 10, day),
        )
    DeviationFactory(
        agreement=adults,
        supplier=noisy,
        severity=Severity.SERIOUS,
        occurred_on=datetime.date(2023, 10, 1),
    )
    return {
        "children": children,
        "adults": adults,
        "old": old,
        "troubled": troubled,
        "big": big,
        "noisy": noisy,
    }


def test_supplier_parts_are_computed_from_the_register(register):
    rows = risk.risk_ranking(on=ON, kind=risk.SUPPLIER)
    parts = parts_of(row_for(rows, register["troubled"]))
    d = Decimal
    assert parts["children"] == (1, d(10), d(10))
    assert parts["ivo_remarks"] == (3, d(5), d(15))
    assert parts["credit_remarks"] == (2, d(4), d(8))
    assert parts["exclusions"] == (1, d(8), d(8))
    assert parts["terminations"] == (1, d(8), d(8))
    assert parts["open_findings"] == (2, d(2), d(4))
    assert parts["overdue_action_plans"] == (1, d(4), d(4))
    assert parts["months_since_followup"] == (18, d("0.5"), d(9))
    assert parts["purchase_value"][0] == 0
    assert row_for(rows, register["troubled"]).score == 66

    big = parts_of(row_for(rows, register["big"]))
    assert big["purchase_value"] == (d(20), d(2), d(40))
    assert big["placements"] == (10, d("0.5"), d(5))
    assert big["children"][0] == 0
    # Never followed up: the maximum number of months.
    assert big["months_since_followup"][0] == risk.MAX_MONTHS
    noisy = parts_of(row_for(rows, register["noisy"]))
    assert noisy["deviations"] == (4, d(3), d(12))


def test_agreement_parts_roll_up_its_suppliers(register):
    rows = risk.risk_ranking(on=ON, kind=risk.AGREEMENT)
    # The old agreement is included while its option period runs; all three are live.
    children = parts_of(row_for(rows, register["children"]))
    assert children["children"][0] == 1
    assert children["ivo_remarks"][0] == 3  # the supplier's checks count for its agreement
    assert children["exclusions"][0] == 1  # a supplier-wide exclusion counts too
    assert children["open_findings"][0] == 2
    assert children["months_since_followup"][0] == 18
    assert children["terminations"][0] == 0
    assert parts_of(row_for(rows, register["old"]))["terminations"][0] == 1
    adults = parts_of(row_for(rows, register["adults"]))
    assert adults["purchase_value"][0] == 20
    assert adults["deviations"][0] == 4


def test_raising_the_deviation_weight_moves_the_deviation_heavy_supplier_up(register, strategist):
    def order():
        rows = risk.risk_ranking(on=ON, kind=risk.SUPPLIER)
        return [r.obj for r in rows]

    before = order()
    assert before.index(register["big"]) < before.index(register["noisy"])
    risk_services.risk_weights_update(weights={"deviations": Decimal("15")}, user=strategist)
    after = order()
    assert after.index(register["noisy"]) < after.index(register["big"])
    change = RiskWeight.objects.get(code="deviations").history.first()
    assert (change.weight, change.history_user) == (Decimal("15"), strategist)


def test_a_judgement_needs_a_reason_and_adds_its_points(register, strategist):
    with pytest.raises(DomainError):
        risk_services.risk_judgement_create(
            supplier=register["big"], points=5, reason="  ", user=strategist
        )
    assert not RiskJudgement.objects.exists()
    before = row_for(risk.risk_ranking(on=ON, kind=risk.SUPPLIER), register["big"]).score
    risk_services.risk_judgement_create(
        supplier=register["big"],
        points=-20,
        reason="Ny verksamhetschef; IVO:s tillsyn avslutad utan kritik.",
        user=strategist,
    )
    row = row_for(risk.risk_ranking(on=ON, kind=risk.SUPPLIER), register["big"])
    assert row.score == before - 20
    assert row.judgements[0].created_by == strategist


def test_query_count_does_not_grow_with_the_register(register):
    def count(kind):
        with CaptureQueriesContext(connection) as ctx:
            risk.risk_ranking(on=ON, kind=kind)
        return len(ctx.captured_queries)

    small = {kind: count(kind) for kind in (risk.AGREEMENT, risk.SUPPLIER)}
    for _ in range(5):
        agreement = AgreementFactory()
        supplier = SupplierFactory()
        ContractFactory(agreement=agreement, supplier=supplier)
        PurchaseFactory(agreement=agreement, supplier=supplier, month=datetime.date(2024, 8, 1))
        DeviationFactory(agreement=agreement, supplier=supplier, occurred_on=ON)
        CheckFactory(supplier=supplier, result=CheckResult.REMARK)
        FindingFactory(supplier=supplier, followup__agreement=agreement)
    assert {kind: count(kind) for kind in small} == small


# --- The page -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "role,status",
    [
        ("strategist", 200),
        ("superuser", 200),
        ("coordinator", 403),
        ("caseworker", 403),
        ("board_reader", 403),
    ],
)
def test_only_strategists_see_the_risk_page(client, user_with_role, role, status):
    client.force_login(user_with_role(role))
    assert client.get(reverse("followups:risk")).status_code == status
    response = client.post(reverse("followups:risk"), {"save_weights": "1", "deviations": "9"})
    assert response.status_code == (302 if status == 200 else 403)


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(reverse("followups:risk"))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_page_ranks_and_shows_every_part(strategist_client, register, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: ON)
    response = strategist_client.get(reverse("followups:risk"))
    html = response.content.decode()
    assert "Riskanalys" in html  # heading and navigation
    assert f"20,0{NBSP}mkr" in html
    assert "Månader sedan senaste särskilda eller fördjupade uppföljning" in html
    suppliers = html[html.index('id="risk-suppliers"') :]  # the forms above list them too
    assert suppliers.index("Stora Boenden AB") < suppliers.index("Avvikande Omsorg AB")
    assert "<details>" in html


def test_the_page_shows_the_weights_first_and_the_suppliers_a_page_at_a_time(strategist_client):
    agreement = AgreementFactory()
    for _ in range(55):
        ContractFactory(agreement=agreement)
    url = reverse("followups:risk")
    html = strategist_client.get(url).content.decode()
    assert html.index('id="risk-weights"') < html.index('id="risk-agreements"')
    assert html.index('id="risk-judgement"') < html.index('id="risk-agreements"')
    suppliers = html[html.index('id="risk-suppliers"') :]
    assert suppliers.count('<span class="fw-semibold">') == 50
    assert "Plats 1–50 av 55." in suppliers and "Sida 1 av 2" in suppliers

    suppliers = strategist_client.get(url, {"page": 2}).content.decode()
    suppliers = suppliers[suppliers.index('id="risk-suppliers"') :]
    assert suppliers.count('<span class="fw-semibold">') == 5
    assert "<td>51</td>" in suppliers and "<td>55</td>" in suppliers
    assert "<td>1</td>" not in suppliers


def test_page_weights_and_judgement(strategist_client, register, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: ON)
    url = reverse("followups:risk")
    weights = {code: str(w).replace(".", ",") for code, w in risk.current_weights().items()}
    weights["deviations"] = "15"
    assert strategist_client.post(url, {"save_weights": "1", **weights}).status_code == 302
    html = strategist_client.get(url).content.decode()
    suppliers = html[html.index('id="risk-suppliers"') :]
    assert suppliers.index("Avvikande Omsorg AB") < suppliers.index("Stora Boenden AB")

    response = strategist_client.post(
        url, {"save_judgement": "1", "supplier": register["big"].pk, "points": "5", "reason": ""}
    )
    assert response.status_code == 200
    assert not RiskJudgement.objects.exists()
    response = strategist_client.post(
        url,
        {
            "save_judgement": "1",
            "supplier": register["big"].pk,
            "points": "5",
            "reason": "Flera klagomål från socialsekreterare.",
        },
    )
    assert response.status_code == 302
    html = strategist_client.get(url).content.decode()
    assert "Flera klagomål från socialsekreterare." in html


def test_a_new_agreement_carries_the_history_of_the_one_it_replaces(register):
    old = register["children"]
    new = AgreementFactory(
        name="HVB för barn, nytt avtal",
        board=old.board,
        target_group=TargetGroup.CHILDREN,
        start_date=datetime.date(2024, 11, 1),
        end_date=datetime.date(2028, 10, 31),
        option_end_date=None,
        predecessor=old,
    )
    rows = risk.risk_ranking(on=ON, kind=risk.AGREEMENT)
    inherited, own = parts_of(row_for(rows, new)), parts_of(row_for(rows, old))
    # The troubled supplier's IVO remarks and exclusion, the open findings, and the months
    # since the predecessor's special follow-up (2023-06-15) count for the new agreement too.
    for code in ("ivo_remarks", "exclusions", "open_findings", "months_since_followup"):
        assert inherited[code] == own[code], code
    assert row_for(rows, new).inherits_from == old
    assert row_for(rows, new).score >= row_for(rows, old).score


def test_the_predecessor_must_be_an_earlier_agreement_of_the_same_board(register):
    from django.core.exceptions import ValidationError

    old = register["children"]
    later = AgreementFactory(
        board=old.board,
        start_date=datetime.date(2030, 1, 1),
        end_date=datetime.date(2031, 1, 1),
        option_end_date=None,
    )
    old.predecessor = later
    with pytest.raises(ValidationError) as err:
        old.full_clean()
    assert err.value.message_dict["predecessor"] == [
        "Föregående avtal måste ha börjat före detta ramavtal."
    ]
    old.predecessor = old
    with pytest.raises(ValidationError) as err:
        old.full_clean()
    assert err.value.message_dict["predecessor"] == [
        "Föregående avtal måste vara ett annat ramavtal inom samma nämnd."
    ]
