import datetime

import pytest

from followups.models import Check, CheckKind, CheckResult
from suppliers.models import ContractStatus, ExclusionReason
from tests.factories import (
    AgreementFactory,
    BoardFactory,
    ContractFactory,
    ExclusionFactory,
    PurchaseFactory,
    SupplierFactory,
    UnitFactory,
    UserFactory,
)

D = datetime.date


@pytest.fixture
def fixture_year(db):
    """A small 2024: two agreements, terminations, rescissions and exclusions with reasons."""
    board = BoardFactory(name="Socialnämnden", municipality="Exempelkommun")
    strategist = UserFactory(
        username="strateg", first_name="Stina", last_name="Strateg", role="strategist"
    )
    hvb = AgreementFactory(
        board=board, name="HVB barn och unga", reference="SCN-2019-0437", owner=strategist
    )
    shelter = AgreementFactory(
        board=board,
        name="Skyddat boende",
        reference="SCN-2022-00100",
        target_group="adults",
        start_date=D(2022, 5, 1),
        end_date=D(2026, 4, 30),
        option_end_date=None,
    )
    hvb_contracts = [ContractFactory(agreement=hvb) for _ in range(8)]
    shelter_contracts = [ContractFactory(agreement=shelter) for _ in range(5)]
    # HVB: 2 terminations for lost permit, 1 for economy; 3 exclusions IVO, 2 weak economy.
    for c, reason, day in [
        (hvb_contracts[0], "permit_lost", D(2024, 3, 1)),
        (hvb_contracts[1], "permit_lost", D(2024, 6, 1)),
        (hvb_contracts[2], "economy", D(2024, 9, 1)),
    ]:
        c.status, c.ended_on, c.end_reason = ContractStatus.TERMINATED, day, reason
        c.decision_reference = "SCN-2024-1"
        c.save()
    # Shelter: 2 rescissions (no permit application), 1 termination by agreement.
    for c, status, reason in [
        (shelter_contracts[0], ContractStatus.RESCINDED, "no_permit_application"),
        (shelter_contracts[1], ContractStatus.RESCINDED, "no_permit_application"),
        (shelter_contracts[2], ContractStatus.TERMINATED, "mutual"),
    ]:
        c.status, c.ended_on, c.end_reason = status, D(2024, 7, 1), reason
        c.decision_reference = "SCN-2024-2"
        c.save()
    # An ended contract from 2023 must not count.
    old = ContractFactory(agreement=hvb)
    old.status, old.ended_on, old.end_reason = ContractStatus.TERMINATED, D(2023, 5, 1), "economy"
    old.save()
    for c in hvb_contracts[3:6]:
        ExclusionFactory(
            supplier=c.supplier,
            contract=c,
            reason=ExclusionReason.IVO_SUPERVISION,
            start_date=D(2024, 4, 1),
        )
    for c in hvb_contracts[6:8]:
        ExclusionFactory(
            supplier=c.supplier,
            contract=c,
            reason=ExclusionReason.WEAK_ECONOMY,
            start_date=D(2024, 10, 1),
        )
    ExclusionFactory(
        supplier=shelter_contracts[3].supplier,
        contract=None,
        reason=ExclusionReason.INVESTIGATION,
        start_date=D(2024, 11, 5),
    )
    # Excluded in 2023: not this year's.
    ExclusionFactory(
        supplier=hvb_contracts[4].supplier,
        contract=hvb_contracts[4],
        reason=ExclusionReason.DORMANT,
        start_date=D(2023, 11, 5),
    )
    for c in hvb_contracts[3:8]:
        Check.objects.create(
            kind=CheckKind.IVO,
            supplier=c.supplier,
            performed_on=D(2024, 3, 20),
            performed_by=strategist,
            result=CheckResult.REMARK if c in hvb_contracts[3:6] else CheckResult.OK,
        )
    for c in hvb_contracts[3:6]:
        Check.objects.create(
            kind=CheckKind.IVO,
            supplier=c.supplier,
            performed_on=D(2024, 11, 15),
            performed_by=strategist,
            result=CheckResult.OK,
        )
    Check.objects.create(
        kind=CheckKind.CREDIT,
        supplier=hvb_contracts[6].supplier,
        performed_on=D(2024, 9, 20),
        performed_by=strategist,
        result=CheckResult.SERIOUS,
    )
    Check.objects.create(
        kind=CheckKind.INVOICE_SAMPLE,
        supplier=hvb_contracts[3].supplier,
        performed_on=D(2024, 5, 20),
        performed_by=strategist,
        result=CheckResult.REMARK,
        summary="Utflyttsdagen fakturerad",
    )
    unit = UnitFactory(supplier=hvb_contracts[3].supplier, name="Ramnäs HVB")
    PurchaseFactory(
        supplier=hvb_contracts[3].supplier,
        unit=unit,
        agreement=hvb,
        month=D(2023, 6, 1),
        amount=2_712_000,
        placements=7,
    )
    return {
        "board": board,
        "hvb": hvb,
        "shelter": shelter,
        "strategist": strategist,
        "hvb_contracts": hvb_contracts,
        "shelter_contracts": shelter_contracts,
        "supplier_named": SupplierFactory,
    }
