"""Apply the demo plan to the database: idempotent, in one transaction.

Every row is looked up by its natural key (username, agreement reference, organisation
number, unit and representative name within the supplier, agreement × supplier for a
contract, decision reference for an exclusion, supplier × unit × agreement × month for a
purchase) and only created when missing, so a second run changes nothing. Register rows
and decisions go through the register's services (board/agreement/contract create,
contract_end, exclusion_start, exclusion_lift …), so the demo's history looks like the
history users make; the hundreds of generated suppliers, units, representatives and
purchases go through its bulk service, which validates each row but inserts them at once.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone, translation
from simple_history.utils import bulk_create_with_history

from followups.calloff.selectors import call_off_status
from followups.calloff.services import placement_check_log
from followups.models import Check
from suppliers import services
from suppliers.models import (
    Board,
    Contract,
    ContractStatus,
    Exclusion,
    FrameworkAgreement,
    PlacementCheck,
    Purchase,
    Representative,
    Supplier,
    Unit,
)

from . import content
from .followups2024 import load_year_2024
from .plan import build_plan
from .records import Plan

CHANGE_REASON = "Demodata"


@dataclass(frozen=True)
class DemoPasswords:
    """New passwords for the demo users, where the published one must not be used."""

    admin: str  # the superuser
    users: str  # the four role users

    def for_role(self, role: str | None) -> str:
        return self.admin if role is None else self.users


@dataclass
class DemoResult:
    created: Counter = field(default_factory=Counter)
    users_created: list[str] = field(default_factory=list)
    # Users that had the published password and were given the new one.
    passwords_replaced: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(self.created.values())


@transaction.atomic
def load_demo(
    *, today: datetime.date | None = None, passwords: DemoPasswords | None = None
) -> DemoResult:
    """Load (or complete) the demo; returns what was created.

    Without `passwords` the users get the published demo password; with them (production),
    new users get those, and users that still have the published password are given them."""
    today = today or timezone.localdate()
    plan = build_plan(today)
    result = DemoResult()
    strategist = _users(result, passwords)
    board = _board(result, strategist)
    agreements = _agreements(result, plan, board, strategist)
    suppliers, units, reps = _suppliers(result, plan, strategist)
    contracts = _contracts(result, plan, agreements, suppliers, units, strategist)
    _contract_ends(result, plan, contracts, strategist)
    _exclusions(result, plan, contracts, suppliers, strategist)
    _purchases(result, plan, agreements, suppliers, units, strategist)
    _checks(result, plan, agreements, suppliers, units, reps, strategist)
    # Texts the follow-up services write (history reasons, titles) are Swedish, as in use.
    with translation.override("sv"):
        load_year_2024(today=today, created=result.created)
        _placement_checks(result, today)
    return result


def _placement_checks(result, today):
    """A few call-off checks the coordinator logged today in the live HVB agreement."""
    User = get_user_model()
    coordinator = User.objects.get(username="samordnare")
    reference = content.SUCCESSORS[0][1]
    agreement = FrameworkAgreement.objects.filter(reference=reference).first()
    if agreement is None or not agreement.is_in_period(today):
        return
    if PlacementCheck.objects.filter(performed_by=coordinator, agreement=agreement).exists():
        return
    wanted = {"clear": 3, "caution": 2, "blocked": 1}
    contracts = agreement.contracts.filter(status=ContractStatus.ACTIVE).order_by("rank")
    for contract in contracts.prefetch_related("units"):
        unit = contract.units.first()
        status = call_off_status(unit=unit, agreement=agreement, on=today)[0]
        if not wanted.get(status.level):
            continue
        wanted[status.level] -= 1
        readings = {r.code for r in status.reasons}
        if unit.ivo_permit_status != "valid" or "ivo_check_serious" in readings:
            reading = "no_permit"
        elif "ivo_open_supervision" in readings or "ivo_check_remark" in readings:
            reading = "supervision"
        else:
            reading = "permit_ok"
        placement_check_log(
            user=coordinator,
            agreement=agreement,
            unit=unit,
            on=today,
            placement_support_consulted=True,
            placement_support_reading=reading,
        )
        result.created["placement_check"] += 1
        if not any(wanted.values()):
            break


def _users(result: DemoResult, passwords: DemoPasswords | None):
    User = get_user_model()
    strategist = None
    for username, first, last, role in content.DEMO_USERS:
        password = passwords.for_role(role) if passwords else content.DEMO_PASSWORD
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, first_name=first, last_name=last)
            user.email = f"{username}@example.se"
            if role is None:
                user.is_superuser = user.is_staff = True
            user.set_password(password)
            user.save()
            if role:
                user.groups.add(Group.objects.get(name=role))
            result.created["user"] += 1
            result.users_created.append(username)
        elif passwords and user.check_password(content.DEMO_PASSWORD):
            # Loaded before with the published password, which anyone can read.
            user.set_password(password)
            user.save(update_fields=["password"])
            result.created["new_password"] += 1
            result.passwords_replaced.append(username)
        if role == "strategist":
            strategist = user
    return strategist


def _board(result, user) -> Board:
    board = Board.objects.filter(municipality=content.MUNICIPALITY, name=content.BOARD_NAME).first()
    if board is None:
        board = services.board_create(
            name=content.BOARD_NAME,
            municipality=content.MUNICIPALITY,
            report_period_start_month=1,
            user=user,
            reason=CHANGE_REASON,
        )
        result.created["board"] += 1
    return board


def _agreements(result, plan: Plan, board, user) -> dict[str, FrameworkAgreement]:
    existing = {
        a.reference: a
        for a in FrameworkAgreement.objects.filter(
            reference__in=[s.reference for s in plan.agreements]
        )
    }
    for spec in plan.agreements:
        if spec.reference in existing:
            continue
        existing[spec.reference] = services.agreement_create(
            board=board,
            name=spec.name,
            reference=spec.reference,
            procurement_type=spec.procurement_type,
            target_group=spec.target_group,
            requires_ivo_permit=spec.requires_ivo_permit,
            start_date=spec.start_date,
            end_date=spec.end_date,
            option_end_date=spec.option_end_date,
            owner=user,
            description=spec.description,
            predecessor=existing.get(spec.successor_of),
            user=user,
            reason=CHANGE_REASON,
        )
        result.created["agreement"] += 1
    # A demo loaded before agreements knew their predecessor gets the link now.
    for spec in plan.agreements:
        agreement, predecessor = existing[spec.reference], existing.get(spec.successor_of)
        if predecessor is not None and agreement.predecessor_id != predecessor.pk:
            services.agreement_update(
                agreement=agreement, predecessor=predecessor, user=user, reason=CHANGE_REASON
            )
            result.created["agreement_predecessor"] += 1
    return existing


def _suppliers(result, plan: Plan, user):
    """Suppliers, units and representatives: generated rows, inserted in bulk with history
    through the register's service (which validates each row; uniqueness is the database's).
    """
    by_number = {
        s.org_number: s
        for s in Supplier.objects.filter(
            org_number__in=[p.org_number for p in plan.suppliers.values()]
        )
    }
    new = []
    for sp in plan.suppliers.values():
        if sp.org_number not in by_number:
            new.append(
                Supplier(name=sp.name, org_number=sp.org_number, city=sp.city, notes=sp.notes)
            )
    for supplier in services.rows_bulk_create(new, user=user, reason=CHANGE_REASON):
        by_number[supplier.org_number] = supplier
    result.created["supplier"] += len(new)
    suppliers = {key: by_number[sp.org_number] for key, sp in plan.suppliers.items()}

    ids = [s.pk for s in suppliers.values()]
    unit_map = {(u.supplier_id, u.name): u for u in Unit.objects.filter(supplier_id__in=ids)}
    rep_map = {
        (r.supplier_id, r.name): r for r in Representative.objects.filter(supplier_id__in=ids)
    }
    new_units, new_reps = [], []
    for key, sp in plan.suppliers.items():
        supplier = suppliers[key]
        for up in sp.units:
            if (supplier.pk, up.name) not in unit_map:
                new_units.append(
                    Unit(
                        supplier=supplier,
                        name=up.name,
                        place=up.place,
                        ivo_permit_reference=up.ivo_permit_reference,
                        ivo_permit_status=up.ivo_permit_status,
                        closed_on=up.closed_on,
                    )
                )
        for rp in sp.representatives:
            if (supplier.pk, rp.name) not in rep_map:
                new_reps.append(
                    Representative(
                        supplier=supplier, name=rp.name, role=rp.role, valid_from=rp.valid_from
                    )
                )
    for unit in services.rows_bulk_create(new_units, user=user, reason=CHANGE_REASON):
        unit_map[(unit.supplier_id, unit.name)] = unit
    for rep in services.rows_bulk_create(new_reps, user=user, reason=CHANGE_REASON):
        rep_map[(rep.supplier_id, rep.name)] = rep
    result.created["unit"] += len(new_units)
    result.created["representative"] += len(new_reps)
    units = {
        (key, up.name): unit_map[(suppliers[key].pk, up.name)]
        for key, sp in plan.suppliers.items()
        for up in sp.units
    }
    reps = {
        (key, rp.name): rep_map[(suppliers[key].pk, rp.name)]
        for key, sp in plan.suppliers.items()
        for rp in sp.representatives
    }
    return suppliers, units, reps


def _bulk(objs, model, user):
    """Insert generated checks in bulk, each with its history row (simple_history's helper)."""
    if not objs:
        return []
    return bulk_create_with_history(
        objs, model, batch_size=500, default_user=user, default_change_reason=CHANGE_REASON
    )


def _contracts(result, plan: Plan, agreements, suppliers, units, user):
    existing = {
        (c.agreement_id, c.supplier_id): c
        for c in Contract.objects.filter(agreement__in=agreements.values())
    }
    contracts: dict[tuple[str, str], Contract] = {}
    for cp in plan.contracts:
        agreement = agreements[cp.agreement]
        supplier = suppliers[cp.supplier]
        contract = existing.get((agreement.pk, supplier.pk))
        if contract is None:
            contract = services.contract_create(
                agreement=agreement,
                supplier=supplier,
                units=[units[(cp.supplier, name)] for name in cp.units],
                rank=cp.rank,
                start_date=cp.start_date,
                user=user,
                reason=CHANGE_REASON,
            )
            result.created["contract"] += 1
        contracts[(cp.agreement, cp.supplier)] = contract
    return contracts


def _contract_ends(result, plan: Plan, contracts, user):
    for ep in plan.contract_ends:
        contract = contracts[(ep.agreement, ep.supplier)]
        if contract.status != ContractStatus.ACTIVE:
            continue
        services.contract_end(
            contract=contract,
            status=ep.status,
            ended_on=ep.ended_on,
            reason=ep.reason,
            decision_reference=ep.decision_reference,
            note=ep.note,
            user=user,
        )
        result.created[f"contract_{ep.status}"] += 1


def _exclusions(result, plan: Plan, contracts, suppliers, user):
    existing = set(
        Exclusion.objects.filter(supplier__in=suppliers.values()).values_list(
            "supplier_id", "contract_id", "decision_reference"
        )
    )
    for xp in plan.exclusions:
        supplier = suppliers[xp.supplier]
        contract = contracts[(xp.agreement, xp.supplier)] if xp.agreement else None
        key = (supplier.pk, contract.pk if contract else None, xp.decision_reference)
        if key in existing:
            continue
        exclusion = services.exclusion_start(
            supplier=supplier,
            contract=contract,
            reason=xp.reason,
            decided_by=xp.decided_by,
            decided_on=xp.decided_on,
            decision_reference=xp.decision_reference,
            start_date=xp.start_date,
            review_date=xp.review_date,
            description=xp.description,
            user=user,
        )
        result.created["exclusion"] += 1
        if xp.lifted_on:
            services.exclusion_lift(
                exclusion=exclusion,
                lifted_on=xp.lifted_on,
                lift_reason=xp.lift_reason,
                lift_reference=xp.lift_reference,
                lift_note=xp.lift_note,
                user=user,
            )


def _purchases(result, plan: Plan, agreements, suppliers, units, user):
    existing = set(
        Purchase.objects.filter(agreement__in=agreements.values()).values_list(
            "supplier_id", "unit_id", "agreement_id", "month"
        )
    )
    new = []
    for pp in plan.purchases:
        supplier = suppliers[pp.supplier]
        unit = units[(pp.supplier, pp.unit)]
        agreement = agreements[pp.agreement]
        if (supplier.pk, unit.pk, agreement.pk, pp.month) in existing:
            continue
        new.append(
            Purchase(
                supplier=supplier,
                unit=unit,
                agreement=agreement,
                month=pp.month,
                amount=pp.amount,
                placements=pp.placements,
            )
        )
    services.rows_bulk_create(new, user=user, reason=CHANGE_REASON)  # imported data
    result.created["purchase"] += len(new)


def _checks(result, plan: Plan, agreements, suppliers, units, reps, user):
    fields = {f.name for f in Check._meta.get_fields()}
    existing = set(
        Check.objects.filter(supplier__in=suppliers.values()).values_list(
            "kind", "supplier_id", "unit_id", "representative_id", "agreement_id", "reference"
        )
    )
    new = []
    for cp in plan.checks:
        supplier = suppliers[cp.supplier]
        unit = units[(cp.supplier, cp.unit)] if cp.unit else None
        rep = reps[(cp.supplier, cp.representative)] if cp.representative else None
        agreement = agreements[cp.agreement] if cp.agreement else None
        key = (
            cp.kind,
            supplier.pk,
            unit.pk if unit else None,
            rep.pk if rep else None,
            agreement.pk if agreement else None,
            cp.reference,
        )
        if key in existing:
            continue
        existing.add(key)
        # Structured results (permit status, credit rating …) where the model has them.
        extra = {k: v for k, v in cp.extra.items() if k in fields}
        new.append(
            Check(
                kind=cp.kind,
                supplier=supplier,
                unit=unit,
                representative=rep,
                agreement=agreement,
                performed_on=cp.performed_on,
                performed_by=user,
                result=cp.result,
                summary=cp.summary,
                reference=cp.reference,
                **extra,
            )
        )
    _bulk(new, Check, user)
    result.created["check"] += len(new)
