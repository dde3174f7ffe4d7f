"""The call-off status rules, each at its date boundaries."""

import datetime

import pytest
from dateutil.relativedelta import relativedelta
from django.utils import timezone

from followups.calloff import types as calloff
from followups.calloff.selectors import call_off_order, call_off_status
from followups.models import CheckKind, CheckResult
from suppliers.models import ContractStatus, IvoPermitStatus
from tests.factories import (
    AgreementFactory,
    ContractFactory,
    ExclusionFactory,
    SupplierFactory,
    UnitFactory,
)
from tests.followups.calloff.calloff_helpers import ON, make_check, usable_contract

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def status_of(unit=None, supplier=None, agreement=None, on=ON):
    results = call_off_status(unit=unit, supplier=supplier, agreement=agreement, on=on)
    assert len(results) == 1
    return results[0]


def codes(result):
    return {r.code for r in result.reasons}


def test_usable_unit_is_clear_with_its_rank_and_latest_check():
    _contract, unit = usable_contract(rank=3)
    result = status_of(unit=unit)
    assert result.level == calloff.CLEAR
    assert result.reasons == []
    assert result.rank == 3
    assert [(c.kind, c.age_days) for c in result.latest_checks] == [("ivo", 30)]


def test_supplier_without_contract_in_agreement_is_blocked():
    _contract, unit = usable_contract()
    other = AgreementFactory()
    result = status_of(unit=unit, agreement=other)
    assert result.level == calloff.BLOCKED
    assert "no_contract" in codes(result)


def test_all_agreements_of_the_supplier_are_listed_when_none_is_given():
    contract, unit = usable_contract()
    second = ContractFactory(supplier=contract.supplier)
    second.units.add(unit)
    results = call_off_status(supplier=contract.supplier, on=ON)
    assert {r.agreement for r in results} == {contract.agreement, second.agreement}


def test_option_ending_today_still_allows_call_off_today():
    contract, unit = usable_contract()
    last_day = contract.agreement.option_end_date
    make_check(contract.supplier, unit=unit, on=last_day - 10 * DAY)
    assert status_of(unit=unit, on=last_day).level == calloff.CLEAR
    after = status_of(unit=unit, on=last_day + DAY)
    assert after.level == calloff.BLOCKED
    assert "agreement_ended" in codes(after)


def test_agreement_without_option_ends_on_its_end_date():
    contract, unit = usable_contract(agreement=AgreementFactory(option_end_date=None))
    end = contract.agreement.end_date
    make_check(contract.supplier, unit=unit, on=end - 10 * DAY)
    assert "agreement_ended" not in codes(status_of(unit=unit, on=end))
    assert "agreement_ended" in codes(status_of(unit=unit, on=end + DAY))


def test_agreement_not_begun_is_blocked_until_its_first_day():
    agreement = AgreementFactory(start_date=ON + DAY)
    _contract, unit = usable_contract(agreement=agreement, start_date=None)
    assert "agreement_not_started" in codes(status_of(unit=unit, on=ON))
    assert "agreement_not_started" not in codes(status_of(unit=unit, on=ON + DAY))


def test_exclusion_lifted_yesterday_no_longer_blocks_today():
    contract, unit = usable_contract()
    ExclusionFactory(
        supplier=contract.supplier, contract=contract, start_date=ON - 30 * DAY, lifted_on=ON - DAY
    )
    assert status_of(unit=unit).level == calloff.CLEAR
    # Yesterday it was still in force (lifted_on is the first day without it).
    assert "exclusion" in codes(status_of(unit=unit, on=ON - 2 * DAY))


def test_exclusion_lifted_today_does_not_block_today_but_did_yesterday():
    contract, unit = usable_contract()
    ExclusionFactory(
        supplier=contract.supplier, contract=contract, start_date=ON - 30 * DAY, lifted_on=ON
    )
    assert "exclusion" not in codes(status_of(unit=unit))
    assert "exclusion" in codes(status_of(unit=unit, on=ON - DAY))


def test_exclusion_starting_today_blocks_with_reason_and_review_date():
    contract, unit = usable_contract()
    ExclusionFactory(
        supplier=contract.supplier,
        contract=contract,
        start_date=ON,
        review_date=ON + 60 * DAY,
        decision_reference="SCN-2024-00777",
    )
    result = status_of(unit=unit)
    assert result.level == calloff.BLOCKED
    reason = next(r for r in result.reasons if r.code == "exclusion")
    assert reason.date == ON
    assert "SCN-2024-00777" in reason.source
    assert result.exclusions[0].review_date == ON + 60 * DAY
    assert status_of(unit=unit, on=ON - DAY).level == calloff.CLEAR


