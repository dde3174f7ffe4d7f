"""The rules of the call-off table one by one, over snapshots built in memory.

No test here asks for the database (no django_db mark, no `db` fixture), so pytest-django
makes any query raise: the rules read only the Snapshot. The rows are unsaved model
instances with their pk set by hand.
"""

import datetime

from dateutil.relativedelta import relativedelta
from django.utils.translation import gettext as _

from followups.calloff import rules
from followups.calloff.snapshot import OpenFinding, OpenFollowUp, Snapshot
from followups.calloff.subject import Subject, judge_subject
from followups.calloff.types import BLOCKED, CAUTION, CLEAR, StatusKey
from followups.models import Check, CheckKind, CheckResult, FindingStatus, Severity
from suppliers.models import (
    Contract,
    ContractStatus,
    Exclusion,
    ExclusionReason,
    FrameworkAgreement,
    IvoPermitStatus,
    Supplier,
    Unit,
)

ON = datetime.date(2024, 6, 15)
DAY = datetime.timedelta(days=1)


def agreement(pk=1, **kw):
    fields = {
        "name": f"Ramavtal {pk}",
        "reference": f"SCN-2021-{pk:05d}",
        "requires_ivo_permit": True,
        "ivo_check_interval_months": 6,
        "start_date": datetime.date(2021, 3, 1),
        "end_date": datetime.date(2025, 2, 28),
        "option_end_date": datetime.date(2027, 2, 28),
    }
    return FrameworkAgreement(pk=pk, **(fields | kw))


SUPPLIER = Supplier(pk=1, name="Viborgs Omsorg AB", org_number="556677-8899")
AGREEMENT = agreement()


def unit(pk=1, **kw):
    return Unit(pk=pk, supplier=SUPPLIER, name=f"Enhet {pk}", **kw)


def contract(pk=1, agreement=AGREEMENT, **kw):
    kw.setdefault("start_date", datetime.date(2021, 3, 1))
    return Contract(pk=pk, supplier=SUPPLIER, agreement=agreement, rank=pk, **kw)


def check(pk=1, *, kind=CheckKind.IVO, result=CheckResult.OK, on=ON - 30 * DAY, unit=None, **kw):
    return Check(
        pk=pk, supplier=SUPPLIER, unit=unit, kind=kind, result=result, performed_on=on, **kw
    )


def snapshot(on=ON, contracts=(), served=None, units=(), **kw):
    contracts = list(contracts)
    return Snapshot(
        on=on,
        contracts=contracts,
        served_units=served or {},
        units_by_supplier={SUPPLIER.pk: list(units)},
        **kw,
    )


def codes(reasons):
    return [r.code for r in reasons]


def key(u=None, a=AGREEMENT):
    return StatusKey(SUPPLIER, u, a)


def test_the_table_lists_the_rules_in_the_order_their_reasons_are_shown():
    assert [r.__name__ for r in rules.RULES] == [
        "agreement_period",
        "contract_in_force",
        "exclusions_in_force",
        "unit_served_by_contract",
        "unit_closed",
        "units_permit_and_ivo_check",
        "credit_check",
        "recently_ended_elsewhere",
        "open_event_driven_followups",
        "findings_overdue_or_serious",
    ]


def test_agreement_period_includes_both_ends_and_the_option():
    a = agreement(option_end_date=None)
    rule = rules.agreement_period
    assert codes(rule(snapshot(on=a.start_date - DAY), key(a=a))) == ["agreement_not_started"]
    assert rule(snapshot(on=a.start_date), key(a=a)) == []
    assert rule(snapshot(on=a.end_date), key(a=a)) == []
    assert codes(rule(snapshot(on=a.end_date + DAY), key(a=a))) == ["agreement_ended"]
    assert rule(snapshot(on=AGREEMENT.option_end_date), key()) == []
    ended = rule(snapshot(on=AGREEMENT.option_end_date + DAY), key())
    assert (ended[0].level, ended[0].date) == (BLOCKED, AGREEMENT.option_end_date)


def test_contract_rule_without_contract_before_start_and_after_end():
    rule = rules.contract_in_force
    assert codes(rule(snapshot(), key())) == ["no_contract"]
    later = contract(start_date=ON + DAY)
    assert codes(rule(snapshot(contracts=[later]), key())) == ["contract_not_started"]
    assert rule(snapshot(on=ON + DAY, contracts=[later]), key()) == []
    ended = contract(status=ContractStatus.TERMINATED, ended_on=ON)
    assert codes(rule(snapshot(contracts=[ended]), key())) == ["contract_ended"]
    assert rule(snapshot(on=ON - DAY, contracts=[ended]), key()) == []


