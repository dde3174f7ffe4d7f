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
from dataclasses import dataclass, field
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from stdnum import luhn
from stdnum.se import orgnr

from . import content as c

D = datetime.date


@dataclass
class UnitPlan:
    name: str
    place: str
    ivo_permit_status: str = "valid"
    ivo_permit_reference: str = ""
    closed_on: datetime.date | None = None


@dataclass
class RepresentativePlan:
    name: str
    role: str
    valid_from: datetime.date | None = None


@dataclass
class SupplierPlan:
    key: str
    name: str
    org_number: str
    city: str
    notes: str
    units: list[UnitPlan] = field(default_factory=list)
    representatives: list[RepresentativePlan] = field(default_factory=list)
    named: bool = False

    def unit(self, name: str) -> UnitPlan:
        return next(u for u in self.units if u.name == name)


@dataclass
class ContractPlan:
    agreement: str  # agreement reference
    supplier: str  # supplier key
    units: list[str]
    rank: int
    start_date: datetime.date


@dataclass
class ContractEndPlan:
    agreement: str
    supplier: str
    status: str
    ended_on: datetime.date
    reason: str
    decision_reference: str
    note: str


@dataclass
class ExclusionPlan:
    supplier: str
    agreement: str | None  # None: all of the supplier's contracts
    reason: str
    description: str
    decided_by: str
    decided_on: datetime.date
    decision_reference: str
    start_date: datetime.date
    review_date: datetime.date | None
    lifted_on: datetime.date | None = None
    lift_reference: str = ""
    lift_note: str = ""


@dataclass
class PurchasePlan:
    supplier: str
    unit: str
    agreement: str
    month: datetime.date
    amount: Decimal
    placements: int


@dataclass
class CheckPlan:
    kind: str
    supplier: str
    performed_on: datetime.date
    result: str
    reference: str
    unit: str = ""
    representative: str = ""
    agreement: str = ""
    summary: str = ""
    extra: dict = field(default_factory=dict)


@dataclass
class Plan:
    agreements: list[c.AgreementSpec]
    suppliers: dict[str, SupplierPlan]
    contracts: list[ContractPlan]
    contract_ends: list[ContractEndPlan]
    exclusions: list[ExclusionPlan]
    purchases: list[PurchasePlan]
    checks: list[CheckPlan]


# ---------------------------------------------------------------------------------------
# Fictional names and numbers


_PREFIXES = [
    "Björk", "Ek", "Lind", "Alm", "Ask", "Rönn", "Hassel", "Lönn", "Gran", "Tall", "Sälg",
    "Asp", "Bok", "Hägg", "Ljung", "Sol", "Sjö", "Vik", "Näs", "Ås", "Dal", "Berg", "Mo",
    "Strand", "Udd", "Holm", "Kärr", "Myr", "Ängs", "Sten", "Lugn", "Trygg", "Stjärn",
    "Vind", "Norr", "Söder", "Väster", "Öster", "Tjäder", "Orre", "Lo", "Räv", "Björn",
    "Hjort", "Svan", "Tran", "Lärk", "Fink", "Mås", "Ugglе", "Kung", "Silver", "Guld",
    "Klöver", "Vallmo", "Blåbärs", "Lingon", "Hallon", "Fjäll", "Forsa", "Källe", "Bäck",
]  # fmt: skip
_PREFIXES = [p.replace("Ugglе", "Uggle") for p in _PREFIXES]
_PLACES = [
    "gården", "ängen", "viken", "backen", "hagen", "lunden", "udden", "näset", "torpet",
    "berget", "dalen", "hemmet", "bo", "stugan", "kullen", "vreten",
]  # fmt: skip
_PATTERNS = {
    "hvb_barn": ["{P}{p}s HVB AB", "Behandlingshemmet {P}{p} AB", "{P}{p}s ungdomsvård AB"],
    "stod_ungdom": ["{P}{p}s stödboende AB", "{P} Stödboende AB", "{P}{p} Ungdomsboende AB"],
    "konsulent": ["{P} Familjehemsvård AB", "Konsulentstöd {P}{p} AB", "{P} Familjestöd AB"],
    "spel": ["{P} Spelberoendevård AB", "{P}{p}s öppenvård AB"],
    "hvb_vuxna": ["{P}{p}s behandlingshem AB", "{P} Missbruksvård AB", "{P}{p} Vård AB"],
    "skyddat": ["{P} Skyddat boende AB", "Stiftelsen {P}{p}", "{P}{p}s skyddade boende AB"],
    "stod_vuxna": ["{P} Boende och stöd AB", "{P}{p}s stödboende för vuxna AB"],
}
_FIRST = [
    "Anna", "Erik", "Maria", "Lars", "Karin", "Johan", "Eva", "Anders", "Sara", "Peter",
    "Lena", "Mikael", "Emma", "Fredrik", "Sofia", "Daniel", "Elin", "Jonas", "Ida", "Magnus",
    "Linnea", "Oskar", "Hanna", "Patrik", "Amira", "Ali", "Leila", "Nikola", "Maja", "Tobias",
]  # fmt: skip
_LAST = [
    "Lindqvist", "Berg", "Holm", "Sundberg", "Ekström", "Nyberg", "Åberg", "Falk", "Lund",
    "Wikström", "Forsberg", "Sjöberg", "Hedlund", "Strand", "Blom", "Engström", "Dahl",
    "Söderlund", "Hellström", "Norberg", "Karimi", "Haddad", "Petrović", "Virtanen",
]  # fmt: skip


