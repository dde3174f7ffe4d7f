"""A large synthetic municipality for the benchmark, filled fast and the same every time.

Rows go in with bulk_create and without history: this is load for measuring queries,
not audited data. Everything is drawn from one seeded random generator, so two runs
build the same database. Dates are fixed around ANCHOR (not today) for the same reason.
"""

import datetime
import random
import time
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from stdnum import luhn
from stdnum.se import orgnr

from followups.models import Check, CheckKind, CheckResult, IvoPermitReading
from suppliers.models import (
    Board,
    Contract,
    ContractEndReason,
    ContractStatus,
    Exclusion,
    ExclusionReason,
    FrameworkAgreement,
    IvoPermitStatus,
    ProcurementType,
    Purchase,
    Representative,
    RepresentativeRole,
    Supplier,
    TargetGroup,
    Unit,
)

SEED = 20241220
ANCHOR = datetime.date(2026, 11, 1)
BATCH = 5000


@dataclass(frozen=True)
class Size:
    suppliers: int = 5_000
    units_per_supplier: int = 2
    representatives_per_supplier: int = 3
    agreements: int = 20
    contracts: int = 15_000
    checks: int = 200_000
    exclusions: int = 20_000
    purchase_months: int = 4  # per contract

    @property
    def units(self) -> int:
        return self.suppliers * self.units_per_supplier


FULL = Size()

_FIRST = (
    "Vibor",
    "Gläntan",
    "Björk",
    "Lärk",
    "Solrosen",
    "Ekhagen",
    "Tallbacken",
    "Havsörn",
    "Lindgården",
    "Fyren",
    "Nova",
    "Kompassen",
    "Stjärnan",
    "Ankaret",
    "Bryggan",
    "Viljan",
    "Ljusglimten",
    "Vägen",
    "Trädet",
    "Hemmet",
    "Källan",
    "Klippan",
    "Norrsken",
    "Måsen",
)
_SECOND = (
    "Omsorg",
    "Stödboende",
    "Familjehem",
    "HVB",
    "Behandling",
    "Vård",
    "Resurs",
    "Boende",
    "Utveckling",
    "Care",
    "Hem",
    "Gruppen",
    "Kollektivet",
)
_PLACES = (
    "Uppsala",
    "Enköping",
    "Knivsta",
    "Tierp",
    "Östhammar",
    "Heby",
    "Älvkarleby",
    "Sala",
    "Gävle",
    "Västerås",
    "Stockholm",
    "Norrtälje",
    "Sigtuna",
    "Örebro",
)
_UNIT_KINDS = ("HVB", "stödboende", "unga vuxna", "familjehem", "skyddat boende", "öppenvård")
_GIVEN = ("Anna", "Erik", "Maria", "Lars", "Karin", "Johan", "Eva", "Per", "Sara", "Ali", "Lina")
_FAMILY = ("Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson")


def org_number(n: int) -> str:
    """A fictional, checksum-valid, unique organisation number of an aktiebolag (55…).

    The digits after 55 are spread (n times a number coprime to 10^7), as real numbers
    are, so that typing a few digits matches a few suppliers, not all of them.
    """
    body = f"55{(n * 7_368_787 + 1_234_567) % 10**7:07d}"
    return orgnr.format(body + luhn.calc_check_digit(body))


def is_filled(size: Size = FULL) -> bool:
    return (
        Supplier.objects.count() >= size.suppliers
        and Check.objects.count() >= size.checks
        and Exclusion.objects.count() >= size.exclusions
    )