def exclusion(pk, contract=None, **kw):
    return Exclusion(
        pk=pk,
        supplier=SUPPLIER,
        contract=contract,
        reason=ExclusionReason.IVO_SUPERVISION,
        decision_reference=f"SCN-2024-{pk:05d}",
        start_date=ON - pk * DAY,
        **kw,
    )


def test_exclusions_of_the_contract_or_the_supplier_block_in_loaded_order():
    mine, elsewhere = contract(1), contract(2, agreement=agreement(2))
    loaded = [
        exclusion(3, contract=mine, review_date=ON + 30 * DAY),
        exclusion(2, contract=elsewhere),
        exclusion(1),
    ]
    snap = snapshot(contracts=[mine, elsewhere], exclusions=loaded)
    reasons = rules.exclusions_in_force(snap, key())
    assert [(r.code, r.date) for r in reasons] == [
        ("exclusion", ON - 3 * DAY),
        ("exclusion", ON - DAY),
    ]
    assert "SCN-2024-00003" in reasons[0].source
    assert (ON + 30 * DAY).isoformat() in reasons[0].text
    # Without a contract in the agreement only the supplier-wide one applies.
    assert len(rules.exclusions_in_force(snapshot(exclusions=loaded), key())) == 1


def test_unit_must_be_served_by_a_contract_that_lists_units():
    u, other = unit(1), unit(2)
    c = contract()
    listed = snapshot(contracts=[c], served={c.pk: [other]})
    assert codes(rules.unit_served_by_contract(listed, key(u))) == ["unit_not_in_contract"]
    assert rules.unit_served_by_contract(listed, key(other)) == []
    assert rules.unit_served_by_contract(snapshot(contracts=[c]), key(u)) == []
    assert rules.unit_served_by_contract(listed, key()) == []  # a supplier: judged per unit


def test_unit_closed_on_the_date_is_blocked_and_the_day_before_is_not():
    u = unit(closed_on=ON)
    assert codes(rules.unit_closed(snapshot(), key(u))) == ["unit_closed"]
    assert rules.unit_closed(snapshot(on=ON - DAY), key(u)) == []


def subject(u=None, ivo=None, a=AGREEMENT, on=ON):
    return Subject(SUPPLIER, u, a, ivo, on)


def test_a_serious_ivo_check_says_all():
    ivo = check(
        result=CheckResult.SERIOUS,
        ivo_permit_status="revoked",
        ivo_open_supervision=True,
        on=ON - 2 * 365 * DAY,
    )
    assert codes(judge_subject(subject(unit(), ivo))) == ["ivo_check_serious"]


def test_subject_rules_in_order_for_a_unit_without_permit_and_an_old_remarked_check():
    ivo = check(
        result=CheckResult.REMARK,
        ivo_permit_status="missing",
        ivo_open_supervision=True,
        on=ON - relativedelta(months=6) - DAY,
    )
    u = unit(ivo_permit_status=IvoPermitStatus.APPLIED)
    assert codes(judge_subject(subject(u, ivo))) == [
        "ivo_permit_missing",
        "ivo_check_no_permit",
        "ivo_open_supervision",
        "ivo_check_remark",
        "ivo_check_old",
    ]
    # Where no permit is required only what IVO itself noted remains.
    relaxed = agreement(requires_ivo_permit=False)
    assert codes(judge_subject(subject(u, ivo, a=relaxed))) == [
        "ivo_open_supervision",
        "ivo_check_remark",
    ]


def test_ivo_check_is_current_through_the_interval_and_old_the_day_after():
    ivo = check(on=ON - relativedelta(months=6))
    assert judge_subject(subject(unit(), ivo)) == []
    assert codes(judge_subject(subject(unit(), ivo, on=ON + DAY))) == ["ivo_check_old"]


def test_supplier_without_open_unit_is_judged_itself():
    reasons = judge_subject(subject())
    assert codes(reasons) == ["ivo_permit_missing", "ivo_check_missing"]
    assert _("the supplier") in reasons[1].text


def test_one_usable_unit_turns_the_others_blocks_into_cautions():
    good, bad = unit(1), unit(2, ivo_permit_status=IvoPermitStatus.REVOKED)
    c = contract()
    checks = [check(1, unit=good), check(2, unit=bad)]
    snap = snapshot(contracts=[c], served={c.pk: [good, bad]}, units=[good, bad], checks=checks)
    reasons = rules.units_permit_and_ivo_check(snap, key())
    assert [(r.code, r.level) for r in reasons] == [("ivo_permit_missing", CAUTION)]
    good.ivo_permit_status = IvoPermitStatus.MISSING
    reasons = rules.units_permit_and_ivo_check(snap, key())
    assert [r.level for r in reasons] == [BLOCKED, BLOCKED]