def org_number(prefix: str, n: int) -> str:
    """A checksum-valid, fictional organisation number: prefix + serial + Luhn digit."""
    body = f"{prefix}{n:0{9 - len(prefix)}d}"
    return orgnr.format(body + luhn.calc_check_digit(body))


class _Names:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()
        self.people = [f"{f} {la}" for f, la in itertools.product(_FIRST, _LAST)]
        rng.shuffle(self.people)

    def supplier(self, kind: str) -> str:
        while True:
            pattern = self.rng.choice(_PATTERNS[kind])
            name = pattern.format(P=self.rng.choice(_PREFIXES), p=self.rng.choice(_PLACES))
            if name not in self.used:
                self.used.add(name)
                return f"{name} (fiktiv)"

    def person(self) -> str:
        return self.people.pop()


_TOWNS = [
    "Uppsala", "Enköping", "Knivsta", "Tierp", "Östhammar", "Heby", "Sala", "Västerås",
    "Gävle", "Norrtälje", "Sigtuna", "Märsta", "Stockholm", "Södertälje", "Eskilstuna",
    "Örebro", "Falun", "Borlänge", "Nyköping", "Strängnäs", "Köping", "Hudiksvall",
]  # fmt: skip
_UNIT_SUFFIX = {
    "hvb_barn": "",
    "stod_ungdom": " stödboende",
    "konsulent": " familjehemsvård",
    "spel": " öppenvård",
    "hvb_vuxna": "",
    "skyddat": " skyddat boende",
    "stod_vuxna": " stödboende vuxna",
}
_NOT_PERMIT = {"spel", "stod_vuxna"}


# ---------------------------------------------------------------------------------------
# Helpers


