"""What the documents say: the board, its seven agreements and the suppliers 004 names.

Sources: `shared/domain/001_…` (the plan for 2024 with the table of agreements and their
periods including option) and `shared/domain/004_…` (the report on 2024). Where the
documents are silent (organisation numbers, places, people, most diarienummer) the values
are invented and say so in the notes; nothing here is a real company's register data.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

D = datetime.date

BOARD_NAME = "Socialnämnden"
MUNICIPALITY = "Uppsala kommun"  # 004 names it ("socialnämnden i Uppsala kommun")

# The window 004 used to select suppliers for the special follow-up.
SELECTION_START = D(2023, 1, 1)
SELECTION_END = D(2024, 4, 30)
PURCHASES_FROM = D(2023, 1, 1)
PURCHASES_TO = D(2024, 12, 1)

FICTIONAL_NOTE = "Fiktiv leverantör i demodata."
NAMED_NOTE = (
    "Leverantören är namngiven i rapporten Uppföljning av privata utförare 2024. "
    "Organisationsnummer, ort och företrädare är påhittade i demodata."
)


@dataclass(frozen=True)
class AgreementSpec:
    key: str
    name: str
    reference: str
    target_group: str  # TargetGroup value
    requires_ivo_permit: bool
    start_date: datetime.date
    end_date: datetime.date
    option_end_date: datetime.date
    description: str
    procurement_type: str = "lou"
    successor_of: str = ""
    contract_count: int = 0  # contracts in total (active + ended early)


# The seven agreements of 004 ("Aktuella ramavtal"), periods from 001's table ("inklusive
# option"); 001 gives only the end including option, so the base period is the first two
# years and the option the rest. References SCN-2019-0437, SCN-2021-00275 and
# SCN-2021-00652 are in 004; the others are invented.
AGREEMENTS = [
    AgreementSpec(
        key="hvb_barn",
        name="HVB barn och unga",
        reference="SCN-2019-0437",
        target_group="children",
        requires_ivo_permit=True,
        start_date=D(2021, 3, 1),
        end_date=D(2023, 2, 28),
        option_end_date=D(2025, 2, 28),
        contract_count=132,  # 127 at the end of 2024 after five terminations (004)
        description=(
            "HVB för barn och unga i åldrarna 0 till och med 20 år: akutplaceringar, "
            "utredningsplaceringar, behandlingsplaceringar och utslussning, enligt SoL, LVU "
            "och i enstaka fall LVM. Individuell avropsordning där priset är avgörande."
        ),
    ),
    AgreementSpec(
        key="konsulent",
        name="Konsulentstödd familjehemsvård och behandlingsfamilj",
        reference="SCN-2021-00198",
        target_group="children",
        requires_ivo_permit=True,
        start_date=D(2021, 11, 10),
        end_date=D(2023, 11, 9),
        option_end_date=D(2025, 11, 9),
        contract_count=30,
        description=(
            "Konsulentstöd till familjehem och behandlingsfamiljer. Diarienumret är "
            "påhittat i demodata."
        ),
    ),
    AgreementSpec(
        key="stod_ungdom",
        name="Stödboende för ungdomar",
        reference="SCN-2021-00275",
        target_group="children",
        requires_ivo_permit=True,
        start_date=D(2022, 11, 1),
        end_date=D(2024, 10, 31),
        option_end_date=D(2026, 10, 31),
        contract_count=46,  # "omfattar i dagsläget 46 leverantörer" (004)
        description=(
            "Eget boende med individanpassat stöd för ungdomar 16–20 år, placering enligt "
            "SoL eller LVU, i fyra stödnivåer. Tillståndspliktig placeringsform."
        ),
    ),
    AgreementSpec(
        key="spel",
        name="Insatser för personer med spelmissbruk och spelberoende",
        reference="SCN-2021-00652",
        target_group="adults",
        requires_ivo_permit=False,
        start_date=D(2023, 3, 1),
        end_date=D(2025, 2, 28),
        option_end_date=D(2027, 2, 28),  # 004: löper till och med 2027-02-28
        contract_count=4,
        description=(
            "Psykosocial kognitiv beteendeterapi i öppenvård mot spelmissbruk och "
            "spelberoende, i grupp kompletterad med individuella samtal, med eftervård."
        ),
    ),
    AgreementSpec(
        key="hvb_vuxna",
        name="HVB för vuxna missbrukare",
        reference="SCN-2019-00214",
        target_group="adults",
        requires_ivo_permit=True,
        start_date=D(2020, 4, 1),
        end_date=D(2022, 3, 31),
        option_end_date=D(2024, 3, 31),
        contract_count=40,
        description=(
            "HVB för vuxna med missbruk (001: 2020-04-01 – 2024-03-31 inklusive option). "
            "Diarienumret är påhittat i demodata."
        ),
    ),
    AgreementSpec(
        key="skyddat",
        name="Skyddat boende",
        reference="SCN-2020-00588",
        target_group="adults",
        requires_ivo_permit=True,
        start_date=D(2021, 5, 17),
        end_date=D(2023, 5, 16),
        option_end_date=D(2025, 5, 16),
        contract_count=28,
        description=(
            "Skyddat boende. Verksamheten blev tillståndspliktig under 2024. Diarienumret "
            "är påhittat i demodata."
        ),
    ),
    AgreementSpec(
        key="stod_vuxna",
        name="Stödboende för vuxna",
        reference="SCN-2021-00087",
        target_group="adults",
        requires_ivo_permit=False,
        start_date=D(2022, 4, 18),
        end_date=D(2024, 4, 17),
        option_end_date=D(2026, 4, 17),
        contract_count=20,
        description=(
            "Stödboende för vuxna med missbruk (001). Diarienumret är påhittat i demodata."
        ),
    ),
]

# Fictional successors, so that today's pages (2026) show agreements in force. They take
# over the suppliers whose contracts ran to the end of the predecessor. None of them
# starts in 2024, so the year 2024 has exactly the seven agreements of 004.
SUCCESSOR_NOTE = (
    "Fiktivt efterföljande avtal i demodata, så att dagens sidor visar avtal som gäller. "
    "Leverantörerna är desamma som i det tidigare avtalet."
)
SUCCESSORS = [
    # (predecessor key, reference, start, end, option end)
    ("hvb_barn", "SCN-2024-00415", D(2025, 3, 1), D(2027, 2, 28), D(2029, 2, 28)),
    ("konsulent", "SCN-2025-00133", D(2025, 11, 10), D(2027, 11, 9), D(2029, 11, 9)),
    ("stod_ungdom", "SCN-2026-00071", D(2026, 11, 1), D(2028, 10, 31), D(2030, 10, 31)),
    ("hvb_vuxna", "SCN-2024-00288", D(2025, 1, 1), D(2026, 12, 31), D(2028, 12, 31)),
    ("skyddat", "SCN-2024-00502", D(2025, 5, 17), D(2027, 5, 16), D(2029, 5, 16)),
    ("stod_vuxna", "SCN-2025-00402", D(2026, 4, 18), D(2028, 4, 17), D(2030, 4, 17)),
]


def successor_name(name: str, start: datetime.date) -> str:
    return f"{name}, nytt avtal {start.year} (fiktivt)"


@dataclass(frozen=True)
class NamedSupplier:
    """A supplier that 004 names, with its row in the selection table."""

    key: str
    name: str
    agreement: str
    unit: str
    place: str
    window_amount: Decimal  # SEK bought 2023-01-01 .. 2024-04-30
    window_placements: int
    org_form: str = "ab"  # ab | ek (ekonomisk förening)
    orientation: str = ""
    closed_on: datetime.date | None = None
    extra_units: tuple = field(default_factory=tuple)


# 004, HVB barn och unga: table of the five selected suppliers (mkr jan 23 – apr 24,
# placements). Order as in the report, which is not by value: the selection also
# weighed placements and orientation.
HVB_SELECTED = [
    NamedSupplier(
        "bromstensgarden",
        "Bromstensgården",
        "hvb_barn",
        "Bromstensgården",
        "Stockholm",
        Decimal("1012600"),
        8,
        orientation="Utredning och behandling för familjer med barn",
    ),
    NamedSupplier(
        "ramnas",
        "Ramnäs HVB",
        "hvb_barn",
        "Ramnäs HVB",
        "Ramnäs",
        Decimal("2684300"),
        7,
        orientation="Behandlingshem för ungdomar, pojkar",
    ),
    NamedSupplier(
        "cederangen",
        "Cederängens utrednings- och behandlingshem",
        "hvb_barn",
        "Cederängens utrednings- och behandlingshem",
        "Sala",
        Decimal("2912800"),
        7,
        orientation="Utredning och behandling för ungdomar, flickor",
    ),
    NamedSupplier(
        "vibor_glantan",
        "Vibor Gläntan unga vuxna",
        "hvb_barn",
        "Vibor Gläntan unga vuxna",
        "Uppsala",
        Decimal("2437900"),
        4,
        orientation="Behandlingshem för unga vuxna",
        # 004, footnote 1: "Verksamheten lades ner den 17 november 2024, enligt
        # leverantören av ekonomiska skäl."
        closed_on=D(2024, 11, 17),
    ),
    NamedSupplier(
        "morgarden",
        "Morgården vård och behandling",
        "hvb_barn",
        "Morgården vård och behandling",
        "Smedjebacken",
        Decimal("2571200"),
        4,
        orientation="Behandlingshem för ungdomar",
    ),
]

# 004, Stödboende för ungdomar: "De fem leverantörer som socialnämnden handlat till högst
# värde för under perioden 1 januari 2023 och 30 april 2024", in the report's order.
STOD_SELECTED = [
    NamedSupplier(
        "vibor_stod",
        "Vibor Stödboende AB",
        "stod_ungdom",
        "Vibor Stödboende Uppsala",
        "Uppsala",
        Decimal("5118400"),
        30,
        extra_units=(("Vibor Stödboende Enköping", "Enköping"),),
    ),
    NamedSupplier(
        "utslussen",
        "Utslussen Vård AB",
        "stod_ungdom",
        "Utslussen",
        "Uppsala",
        Decimal("4893700"),
        10,
    ),
    NamedSupplier(
        "allviken",
        "Allviken Vård AB",
        "stod_ungdom",
        "Allviken",
        "Knivsta",
        Decimal("2021500"),
        5,
    ),
    NamedSupplier(
        "hudiksvall",
        "Hudiksvalls Ungdomshem Ekonomisk förening",
        "stod_ungdom",
        "Hudiksvalls Ungdomshem stödboende",
        "Hudiksvall",
        Decimal("1284600"),
        2,
        org_form="ek",
    ),
    NamedSupplier(
        "humanisthemmet",
        "Humanisthemmet EQ AB",
        "stod_ungdom",
        "Humanisthemmet EQ",
        "Stockholm",
        Decimal("912300"),
        5,
    ),
]

NAMED_SUPPLIERS = HVB_SELECTED + STOD_SELECTED


# What 004 states about the suppliers it names, as the records the demo keeps of them. A
# named supplier carries nothing else: no finding, action plan, deviation, exclusion, check
# with a remark, visit or event-driven follow-up, and no rating or comment beyond these.
# Where 004 tells of a shortcoming at "one of the suppliers" without naming it, the demo keeps
# 004's words in the follow-up's own texts, or shows the event at a fictional supplier
# (SHOWCASE). tests/uppfoljning/test_demo.py holds the loaded demo to this list.
@dataclass(frozen=True)
class Stated:
    record: tuple  # (kind, ...) as the test reads it from the database
    quote: str  # 004's words for it


DOCUMENTS_RECEIVED = "Inkommen utan anmärkning."
ROUTINES_RECEIVED = "Rutiner inom alla områden redovisade."
_HVB_STATED = (
    Stated(
        ("assessment", "Meddelarfrihet", "partly"),
        "Samtliga personalgrupper fick vid intervjuerna svara på frågan om de vet vad "
        "meddelarfrihet innebär. Här framkom en viss tveksamhet till själva begreppet och vad "
        "som innefattas i detalj.",
    ),
    Stated(
        ("document_request", "staff_composition", DOCUMENTS_RECEIVED),
        "Samtliga leverantörer har redogjort för sin aktuella personalsammansättning utan "
        "anmärkning.",
    ),
    Stated(
        ("document_request", "quality_report", DOCUMENTS_RECEIVED),
        "Kvalitetsberättelse/bokslut har också skickats in av samtliga.",
    ),
)
_STOD_STATED = (
    Stated(
        ("assessment", "Meddelarfrihet", "partly"),
        "Kännedomen om meddelarfriheten är genomgående låg bland den personal som intervjuas "
        "[…] vilket har återförts till samtliga verksamhetsansvariga.",
    ),
    Stated(
        ("document_request", "routines", ROUTINES_RECEIVED),
        "Samtliga leverantörer har redovisat att de har rutiner inom alla områden.",
    ),
)
STATED = {
    **{n.key: _HVB_STATED for n in HVB_SELECTED},
    **{n.key: _STOD_STATED for n in STOD_SELECTED},
}
# Vibor Gläntan is the one selected HVB that closed (footnote 1), so 004 names it where it
# speaks of "en leverantör som nu lagt ned verksamheten".
STATED["vibor_glantan"] += (
    Stated(
        ("unit_closed", "2024-11-17"),
        "Verksamheten lades ner den 17 november 2024, enligt leverantören av ekonomiska skäl.",
    ),
    Stated(
        ("contract_end", "terminated", "wound_down"),
        "Under 2024 har fem avtal sagts upp inom ramavtalet HVB barn och unga. […] De "
        "huvudsakliga skälen […] är att leverantören har […] avvecklat sin verksamhet.",
    ),
    Stated(
        ("assessment", "Bemanning och kompetens", "partly"),
        "En av leverantörerna sticker ut i enkätsvaren från socialsekreterarna. I detta fall "
        "har man upplevt brister i bemanning då det varit mycket vikarier i boendet. […] "
        "Detta rör en leverantör som nu lagt ned verksamheten.",
    ),
    Stated(
        ("assessment", "Dokumentation och rapportering", "partly"),
        "Vidare har återrapportering i form av månadsrapporter inte skötts fullt ut. […] "
        "Detta rör en leverantör som nu lagt ned verksamheten.",
    ),
)

# Fictional suppliers whose names say so, for what 004 tells without naming the supplier:
# the first fictional supplier generated for the agreement gets this name.
SHOWCASE = {"stod_ungdom": "Exempelgården Ungdomsvård AB (fiktiv)"}

# The year 2024 in the register, as 004 tells it ("Händelsestyrd uppföljning" and
# "Löpande ekonomisk uppföljning"). Counts per agreement; the reasons where 004 gives
# them, the split among them invented where it only says "the main reasons are".
TERMINATIONS_2024 = {
    # agreement: [(status, reason), ...]
    "hvb_barn": [
        ("terminated", "wound_down"),  # Vibor Gläntan unga vuxna, closed 2024-11-17
        ("terminated", "permit_lost"),
        ("terminated", "permit_lost"),
        ("terminated", "economy"),
        ("terminated", "wound_down"),
    ],
    "stod_vuxna": [("terminated", "wound_down")],
    "skyddat": [
        # "sagts upp i förtid i överenskommelse" and "sagts upp på grund av svag ekonomisk
        # ställning" are read as the same contract.
        ("terminated", "economy"),
        ("rescinded", "no_permit_application"),
        ("rescinded", "no_permit_application"),
        ("rescinded", "no_permit_application"),
        ("rescinded", "no_permit_application"),
        ("rescinded", "no_permit_application"),
        ("rescinded", "breach"),
    ],
}

EXCLUSIONS_2024 = {
    # "Ett trettiotal leverantörer" in HVB barn och unga, six of them for weak economy.
    "hvb_barn": {"weak_economy": 6, "ivo_supervision": 19, "dormant": 3, "investigation": 2},
    "stod_ungdom": {"ivo_supervision": 1, "dormant": 1},
    # "en på grund av tillfälligt vilande verksamhet och de övriga med anledning av
    # tillsynsärenden hos IVO"
    "hvb_vuxna": {"dormant": 1, "ivo_supervision": 3},
    # "med anledning av avvikelse inkommen till IVO"
    "skyddat": {"ivo_supervision": 1},
}

# Demo users: one per role, with a shared password printed by the command.
DEMO_PASSWORD = "uppfoljning-demo"
DEMO_USERS = [
    # username, first, last, role (None: superuser)
    ("strateg", "Sara", "Strateg", "strategist"),
    ("samordnare", "Sam", "Samordnare", "coordinator"),
    ("socialsekreterare", "Selma", "Socialsekreterare", "caseworker"),
    ("namnd", "Nils", "Nämnd", "board_reader"),
    ("admin", "Ada", "Admin", None),
]