def _day(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    return start + datetime.timedelta(days=rng.randrange((end - start).days + 1))


def _bulk(model, objs, log):
    started = time.perf_counter()
    created = model.objects.bulk_create(objs, batch_size=BATCH)
    log(f"  {model.__name__:<16} {len(created):>8} rows  {time.perf_counter() - started:6.1f} s")
    return created


@transaction.atomic
def fill(size: Size = FULL, *, seed: int = SEED, log=print) -> dict:
    """Fill an empty (migrated) database; returns the users made for measuring."""
    rng = random.Random(seed)
    user_model = get_user_model()
    groups = {g.name: g for g in Group.objects.all()}
    strategists = []
    for i in range(10):
        user = user_model(username=f"bench_strateg_{i}", first_name="Strateg", last_name=str(i))
        user.set_unusable_password()
        strategists.append(user)
    strategists = _bulk(user_model, strategists, log)
    for user in strategists:
        user.groups.add(groups["strategist"])
    coordinator = user_model.objects.create(username="bench_samordnare", first_name="Samordnare")
    coordinator.groups.add(groups["coordinator"])

    board = Board.objects.create(name="Socialnämnden", municipality="Syntetkommun")

    agreements = []
    for i in range(size.agreements):
        start = datetime.date(2021 + i % 4, 1 + i % 12, 1)
        agreements.append(
            FrameworkAgreement(
                board=board,
                name=f"Ramavtal {i + 1:02d} {_UNIT_KINDS[i % len(_UNIT_KINDS)]}",
                reference=f"SYN-{2021 + i % 4}-{i + 1:05d}",
                procurement_type=ProcurementType.LOU if i % 3 else ProcurementType.LOV,
                target_group=TargetGroup.CHILDREN if i % 2 == 0 else TargetGroup.ADULTS,
                requires_ivo_permit=i % 2 == 0,
                start_date=start,
                end_date=start.replace(year=start.year + 4) - datetime.timedelta(days=1),
                option_end_date=start.replace(year=start.year + 6) - datetime.timedelta(days=1),
                owner=strategists[i % len(strategists)],
            )
        )
    agreements = _bulk(FrameworkAgreement, agreements, log)

    suppliers = []
    for i in range(size.suppliers):
        name = f"{_FIRST[i % len(_FIRST)]} {_SECOND[(i // len(_FIRST)) % len(_SECOND)]} {i} AB"
        suppliers.append(
            Supplier(
                name=name,
                org_number=org_number(i),
                city=rng.choice(_PLACES),
                email=f"info{i}@leverantor.example",
            )
        )
    suppliers = _bulk(Supplier, suppliers, log)

    units = []
    for supplier in suppliers:
        for j in range(size.units_per_supplier):
            permit = rng.choices(
                (IvoPermitStatus.VALID, IvoPermitStatus.APPLIED, IvoPermitStatus.REVOKED),
                weights=(95, 3, 2),
            )[0]
            units.append(
                Unit(
                    supplier=supplier,
                    name=f"{supplier.name.removesuffix(' AB')} {_UNIT_KINDS[j % 6]} {j + 1}",
                    place=rng.choice(_PLACES),
                    ivo_permit_reference=f"IVO {2015 + rng.randrange(10)}-{rng.randrange(99999)}",
                    ivo_permit_status=permit,
                )
            )
    units = _bulk(Unit, units, log)
    units_of: dict[int, list[Unit]] = {}
    for unit in units:
        units_of.setdefault(unit.supplier_id, []).append(unit)

    representatives = []
    roles = (RepresentativeRole.CEO, RepresentativeRole.CHAIR, RepresentativeRole.MANAGER)
    for supplier in suppliers:
        for j in range(size.representatives_per_supplier):
            representatives.append(
                Representative(
                    supplier=supplier,
                    name=f"{rng.choice(_GIVEN)} {rng.choice(_FAMILY)}",
                    role=roles[j % len(roles)],
                    valid_from=_day(rng, datetime.date(2015, 1, 1), datetime.date(2024, 1, 1)),
                )
            )
    representatives = _bulk(Representative, representatives, log)
    reps_of: dict[int, list[Representative]] = {}
    for rep in representatives:
        reps_of.setdefault(rep.supplier_id, []).append(rep)

    contracts = []
    per_agreement = size.contracts // size.agreements
    for agreement in agreements:
        for rank, supplier in enumerate(rng.sample(suppliers, per_agreement), start=1):
            ended = rng.random() < 0.1
            contracts.append(
                Contract(
                    agreement=agreement,
                    supplier=supplier,
                    rank=rank,
                    start_date=agreement.start_date,
                    status=rng.choice((ContractStatus.TERMINATED, ContractStatus.RESCINDED))
                    if ended
                    else ContractStatus.ACTIVE,
                    ended_on=_day(rng, datetime.date(2024, 1, 1), ANCHOR) if ended else None,
                    end_reason=rng.choice(ContractEndReason.values) if ended else "",
                    decision_reference=f"SYN-2025-{len(contracts):05d}" if ended else "",
                )
            )
    contracts = _bulk(Contract, contracts, log)
    contracts_of: dict[int, list[Contract]] = {}
    through = Contract.units.through
    links = []
    for contract in contracts:
        contracts_of.setdefault(contract.supplier_id, []).append(contract)
        for unit in units_of[contract.supplier_id]:
            links.append(through(contract_id=contract.pk, unit_id=unit.pk))
    _bulk(through, links, log)

    checks = []
    kinds = (
        CheckKind.IVO,
        CheckKind.CREDIT,
        CheckKind.CRIMINAL_RECORD,
        CheckKind.TAX,
        CheckKind.OTHER,
    )
    first_check = ANCHOR - datetime.timedelta(days=730)
    for i in range(size.checks):
        supplier = suppliers[rng.randrange(len(suppliers))]
        kind = rng.choices(kinds, weights=(40, 25, 15, 15, 5))[0]
        result = rng.choices(CheckResult.values, weights=(85, 12, 3))[0]
        own_contracts = contracts_of.get(supplier.pk)
        check = Check(
            kind=kind,
            supplier=supplier,
            agreement_id=rng.choice(own_contracts).agreement_id if own_contracts else None,
            performed_on=_day(rng, first_check, ANCHOR),
            performed_by=strategists[i % len(strategists)],
            result=result,
            reference=f"SYN-K-{i:06d}",
        )
        if kind == CheckKind.IVO:
            check.unit = rng.choice(units_of[supplier.pk])
            check.ivo_permit_status = IvoPermitReading.GRANTED
            check.ivo_open_supervision = result != CheckResult.OK
            check.summary = "Placeringsstöd: inga pågående ärenden" if result == "ok" else ""
        elif kind == CheckKind.CREDIT:
            check.credit_rating = rng.choice(("AAA", "AA", "A", "B", "C"))
            check.payment_remarks = 0 if result == CheckResult.OK else rng.randrange(1, 5)
            check.tax_debt = Decimal(0 if result == CheckResult.OK else rng.randrange(1, 900_000))
        elif kind == CheckKind.CRIMINAL_RECORD:
            # Only the outcome and the registry reference, as for real ones.
            check.representative = rng.choice(reps_of[supplier.pk])
        elif kind == CheckKind.TAX:
            check.f_tax = check.vat_registered = check.employer_registered = result == "ok"
        else:
            check.summary = "Övrig kontroll"
        checks.append(check)
    _bulk(Check, checks, log)

    exclusions = []
    for i in range(size.exclusions):
        supplier = suppliers[rng.randrange(len(suppliers))]
        own_contracts = contracts_of.get(supplier.pk)
        start = _day(rng, ANCHOR - datetime.timedelta(days=1095), ANCHOR)
        lifted = rng.random() < 0.8
        exclusions.append(
            Exclusion(
                supplier=supplier,
                contract=rng.choice(own_contracts)
                if own_contracts and rng.random() < 0.7
                else None,
                reason=rng.choice(ExclusionReason.values),
                decided_by="Avdelningschef",
                decided_on=start,
                decision_reference=f"SYN-U-{i:06d}",
                start_date=start,
                review_date=start + datetime.timedelta(days=90),
                lifted_on=start + datetime.timedelta(days=rng.randrange(14, 200))
                if lifted
                else None,
                lift_reference=f"SYN-UL-{i:06d}" if lifted else "",
                lift_reason="remedied" if lifted else "",
                created_by=strategists[i % len(strategists)],
            )
        )
    _bulk(Exclusion, exclusions, log)

    purchases = []
    for contract in contracts:
        for m in range(size.purchase_months):
            purchases.append(
                Purchase(
                    supplier_id=contract.supplier_id,
                    agreement_id=contract.agreement_id,
                    month=datetime.date(2025, 1 + m * (12 // size.purchase_months), 1),
                    amount=Decimal(rng.randrange(20_000, 2_000_000)),
                    placements=rng.randrange(1, 6),
                )
            )
    _bulk(Purchase, purchases, log)
    return {"strategist": strategists[0], "coordinator": coordinator}