def test_supplier_wide_exclusion_blocks_every_agreement():
    contract, unit = usable_contract()
    second = ContractFactory(supplier=contract.supplier)
    second.units.add(unit)
    ExclusionFactory(supplier=contract.supplier, contract=None, start_date=ON - DAY)
    results = call_off_status(unit=unit, on=ON)
    assert [r.level for r in results] == [calloff.BLOCKED, calloff.BLOCKED]
    assert results[0].exclusions[0].scope == "supplier"


def test_exclusion_of_a_contract_in_another_agreement_does_not_block_this_one():
    contract, unit = usable_contract()
    other = ContractFactory(supplier=contract.supplier)
    ExclusionFactory(supplier=contract.supplier, contract=other, start_date=ON - DAY)
    assert status_of(unit=unit, agreement=contract.agreement).level == calloff.CLEAR


def test_contract_ended_yesterday_blocks_today_and_was_active_the_day_before():
    contract, unit = usable_contract()
    contract.status = ContractStatus.TERMINATED
    contract.ended_on = ON
    contract.save()
    assert "contract_ended" in codes(status_of(unit=unit, on=ON))
    assert "contract_ended" not in codes(status_of(unit=unit, on=ON - DAY))


@pytest.mark.parametrize(
    "permit", [IvoPermitStatus.MISSING, IvoPermitStatus.REVOKED, IvoPermitStatus.APPLIED]
)
def test_unit_without_valid_permit_is_blocked_where_agreement_requires_one(permit):
    _contract, unit = usable_contract()
    unit.ivo_permit_status = permit
    unit.save()
    result = status_of(unit=unit)
    assert result.level == calloff.BLOCKED
    assert "ivo_permit_missing" in codes(result)


def test_missing_permit_does_not_matter_where_agreement_does_not_require_one():
    _contract, unit = usable_contract(agreement=AgreementFactory(requires_ivo_permit=False))
    unit.ivo_permit_status = IvoPermitStatus.MISSING
    unit.save()
    assert status_of(unit=unit).level == calloff.CLEAR


def test_supplier_is_blocked_only_when_no_served_unit_has_a_permit():
    contract, unit = usable_contract()
    second = UnitFactory(supplier=contract.supplier, ivo_permit_status=IvoPermitStatus.REVOKED)
    contract.units.add(second)
    result = status_of(supplier=contract.supplier)
    assert result.level == calloff.CAUTION
    assert "ivo_permit_missing" in codes(result)
    unit.ivo_permit_status = IvoPermitStatus.REVOKED
    unit.save()
    assert status_of(supplier=contract.supplier).level == calloff.BLOCKED


def test_units_not_served_by_the_contract_do_not_count_for_the_supplier():
    contract, _unit = usable_contract()
    UnitFactory(supplier=contract.supplier, ivo_permit_status=IvoPermitStatus.REVOKED)
    assert status_of(supplier=contract.supplier).level == calloff.CLEAR


def test_unit_not_served_by_the_contract_is_blocked():
    contract, _unit = usable_contract()
    other_unit = UnitFactory(supplier=contract.supplier)
    make_check(contract.supplier, unit=other_unit, on=ON - DAY)
    result = status_of(unit=other_unit, agreement=contract.agreement)
    assert "unit_not_in_contract" in codes(result)


def test_serious_ivo_check_blocks_and_remark_cautions():
    contract, unit = usable_contract()
    make_check(contract.supplier, unit=unit, result=CheckResult.REMARK, on=ON - DAY)
    result = status_of(unit=unit)
    assert (result.level, codes(result)) == (calloff.CAUTION, {"ivo_check_remark"})
    make_check(contract.supplier, unit=unit, result=CheckResult.SERIOUS, on=ON)
    result = status_of(unit=unit)
    assert (result.level, codes(result)) == (calloff.BLOCKED, {"ivo_check_serious"})


def test_only_the_latest_ivo_check_counts():
    contract, unit = usable_contract()
    make_check(contract.supplier, unit=unit, result=CheckResult.SERIOUS, on=ON - 10 * DAY)
    make_check(contract.supplier, unit=unit, result=CheckResult.OK, on=ON - 5 * DAY)
    assert status_of(unit=unit).level == calloff.CLEAR


def test_checks_after_the_date_are_not_counted():
    contract, unit = usable_contract()
    make_check(contract.supplier, unit=unit, result=CheckResult.SERIOUS, on=ON + DAY)
    assert status_of(unit=unit, on=ON).level == calloff.CLEAR
    assert status_of(unit=unit, on=ON + DAY).level == calloff.BLOCKED