def test_a_contract_listing_no_units_serves_all_open_units():
    closed = unit(1, closed_on=ON - DAY, ivo_permit_status=IvoPermitStatus.REVOKED)
    open_ = unit(2)
    snap = snapshot(contracts=[contract()], units=[closed, open_], checks=[check(unit=open_)])
    assert rules.units_permit_and_ivo_check(snap, key()) == []


def test_credit_check_remark_and_serious_are_cautions_ok_is_nothing():
    for result, expected in [
        (CheckResult.OK, []),
        (CheckResult.REMARK, ["credit_remark"]),
        (CheckResult.SERIOUS, ["credit_serious"]),
    ]:
        snap = snapshot(checks=[check(kind=CheckKind.CREDIT, result=result)])
        reasons = rules.credit_check(snap, key())
        assert codes(reasons) == expected
        assert all(r.level == CAUTION for r in reasons)


def test_contract_ended_elsewhere_counts_for_twelve_months_inclusive():
    here = contract(1)
    ended_on = ON - relativedelta(months=12)
    elsewhere = contract(
        2, agreement=agreement(2), status=ContractStatus.RESCINDED, ended_on=ended_on
    )
    snap = snapshot(contracts=[here, elsewhere])
    assert codes(rules.recently_ended_elsewhere(snap, key())) == ["recently_ended_elsewhere"]
    snap.on = ON + DAY
    assert rules.recently_ended_elsewhere(snap, key()) == []
    expired = contract(3, agreement=agreement(3), status=ContractStatus.EXPIRED, ended_on=ON)
    assert rules.recently_ended_elsewhere(snapshot(contracts=[here, expired]), key()) == []


def test_open_event_driven_followups_of_this_agreement_only():
    rows = [
        OpenFollowUp(7, "Anmälan om brister", SUPPLIER.pk, AGREEMENT.pk, None, ON - DAY),
        OpenFollowUp(8, "Annat avtal", SUPPLIER.pk, 99, ON - DAY, None),
    ]
    reasons = rules.open_event_driven_followups(snapshot(followups=rows), key())
    assert [(r.code, r.date, r.source) for r in reasons] == [
        ("open_event_driven_followup", ON - DAY, "Anmälan om brister")
    ]
    assert reasons[0].source_url.endswith("/7/")


def finding(pk, **kw):
    fields = {
        "supplier_id": SUPPLIER.pk,
        "agreement_id": AGREEMENT.pk,
        "followup_title": "Uppföljning 2024",
        "severity": Severity.MINOR,
        "status": FindingStatus.OPEN,
        "due_date": None,
        "action_plan_deadline": None,
    }
    return OpenFinding(pk=pk, **(fields | kw))


def test_findings_overdue_from_the_day_after_the_deadline_then_serious():
    due_today = finding(1, due_date=ON)
    overdue_and_serious = finding(2, due_date=ON - DAY, severity=Severity.SERIOUS)
    plan_late = finding(
        3,
        status=FindingStatus.ACTION_PLAN_RECEIVED,
        due_date=ON + 30 * DAY,
        action_plan_deadline=ON - 2 * DAY,
    )
    snap = snapshot(findings=[due_today, overdue_and_serious, plan_late])
    reasons = rules.findings_overdue_or_serious(snap, key())
    assert [(r.code, r.date) for r in reasons] == [
        ("action_plan_overdue", ON - DAY),
        ("serious_finding_open", ON - DAY),
        ("action_plan_overdue", ON - 2 * DAY),
    ]


def test_evaluate_walks_the_table_and_shows_latest_checks_and_exclusions():
    u = unit()
    c = contract()
    snap = snapshot(
        on=AGREEMENT.option_end_date + DAY,
        contracts=[c],
        served={c.pk: [u]},
        units=[u],
        exclusions=[exclusion(1)],
        checks=[
            check(1, unit=u, on=AGREEMENT.option_end_date),
            check(2, kind=CheckKind.CREDIT, result=CheckResult.REMARK, on=ON),
        ],
        followups=[OpenFollowUp(5, "Larm", SUPPLIER.pk, AGREEMENT.pk, ON, None)],
    )
    status = rules.evaluate(snap, key(u))
    assert codes(status.reasons) == [
        "agreement_ended",
        "exclusion",
        "credit_remark",
        "open_event_driven_followup",
    ]
    assert status.level == BLOCKED and status.contract is c
    assert [e.scope for e in status.exclusions] == ["supplier"]
    latest = [(lc.kind, lc.age_days) for lc in status.latest_checks]
    assert latest == [("ivo", 1), ("credit", (snap.on - ON).days)]


def test_a_usable_unit_with_a_fresh_check_is_clear():
    u = unit()
    c = contract()
    snap = snapshot(contracts=[c], served={c.pk: [u]}, units=[u], checks=[check(unit=u)])
    assert rules.evaluate(snap, key(u)).level == CLEAR
    assert rules.evaluate(snap, key()).level == CLEAR