def months(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    out, m = [], first.replace(day=1)
    while m <= last:
        out.append(m)
        m += relativedelta(months=1)
    return out


def spread(
    rng: random.Random, total: int, span: list[datetime.date], placements: int
) -> list[tuple[datetime.date, Decimal, int]]:
    """Split an amount over months (whole kronor, exact sum) and placements as new starts."""
    weights = [rng.uniform(0.6, 1.4) for _ in span]
    scale = total / sum(weights)
    amounts = [round(w * scale) for w in weights]
    amounts[-1] += total - sum(amounts)
    starts = [0] * len(span)
    for _ in range(placements):
        starts[rng.randrange(len(span))] += 1
    return [(m, Decimal(a), p) for m, a, p in zip(span, amounts, starts, strict=True)]


class _Refs:
    """Invented diarienummer, one series per year, clear of the ones in the documents."""

    def __init__(self):
        self.next = {2024: 600, 2025: 300, 2026: 500}

    def __call__(self, year: int) -> str:
        n = self.next.setdefault(year, 500)
        self.next[year] = n + 1
        return f"SCN-{year}-{n:05d}"


DELEGATE_CHILDREN = "Avdelningschef, avdelning Barn och ungdom myndighet"
DELEGATE_ADULTS = "Avdelningschef, avdelning Vuxen"
IVO_REVIEWS_2024 = (D(2024, 3, 11), D(2024, 9, 9))
CRIMINAL_RECORD_ROUNDS_2024 = (D(2024, 5, 20), D(2024, 10, 14))


# ---------------------------------------------------------------------------------------
# The plan


def build_plan(today: datetime.date) -> Plan:
    rng = random.Random(2024)
    names = _Names(random.Random(4))
    refs = _Refs()
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
    def fictional(kind: str) -> SupplierPlan:
        n = next(serial)
        if kind == "skyddat" and n % 4 == 0:
            number = org_number("8024", 60000 + n)  # a foundation or non-profit
        else:
            number = org_number("5569", 70000 + n)
        name = names.supplier(kind)
        town = rng.choice(_TOWNS)
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
            f"{base}{_UNIT_SUFFIX[kind]}",
            sp.city,
            ivo_permit_status="not_required" if kind in _NOT_PERMIT else "valid",
            ivo_permit_reference=""
            if kind in _NOT_PERMIT
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
        "investigation": (
            "Uppgifter från kontroll av belastningsregister hos företrädare, i kombination "
            "med uppgifter i media. Uteslutning i avvaktan på händelsestyrd uppföljning."
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
                elif lift <= spec.option_end_date:
                    ex.lifted_on = lift
                    ex.lift_reference = refs(lift.year)
                    ex.lift_note = "Leverantören har åtgärdat bristerna; avrop får åter göras."
                else:
                    # Still paused when the agreement ran out: lifted as it expired.
                    ex.lifted_on = spec.option_end_date + datetime.timedelta(days=1)
                    ex.lift_reference = spec.reference
                    ex.lift_note = "Ramavtalet har löpt ut."
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
    _checks_2024(checks, rng, by_key, suppliers, contracts, ended, excluded_2024)

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

    _live(today, rng, refs, by_key, suppliers, members, contracts, exclusions, checks)

    return Plan(
        agreements=agreements,
        suppliers=suppliers,
        contracts=contracts,
        contract_ends=ends,
        exclusions=exclusions,
        purchases=purchases,
        checks=checks,
    )


def _checks_2024(checks, rng, by_key, suppliers, contracts, ended, excluded_2024):
    """IVO reviews twice a year, credit and criminal-record checks as 004 tells 2024."""
    for key in ("hvb_barn", "stod_ungdom"):
        spec = by_key[key]
        ivo_paused = {
            sup: ex for sup, ex in excluded_2024.get(key, []) if ex.reason == "ivo_supervision"
        }
        for cp in (x for x in contracts if x.agreement == spec.reference):
            end = ended[key].get(cp.supplier)
            for i, day in enumerate(IVO_REVIEWS_2024, start=1):
                if end is not None and end.ended_on <= day:
                    continue
                ex = ivo_paused.get(cp.supplier)
                in_case = ex is not None and ex.start_date <= day < (ex.lifted_on or day)
                for unit in cp.units:
                    checks.append(
                        CheckPlan(
                            kind="ivo",
                            supplier=cp.supplier,
                            unit=unit,
                            agreement=spec.reference,
                            performed_on=day,
                            result="remark" if in_case else "ok",
                            reference=f"Placeringsstöd, granskning 2024:{i}",
                            summary=(
                                "Pågående tillsynsärende med beslut om återrapportering."
                                if in_case
                                else "Tillstånd finns; inga pågående tillsynsärenden."
                            ),
                            extra={
                                "ivo_permit_status": "granted",
                                "ivo_open_supervision": in_case,
                            },
                        )
                    )
        # The IVO remark that started each pause (found at a call-off check).
        for sup, ex in ivo_paused.items():
            cp = next(x for x in contracts if x.agreement == spec.reference and x.supplier == sup)
            checks.append(
                CheckPlan(
                    kind="ivo",
                    supplier=sup,
                    unit=cp.units[0],
                    agreement=spec.reference,
                    performed_on=ex.start_date - datetime.timedelta(days=2),
                    result="remark",
                    reference="Placeringsstöd, avropskontroll",
                    summary="IVO har beslutat om återrapportering av åtgärder efter tillsyn.",
                    extra={"ivo_permit_status": "granted", "ivo_open_supervision": True},
                )
            )
    # Credit checks behind each weak-economy pause and economic termination.
    for key, items in excluded_2024.items():
        for sup, ex in items:
            if ex.reason == "weak_economy":
                checks.append(
                    CheckPlan(
                        kind="credit",
                        supplier=sup,
                        agreement=by_key[key].reference,
                        performed_on=ex.start_date - datetime.timedelta(days=3),
                        result="serious",
                        reference="Kreditupplysning, bevakning 2024",
                        summary="Skatteskulder och betalningsanmärkningar.",
                        extra={
                            "credit_rating": "Hög risk",
                            "payment_remarks": rng.randint(2, 6),
                            "tax_debt": Decimal(rng.randint(150, 900) * 1000),
                        },
                    )
                )
    for key, by_sup in ended.items():
        for sup, end in by_sup.items():
            if end.reason == "economy" and key == "skyddat":
                checks.append(
                    CheckPlan(
                        kind="credit",
                        supplier=sup,
                        agreement=by_key[key].reference,
                        performed_on=end.ended_on - datetime.timedelta(days=45),
                        result="serious",
                        reference="Kreditupplysning, bevakning 2024",
                        summary="Svag ekonomisk ställning; negativt eget kapital.",
                        extra={"credit_rating": "Hög risk", "payment_remarks": 3},
                    )
                )
    # Criminal-record checks of all HVB representatives, twice (after media reports).
    spec = by_key["hvb_barn"]
    flagged = {
        ex.start_date - datetime.timedelta(days=7): sup
        for sup, ex in excluded_2024.get("hvb_barn", [])
        if ex.reason == "investigation"
    }
    for i, day in enumerate(CRIMINAL_RECORD_ROUNDS_2024, start=1):
        for cp in (x for x in contracts if x.agreement == spec.reference):
            end = ended["hvb_barn"].get(cp.supplier)
            if end is not None and end.ended_on <= day:
                continue
            for rep in suppliers[cp.supplier].representatives:
                checks.append(
                    CheckPlan(
                        kind="criminal_record",
                        supplier=cp.supplier,
                        representative=rep.name,
                        agreement=spec.reference,
                        performed_on=day,
                        result="remark" if flagged.get(day) == cp.supplier else "ok",
                        reference=f"Belastningsregister, kontrollomgång 2024:{i}",
                    )
                )


def _live(today, rng, refs, by_key, suppliers, members, contracts, exclusions, checks):
    """Exclusions and checks in the successor agreements, placed relative to today."""

    def ago(days: int) -> datetime.date:
        return today - datetime.timedelta(days=days)

    live = [
        spec
        for key, spec in by_key.items()
        if key.endswith("_next") and spec.start_date <= today <= spec.option_end_date
    ]
    live.sort(key=lambda s: s.reference)
    live_refs = {s.reference for s in live}
    serious_unit_done = False
    for spec in live:
        pred_key = spec.key.removesuffix("_next")
        fictional = [(k, u) for k, u in members[spec.key] if not suppliers[k].named]
        # Exclusions in force today, one overdue for review, one lifted.
        scenarios = {
            "hvb_barn": [
                ("ivo_supervision", 40, 20, None),
                ("weak_economy", 75, -5, None),
                ("dormant", 120, 60, None),
                ("ivo_supervision", 150, -90, 30),
            ],
            "stod_ungdom": [("ivo_supervision", 12, 30, None)],
            "skyddat": [("investigation", 25, 10, None)],
            "hvb_vuxna": [("ivo_supervision", 200, -140, 80)],
        }.get(pred_key, [])
        picks = rng.sample(fictional, len(scenarios))
        for (reason, started, review_in, lifted_ago), (sup, _u) in zip(
            scenarios, picks, strict=True
        ):
            start = max(ago(started), spec.start_date)
            ex = ExclusionPlan(
                supplier=sup,
                agreement=spec.reference,
                reason=reason,
                description={
                    "ivo_supervision": "Pågående tillsynsärende hos IVO med krav på åtgärder.",
                    "weak_economy": "Betalningsanmärkningar och skatteskuld i kreditupplysningen.",
                    "dormant": "Verksamheten är tillfälligt vilande i väntan på ny föreståndare.",
                    "investigation": "Avvikelse inkommen till IVO; utredning pågår.",
                }[reason],
                decided_by=DELEGATE_CHILDREN
                if spec.target_group == "children"
                else DELEGATE_ADULTS,
                decided_on=start,
                decision_reference=refs(start.year),
                start_date=start,
                review_date=max(today + datetime.timedelta(days=review_in), start),
            )
            if lifted_ago is not None:
                ex.lifted_on = max(ago(lifted_ago), start)
                ex.lift_reference = refs(ex.lifted_on.year)
                ex.lift_note = "Leverantören har redovisat vidtagna åtgärder."
            exclusions.append(ex)
        # IVO checks of every unit: most current, some with remarks, some overdue or missing.
        if spec.requires_ivo_permit:
            for sup, units in members[spec.key]:
                for unit in units:
                    roll = rng.random()
                    if roll < 0.04:
                        continue  # never checked in this agreement: caution
                    if roll < 0.09:
                        day, result = ago(rng.randint(200, 260)), "ok"  # older than 6 months
                    elif roll < 0.15:
                        day, result = ago(rng.randint(5, 40)), "remark"
                    else:
                        day, result = ago(rng.randint(15, 70)), "ok"
                    if not serious_unit_done and not suppliers[sup].named and roll > 0.5:
                        # One unit whose permit IVO has revoked: blocked.
                        suppliers[sup].unit(unit).ivo_permit_status = "revoked"
                        day, result = ago(9), "serious"
                        serious_unit_done = True
                    checks.append(
                        CheckPlan(
                            kind="ivo",
                            supplier=sup,
                            unit=unit,
                            agreement=spec.reference
                            if day >= spec.start_date
                            else spec.successor_of,
                            performed_on=day,
                            result=result,
                            reference=f"Placeringsstöd, halvårsgranskning ({spec.reference})",
                            summary={
                                "ok": "Tillstånd finns; inga pågående tillsynsärenden.",
                                "remark": "Pågående tillsynsärende hos IVO.",
                                "serious": "IVO har återkallat tillståndet.",
                            }[result],
                            extra={
                                "ivo_permit_status": "revoked"
                                if result == "serious"
                                else "granted",
                                "ivo_open_supervision": result == "remark",
                            },
                        )
                    )
    # Credit monitoring of every supplier with a live contract: a few remarks.
    live_suppliers = sorted(
        {cp.supplier for cp in contracts if cp.agreement in live_refs},
        key=lambda k: suppliers[k].org_number,
    )
    for sup in live_suppliers:
        roll = rng.random()
        result = "serious" if roll < 0.01 else "remark" if roll < 0.06 else "ok"
        checks.append(
            CheckPlan(
                kind="credit",
                supplier=sup,
                performed_on=ago(rng.randint(3, 40)),
                result=result,
                reference="Kreditupplysning, löpande bevakning",
                summary={
                    "ok": "Inga anmärkningar.",
                    "remark": "En betalningsanmärkning; kompletterande redovisning begärd.",
                    "serious": "Skatteskuld hos Kronofogden.",
                }[result],
                extra={
                    "credit_rating": {"ok": "Låg risk", "remark": "Förhöjd risk"}.get(
                        result, "Hög risk"
                    ),
                    "payment_remarks": {"ok": 0, "remark": 1}.get(result, 4),
                },
            )
        )
    # Criminal-record checks of HVB representatives every six months (plan 2025 onward).
    hvb = by_key.get("hvb_barn_next")
    if hvb is not None and hvb.reference in live_refs:
        for sup, _units in members["hvb_barn_next"]:
            for rep in suppliers[sup].representatives:
                checks.append(
                    CheckPlan(
                        kind="criminal_record",
                        supplier=sup,
                        representative=rep.name,
                        agreement=hvb.reference,
                        performed_on=ago(rng.randint(60, 100)),
                        result="ok",
                        reference="Belastningsregister, halvårskontroll",
                    )
                )