def test_ivo_check_exactly_at_the_interval_is_current_and_a_day_later_is_old():
    contract, unit = usable_contract()
    checked = ON - relativedelta(months=6)
    make_check(contract.supplier, unit=unit, on=checked)
    # Only the older check should exist for this test.
    contract.supplier.checks.exclude(performed_on=checked).delete()
    assert status_of(unit=unit, on=ON).level == calloff.CLEAR
    old = status_of(unit=unit, on=ON + DAY)
    assert (old.level, codes(old)) == (calloff.CAUTION, {"ivo_check_old"})


def test_ivo_interval_comes_from_the_agreement():
    contract, unit = usable_contract(agreement=AgreementFactory(ivo_check_interval_months=3))
    contract.supplier.checks.all().delete()
    make_check(contract.supplier, unit=unit, on=ON - relativedelta(months=3))
    assert status_of(unit=unit).level == calloff.CLEAR
    assert "ivo_check_old" in codes(status_of(unit=unit, on=ON + DAY))


def test_missing_ivo_check_is_a_caution():
    contract, unit = usable_contract()
    contract.supplier.checks.all().delete()
    result = status_of(unit=unit)
    assert (result.level, codes(result)) == (calloff.CAUTION, {"ivo_check_missing"})


def test_supplier_wide_ivo_check_counts_for_its_units():
    contract, unit = usable_contract()
    contract.supplier.checks.all().delete()
    make_check(contract.supplier, unit=None, on=ON - DAY)
    assert status_of(unit=unit).level == calloff.CLEAR


@pytest.mark.parametrize(
    ("result", "code"),
    [(CheckResult.REMARK, "credit_remark"), (CheckResult.SERIOUS, "credit_serious")],
)
def test_credit_remark_or_serious_is_a_caution(result, code):
    contract, unit = usable_contract()
    make_check(contract.supplier, kind=CheckKind.CREDIT, result=result, on=ON - DAY)
    status = status_of(unit=unit)
    assert (status.level, codes(status)) == (calloff.CAUTION, {code})


def test_credit_ok_after_remark_clears():
    contract, unit = usable_contract()
    make_check(contract.supplier, kind=CheckKind.CREDIT, result=CheckResult.REMARK, on=ON - 9 * DAY)
    make_check(contract.supplier, kind=CheckKind.CREDIT, result=CheckResult.OK, on=ON - DAY)
    assert status_of(unit=unit).level == calloff.CLEAR


@pytest.mark.parametrize("status", [ContractStatus.TERMINATED, ContractStatus.RESCINDED])
def test_contract_ended_elsewhere_within_twelve_months_is_a_caution(status):
    contract, unit = usable_contract()
    ContractFactory(
        supplier=contract.supplier, status=status, ended_on=ON - relativedelta(months=12)
    )
    result = status_of(unit=unit, agreement=contract.agreement)
    assert (result.level, codes(result)) == (calloff.CAUTION, {"recently_ended_elsewhere"})
    # One day later the twelve months have passed.
    assert status_of(unit=unit, agreement=contract.agreement, on=ON + DAY).level == calloff.CLEAR


def test_expired_contract_elsewhere_is_not_a_caution():
    contract, unit = usable_contract()
    ContractFactory(supplier=contract.supplier, status=ContractStatus.EXPIRED, ended_on=ON)
    assert status_of(unit=unit, agreement=contract.agreement).level == calloff.CLEAR


def test_every_reason_is_listed_not_just_the_worst():
    contract, unit = usable_contract()
    ExclusionFactory(supplier=contract.supplier, contract=contract, start_date=ON - DAY)
    make_check(contract.supplier, kind=CheckKind.CREDIT, result=CheckResult.REMARK, on=ON)
    result = status_of(unit=unit)
    assert result.level == calloff.BLOCKED
    assert codes(result) == {"exclusion", "credit_remark"}


def test_criminal_record_checks_never_appear_in_a_status():
    from tests.factories import RepresentativeFactory

    contract, unit = usable_contract()
    rep = RepresentativeFactory(supplier=contract.supplier)
    make_check(
        contract.supplier,
        kind=CheckKind.CRIMINAL_RECORD,
        result=CheckResult.SERIOUS,
        representative=rep,
        on=ON,
    )
    result = status_of(unit=unit)
    assert result.level == calloff.CLEAR
    assert "criminal_record" not in {c.kind for c in result.latest_checks}


def test_default_date_is_today_in_stockholm(monkeypatch):
    contract, unit = usable_contract(agreement=AgreementFactory(option_end_date=None))
    end = contract.agreement.end_date
    make_check(contract.supplier, unit=unit, on=end - DAY)
    # 23:30 UTC on the end date is already the next day in Stockholm.
    late = datetime.datetime.combine(end, datetime.time(23, 30), tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: late)
    result = call_off_status(unit=unit)[0]
    assert result.on == end + DAY
    assert "agreement_ended" in codes(result)


