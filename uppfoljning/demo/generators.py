"""Fictional names, organisation numbers, invented diarienummer and monthly series."""

import datetime
import itertools
import random
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from stdnum import luhn
from stdnum.se import orgnr

D = datetime.date


# ---------------------------------------------------------------------------------------
# Fictional names and numbers


_PREFIXES = [
    "Björk", "Ek", "Lind", "Alm", "Ask", "Rönn", "Hassel", "Lönn", "Gran", "Tall", "Sälg",
    "Asp", "Bok", "Hägg", "Ljung", "Sol", "Sjö", "Vik", "Näs", "Ås", "Dal", "Berg", "Mo",
    "Strand", "Udd", "Holm", "Kärr", "Myr", "Ängs", "Sten", "Lugn", "Trygg", "Stjärn",
    "Vind", "Norr", "Söder", "Väster", "Öster", "Tjäder", "Orre", "Lo", "Räv", "Björn",
    "Hjort", "Svan", "Tran", "Lärk", "Fink", "Mås", "Uggle", "Kung", "Silver", "Guld",
    "Klöver", "Vallmo", "Blåbärs", "Lingon", "Hallon", "Fjäll", "Forsa", "Källe", "Bäck",
]  # fmt: skip
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


class Names:
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


TOWNS = [
    "Uppsala", "Enköping", "Knivsta", "Tierp", "Östhammar", "Heby", "Sala", "Västerås",
    "Gävle", "Norrtälje", "Sigtuna", "Märsta", "Stockholm", "Södertälje", "Eskilstuna",
    "Örebro", "Falun", "Borlänge", "Nyköping", "Strängnäs", "Köping", "Hudiksvall",
]  # fmt: skip
UNIT_SUFFIX = {
    "hvb_barn": "",
    "stod_ungdom": " stödboende",
    "konsulent": " familjehemsvård",
    "spel": " öppenvård",
    "hvb_vuxna": "",
    "skyddat": " skyddat boende",
    "stod_vuxna": " stödboende vuxna",
}
NOT_PERMIT = {"spel", "stod_vuxna"}


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


class Refs:
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
