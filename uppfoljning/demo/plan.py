"""The demo as plain data: a deterministic plan built from `content`, applied by `loader`.

Everything the documents do not give (fictional suppliers, monthly purchases, dates of
single events) is drawn from seeded random generators, so every run builds the same plan
and the loader can key each row on its natural key. Only the "live" part (checks and
exclusions in the fictional successor agreements) is placed relative to the load date,
so the call-off status shows a realistic mix whenever the demo is loaded.
"""

import datetime
import itertools
import random

from . import content as c
from .generators import (
    CRIMINAL_RECORD_ROUNDS_2024,
    DELEGATE_ADULTS,
    DELEGATE_CHILDREN,
    NOT_PERMIT,
    TOWNS,
    UNIT_SUFFIX,
    Names,
    Refs,
    months,
    org_number,
    spread,
)
from .plan_checks import checks_2024, live_part
from .records import (
    CheckPlan,
    ContractEndPlan,
    ContractPlan,
    ExclusionPlan,
    Plan,
    PurchasePlan,
    RepresentativePlan,
    SupplierPlan,
    UnitPlan,
)

D = datetime.date


# ---------------------------------------------------------------------------------------
# The plan


def build_plan(today: datetime.date) -> Plan:
    rng = random.Random(2024)
    names = Names(random.Random(4))
    refs = Refs()
    by_key = {a.key: a for a in c.AGREEMENTS}
    suppliers: dict[str, SupplierPlan] = {}
    members: dict[str, list[tuple[str, list[str]]]] = {a.key: [] for a in c.AGREEMENTS}
    serial = itertools.count(1)

    # The named suppliers of 004.
    for ns in c.NAMED_SUPPLIERS:
        prefix = "7696" if ns.org_form == "ek" else "5566"
        sp = SupplierPlan(
            key=ns.key,
            name=ns.name,
            org_number=org_number(prefix, 41000 + next(serial)),
            city=ns.place,
            notes=c.NAMED_NOTE + (f" Inriktning: {ns.orientation}." if ns.orientation else ""),
            named=True,
        )
        sp.units.append(
            UnitPlan(ns.unit, ns.place, ivo_permit_reference=f"IVO 8.1-{rng.randrange(1000, 9999)}")
        )
        for unit_name, place in ns.extra_units:
            sp.units.append(
                UnitPlan(
                    unit_name, place, ivo_permit_reference=f"IVO 8.1-{rng.randrange(1000, 9999)}"
                )
            )
        if ns.closed_on:
            sp.units[0].closed_on = ns.closed_on
        sp.representatives = [
            RepresentativePlan(names.person(), "ceo", D(2019, 1, 1)),
            RepresentativePlan(names.person(), "manager", D(2020, 8, 1)),
        ]
        suppliers[sp.key] = sp
        members[ns.agreement].append((sp.key, [u.name for u in sp.units]))

    # Fictional suppliers, so that each agreement has a realistic number of contracts.
    showcase = dict(c.SHOWCASE)

    def fictional(kind: str) -> SupplierPlan:
        n = next(serial)
        if kind == "skyddat" and n % 4 == 0:
            number = org_number("8024", 60000 + n)  # a foundation or non-profit
        else:
            number = org_number("5569", 70000 + n)
        # The generated name is drawn all the same, so that the rest of the plan stays put.
        name = names.supplier(kind)
        name = showcase.pop(kind, name)
        town = rng.choice(TOWNS)
        sp = SupplierPlan(
            key=f"f{n:03d}",
            name=name,
            org_number=number,
            city=town,
            notes=c.FICTIONAL_NOTE,
            representatives=[RepresentativePlan(names.person(), "ceo", D(2018, 1, 1))],
        )
        suppliers[sp.key] = sp
        return sp

    def add_unit(sp: SupplierPlan, kind: str) -> str:
        base = sp.name.replace(" (fiktiv)", "").removesuffix(" AB").removeprefix("Stiftelsen ")
        unit = UnitPlan(
            f"{base}{UNIT_SUFFIX[kind]}",
            sp.city,
            ivo_permit_status="not_required" if kind in NOT_PERMIT else "valid",
            ivo_permit_reference=""
            if kind in NOT_PERMIT
            else f"IVO 8.1-{rng.randrange(10000, 99999)}",
        )
        sp.units.append(unit)
        return unit.name

    shared_with = {"stod_ungdom": ("hvb_barn", 12), "stod_vuxna": ("hvb_vuxna", 8)}
    for spec in c.AGREEMENTS:
        have = len(members[spec.key])
        pool = []
        if spec.key in shared_with:
            other, count = shared_with[spec.key]
            candidates = [k for k, _ in members[other] if not suppliers[k].named]
            pool = rng.sample(candidates, count)
        for _ in range(spec.contract_count - have):
            sp = suppliers[pool.pop()] if pool else fictional(spec.key)
            members[spec.key].append((sp.key, [add_unit(sp, spec.key)]))

    # Contracts in the seven agreements: ranks shuffled, named ones placed realistically.
    contracts: list[ContractPlan] = []
    for spec in c.AGREEMENTS:
        order = list(members[spec.key])
        rng.shuffle(order)
        for rank, (key, units) in enumerate(order, start=1):
            contracts.append(ContractPlan(spec.reference, key, units, rank, spec.start_date))

    def fictional_members(key: str) -> list[str]:
        return [k for k, _ in members[key] if not suppliers[k].named]

    # 2024: terminations and rescissions (004, "Händelsestyrd uppföljning").
    ends: list[ContractEndPlan] = []
    ended: dict[str, dict[str, ContractEndPlan]] = {a.key: {} for a in c.AGREEMENTS}
    end_notes = {
        "wound_down": "Leverantören har avvecklat verksamheten.",
        "permit_lost": "IVO har återkallat tillståndet att bedriva verksamheten.",
        "economy": "Leverantören har hamnat på ekonomiskt obestånd.",
        "no_permit_application": (
            "Leverantören har inte ansökt om tillstånd hos IVO att driva skyddat boende, "
            "som blev tillståndspliktig verksamhet under 2024."
        ),
        "breach": "Väsentligt avtalsbrott: leverantören har inte åtgärdat påtalade brister.",
    }
    end_dates = {
        "hvb_barn": [D(2024, 11, 17), D(2024, 3, 28), D(2024, 6, 19), D(2024, 9, 25),
                     D(2024, 5, 22)],
        "stod_vuxna": [D(2024, 8, 31)],
        "skyddat": [D(2024, 4, 30), D(2024, 10, 23), D(2024, 10, 23), D(2024, 10, 23),
                    D(2024, 10, 23), D(2024, 10, 23), D(2024, 11, 20)],
    }  # fmt: skip
    for key, items in c.TERMINATIONS_2024.items():
        spec = by_key[key]
        chosen = rng.sample(fictional_members(key), len(items))
        if key == "hvb_barn":
            chosen[0] = "vibor_glantan"
        for (status, reason), sup, day in zip(items, chosen, end_dates[key], strict=True):
            note = end_notes[reason]
            if sup == "vibor_glantan":
                note = (
                    "Verksamheten lades ner den 17 november 2024, enligt leverantören av "
                    "ekonomiska skäl."
                )
            if key == "skyddat" and reason == "economy":
                note = (
                    "Uppsagt i förtid i överenskommelse mellan socialnämnden och leverantören "
                    "på grund av svag ekonomisk ställning."
                )
            if reason == "permit_lost":
                for u in suppliers[sup].units:
                    if u.name in dict(members[key])[sup]:
                        u.ivo_permit_status = "revoked"
            if reason == "no_permit_application":
                for u in suppliers[sup].units:
                    if u.name in dict(members[key])[sup]:
                        u.ivo_permit_status = "missing"
            end = ContractEndPlan(
                spec.reference,
                sup,
                status,
                day,
                reason,
                refs(2024),
                note + " Beslut i socialnämnden enligt delegationsordningen.",
            )
            ends.append(end)
            ended[key][sup] = end

    # 2024: temporary exclusions (avropspaus), per agreement and reason.
    exclusions: list[ExclusionPlan] = []
    excluded_2024: dict[str, list[tuple[str, ExclusionPlan]]] = {}
    descriptions = {
        "ivo_supervision": (
            "Ärende hos IVO med beslut om återrapportering av åtgärder efter tillsyn. "
            "Uteslutning i avvaktan på att leverantören åtgärdat bristerna."
        ),
        "weak_economy": (
            "Anmärkning i kreditupplysningen: skatteskulder och brister i "
            "betalningsförmågan. Uteslutning i avvaktan på utredning om avtalet ska sägas upp."
        ),
        "dormant": "Verksamheten är tillfälligt vilande.",
        # Coordinators read this (and the follow-up's focus, which repeats it): it never
        # names the criminal-record check behind it (issue 13 §2).
        "investigation": (
            "Uppgifter i media om en företrädare för leverantören. Uteslutning i avvaktan "
            "på händelsestyrd uppföljning."
        ),
    }
    for key, counts in c.EXCLUSIONS_2024.items():
        spec = by_key[key]
        delegate = DELEGATE_CHILDREN if spec.target_group == "children" else DELEGATE_ADULTS
        # Terminated suppliers were excluded first: permit lost after an IVO case,
        # insolvency after a weak-economy pause.
        candidates = [k for k in fictional_members(key) if k not in ended[key]]
        rng.shuffle(candidates)
        lead = {"ivo_supervision": [], "weak_economy": []}
        for sup, end in ended[key].items():
            if end.reason == "permit_lost":
                lead["ivo_supervision"].append(sup)
            elif end.reason == "economy" and key == "hvb_barn":
                lead["weak_economy"].append(sup)
        last_day = min(spec.option_end_date, D(2024, 12, 31))
        for reason, count in counts.items():
            picks = lead.get(reason, [])[:count]
            while len(picks) < count:
                picks.append(candidates.pop())
            for i, sup in enumerate(picks):
                if sup in ended[key]:
                    start = ended[key][sup].ended_on - datetime.timedelta(days=rng.randint(40, 70))
                elif reason == "investigation":
                    start = CRIMINAL_RECORD_ROUNDS_2024[i % 2] + datetime.timedelta(days=7)
                elif key == "hvb_vuxna":
                    start = D(2024, 1, 8) + datetime.timedelta(days=rng.randint(0, 70))
                else:
                    start = D(2024, 1, 15) + datetime.timedelta(days=rng.randint(0, 300))
                start = min(start, last_day - datetime.timedelta(days=10))
                ref = refs(2024)
                ex = ExclusionPlan(
                    supplier=sup,
                    agreement=spec.reference,
                    reason=reason,
                    description=descriptions[reason],
                    decided_by=delegate,
                    decided_on=start,
                    decision_reference=ref,
                    start_date=start,
                    review_date=start + datetime.timedelta(days=60),
                )
                end = ended[key].get(sup)
                lift = start + datetime.timedelta(days=rng.randint(35, 160))
                if end is not None:
                    ex.lifted_on = end.ended_on
                    ex.lift_reference = end.decision_reference
                    ex.lift_note = "Avtalet har sagts upp."
                    ex.lift_reason = "contract_ended"
                elif lift <= spec.option_end_date:
                    ex.lifted_on = lift
                    ex.lift_reference = refs(lift.year)
                    ex.lift_note = "Leverantören har åtgärdat bristerna; avrop får åter göras."
                else:
                    # Still paused when the agreement ran out: lifted as it expired.
                    ex.lifted_on = spec.option_end_date + datetime.timedelta(days=1)
                    ex.lift_reference = spec.reference
                    ex.lift_note = "Ramavtalet har löpt ut."
                    ex.lift_reason = "contract_ended"
                exclusions.append(ex)
                excluded_2024.setdefault(key, []).append((sup, ex))

    # Purchases per month 2023-01 .. 2024-12 (004's selection tables come out exactly).
    purchases: list[PurchasePlan] = []
    contract_units = {(cp.agreement, cp.supplier): cp.units for cp in contracts}
    window = months(c.SELECTION_START, c.SELECTION_END)

    def add_series(spec, sup, rows):
        unit = contract_units[(spec.reference, sup)][0]
        for month, amount, placements in rows:
            if amount > 0:
                purchases.append(PurchasePlan(sup, unit, spec.reference, month, amount, placements))

    def later_months(spec, sup):
        last = min(c.PURCHASES_TO, spec.option_end_date)
        end = ended[spec.key].get(sup)
        if end is not None:
            last = min(last, end.ended_on)
        return months(D(2024, 5, 1), last) if last >= D(2024, 5, 1) else []

    for ns in c.NAMED_SUPPLIERS:
        spec = by_key[ns.agreement]
        add_series(spec, ns.key, spread(rng, int(ns.window_amount), window, ns.window_placements))
        later = later_months(spec, ns.key)
        if later:
            monthly = int(ns.window_amount) / len(window)
            total = round(monthly * len(later) * rng.uniform(0.85, 1.15))
            add_series(spec, ns.key, spread(rng, total, later, round(ns.window_placements / 3)))

    # How many fictional suppliers the board bought from, and the caps that keep 004's
    # named suppliers on top of the selection lists.
    usage = {
        "hvb_barn": (55, 850_000, 3),
        "stod_ungdom": (20, 750_000, 3),
        "konsulent": (18, 1_800_000, 6),
        "spel": (4, 600_000, 8),
        "hvb_vuxna": (22, 1_500_000, 4),
        "skyddat": (14, 900_000, 4),
        "stod_vuxna": (12, 700_000, 4),
    }
    for spec in c.AGREEMENTS:
        used, cap, max_placements = usage[spec.key]
        first = max(c.PURCHASES_FROM, spec.start_date.replace(day=1))
        for sup in rng.sample(fictional_members(spec.key), used):
            last = min(c.PURCHASES_TO, spec.option_end_date)
            end = ended[spec.key].get(sup)
            if end is not None:
                last = min(last, end.ended_on)
            span_all = months(first, last)
            length = rng.randint(min(3, len(span_all)), len(span_all))
            begin = rng.randint(0, len(span_all) - length)
            span = span_all[begin : begin + length]
            in_window = [m for m in span if m <= c.SELECTION_END]
            per_month = rng.uniform(0.1, 1.0) * cap / max(len(window), 1)
            if in_window:
                total = min(round(per_month * len(in_window)), cap - 1)
                add_series(
                    spec,
                    sup,
                    spread(rng, total, in_window, rng.randint(1, max_placements)),
                )
            after = [m for m in span if m > c.SELECTION_END]
            if after:
                total = round(per_month * len(after))
                add_series(spec, sup, spread(rng, total, after, rng.randint(0, 2)))

    checks: list[CheckPlan] = []
    checks_2024(checks, rng, by_key, suppliers, contracts, ended, excluded_2024)

    # Fictional successors (live today) with the suppliers whose contracts ran to the end.
    agreements = list(c.AGREEMENTS)
    for pred_key, ref, start, end_date, option_end in c.SUCCESSORS:
        pred = by_key[pred_key]
        succ = c.AgreementSpec(
            key=f"{pred_key}_next",
            name=c.successor_name(pred.name, start),
            reference=ref,
            target_group=pred.target_group,
            requires_ivo_permit=pred.requires_ivo_permit,
            start_date=start,
            end_date=end_date,
            option_end_date=option_end,
            description=f"{c.SUCCESSOR_NOTE} Föregående avtal: {pred.name} ({pred.reference}).",
            successor_of=pred.reference,
        )
        agreements.append(succ)
        stay = [
            (k, units)
            for k, units in members[pred_key]
            if k not in ended[pred_key] and all(not suppliers[k].unit(u).closed_on for u in units)
        ]
        rng.shuffle(stay)
        for rank, (key, units) in enumerate(stay, start=1):
            contracts.append(ContractPlan(succ.reference, key, units, rank, start))
        members[succ.key] = stay
        by_key[succ.key] = succ

    # Predecessors whose period is over by the load date: their contracts expired.
    for spec in c.AGREEMENTS:
        if spec.option_end_date < today:
            for key, _units in members[spec.key]:
                if key in ended[spec.key]:
                    continue
                ends.append(
                    ContractEndPlan(
                        spec.reference,
                        key,
                        "expired",
                        spec.option_end_date + datetime.timedelta(days=1),
                        "period_ended",
                        spec.reference,
                        "Ramavtalets period inklusive option har löpt ut.",
                    )
                )

    live_part(today, rng, refs, by_key, suppliers, members, contracts, exclusions, checks)

    return Plan(
        agreements=agreements,
        suppliers=suppliers,
        contracts=contracts,
        contract_ends=ends,
        exclusions=exclusions,
        purchases=purchases,
        checks=checks,
    )