def test_a_rule_added_to_the_table_adds_its_reasons(monkeypatch):
    # Was test_registered_reason_provider_adds_reasons: the table replaced the providers.
    from followups.calloff import rules

    contract, unit = usable_contract()
    seen = []

    def rule(snapshot, key):
        seen.append((key, snapshot.on))
        return [calloff.Reason(calloff.CAUTION, "open_followup", "Öppen uppföljning", ON)]

    monkeypatch.setattr(rules, "RULES", (*rules.RULES, rule))
    result = status_of(unit=unit)
    assert seen[0][1] == ON
    assert seen[0][0] == (contract.supplier, unit, contract.agreement)
    assert (result.level, codes(result)) == (calloff.CAUTION, {"open_followup"})


def test_call_off_order_lists_contracts_by_rank_with_their_status():
    agreement = AgreementFactory()
    _second, _ = usable_contract(agreement=agreement, rank=2)
    first, _ = usable_contract(agreement=agreement, rank=1)
    ExclusionFactory(supplier=first.supplier, contract=first, start_date=ON - DAY)
    order = call_off_order(agreement, on=ON)
    assert [(s.rank, s.level) for s in order] == [(1, calloff.BLOCKED), (2, calloff.CLEAR)]


def test_as_dict_is_json_ready():
    import json

    contract, unit = usable_contract()
    ExclusionFactory(supplier=contract.supplier, contract=contract, start_date=ON - DAY)
    data = status_of(unit=unit).as_dict()
    json.dumps(data)
    assert data["level"] == "blocked"
    assert data["reasons"][0]["code"] == "exclusion"
    assert data["unit"]["name"] == unit.name


def _grow(contract, unit, n):
    """Add n checks of each kind, n exclusions (lifted) and n contracts elsewhere."""
    for i in range(n):
        make_check(contract.supplier, unit=unit, on=ON - (i + 2) * DAY)
        make_check(contract.supplier, kind=CheckKind.CREDIT, on=ON - (i + 2) * DAY)
        ExclusionFactory(
            supplier=contract.supplier,
            contract=contract,
            start_date=ON - (100 + i) * DAY,
            lifted_on=ON - 50 * DAY,
        )
        other = ContractFactory(supplier=contract.supplier)
        other.units.add(unit)
        ExclusionFactory(supplier=contract.supplier, contract=other, start_date=ON - DAY)


# agreements-of-supplier, contracts, units (prefetch), units of suppliers, exclusions, checks,
# and the follow-up app's reason provider: open event-driven follow-ups, findings
FOLLOWUP_PROVIDER_QUERIES = 2
QUERIES_FOR_ALL_AGREEMENTS = 6 + FOLLOWUP_PROVIDER_QUERIES


@pytest.mark.parametrize("n", [1, 8])
def test_status_uses_a_constant_number_of_queries(n, django_assert_num_queries):
    contract, unit = usable_contract()
    _grow(contract, unit, n)
    unit = type(unit).objects.select_related("supplier").get(pk=unit.pk)
    with django_assert_num_queries(QUERIES_FOR_ALL_AGREEMENTS):
        results = call_off_status(unit=unit, on=ON)
        for r in results:
            r.as_dict()
    assert len(results) == n + 1


@pytest.mark.parametrize("n", [1, 8])
def test_call_off_order_uses_a_constant_number_of_queries(n, django_assert_num_queries):
    agreement = AgreementFactory()
    for i in range(n):
        contract, unit = usable_contract(agreement=agreement, rank=i + 1)
        _grow(contract, unit, 2)
    with django_assert_num_queries(6 + FOLLOWUP_PROVIDER_QUERIES):
        order = call_off_order(agreement, on=ON)
        for r in order:
            r.as_dict()
    assert len(order) == n


def test_a_supplier_of_its_own_without_units_is_judged_on_supplier_checks():
    supplier = SupplierFactory()
    contract = ContractFactory(
        supplier=supplier, agreement=AgreementFactory(requires_ivo_permit=False)
    )
    result = status_of(supplier=supplier)
    assert result.contract == contract
    assert result.level == calloff.CLEAR


def test_ivo_check_reading_revoked_permit_blocks_even_if_register_says_valid():
    contract, unit = usable_contract()
    make_check(contract.supplier, unit=unit, on=ON, ivo_permit_status="revoked")
    result = status_of(unit=unit)
    assert result.level == calloff.BLOCKED
    assert "ivo_check_no_permit" in codes(result)


def test_open_supervision_case_at_ivo_is_a_caution():
    contract, unit = usable_contract()
    make_check(contract.supplier, unit=unit, on=ON, ivo_open_supervision=True)
    result = status_of(unit=unit)
    assert (result.level, codes(result)) == (calloff.CAUTION, {"ivo_open_supervision"})
