"""The follow-up work of 2024 as 004_… tells it: texts, dates and figures for the demo.

The texts are 004's own words where it has them (shortened). 004 does not say which of
the selected suppliers a single shortcoming or visit concerned, so those stay in the
follow-up's own texts (its summary, the survey answers, its conclusion) and are pinned on
no named supplier (content.STATED). The event-driven follow-up that 004 tells of is shown
at a fictional supplier (SHOWCASE_…). The texts read as a board's documents do: no demo
notes, since documents print them as they are.
"""

import datetime

D = datetime.date

STRATEGISTS = "Två avtalsansvariga strateger"

# --- HVB barn och unga ---------------------------------------------------------------------

HVB_TITLE = "Särskild uppföljning HVB barn och unga 2024"
HVB_DATES = {"start": D(2024, 5, 13), "end": D(2024, 12, 13)}
HVB_FOCUS = (
    "Urval baserat på den omfattning socialnämnden handlat mest av under 2023 och början på "
    "2024 (inköpsvärde och antal placeringar 2023-01-01 – 2024-04-30) samt verksamheternas "
    "inriktning: utredning och behandling för familjer med barn och behandlingshem för "
    "utredning och behandling för ungdomar, pojkar respektive flickor."
)
HVB_CASEWORKER_SURVEY = {
    "sent": 34,  # invented: 004 gives no counts
    "answered": 26,
    "sent_on": D(2024, 9, 2),
    "summary": (
        "Generellt anser socialsekreterare att de har en bra upplevelse av leverantörerna och "
        "att samarbetet varit välfungerande: professionellt bemötande, seriositet, tydliga "
        "rutiner och kontinuerlig återkoppling. En av leverantörerna sticker ut med brister i "
        "bemanning och månadsrapportering; den har nu lagt ned verksamheten."
    ),
    "areas": {
        "Dokumentation och rapportering": (
            "I samtliga ärenden har socialsekreterare erhållit en genomförandeplan, vid ett "
            "tillfälle med viss fördröjning. Innehållet i vården har motsvarat "
            "uppdragsbeskrivningen i samtliga ärenden."
        ),
        "Bemanning och kompetens": (
            "Personaltäthet och kompetens har varit tillfredsställande i relation till den "
            "placerades behov. Samtliga placerade har fått en kontaktperson vid inskrivning."
        ),
        "Avvikelsehantering, särskilt oplanerade avbrott": (
            "Leverantörerna har utan dröjsmål informerat om oplanerade avbrott eller andra "
            "händelser av vikt."
        ),
        "Delaktighet, synpunkter och klagomål": (
            "De placerades egen upplevelse har i det stora hela varit bra, trots att flera inte "
            "önskat vara placerade utanför hemmet."
        ),
    },
}
HVB_SUPPLIER_SURVEY = {
    "sent": 5,
    "answered": 5,
    "sent_on": D(2024, 9, 2),
    "summary": (
        "Inga större förändringar av vårdens innehåll eller bemanning det senaste året, "
        "förutom hos en leverantör som är i en avvecklingsprocess."
    ),
    "areas": {
        "Bemanning och kompetens": (
            "Namngiven arbetsledare och ersättare finns överallt. Minst två personal i tjänst "
            "dygnet runt; timvikarier vid frånvaro. Studieintyg, referenser och "
            "belastningsregister tas in vid anställning; fortbildning erbjuds."
        ),
        "Uppföljning och resultat": (
            "Måluppfyllelse följs upp i samtliga verksamheter: veckosamtal, "
            "behandlingskonferens, uppföljningsmöten, skriftliga rapporter."
        ),
        "Avvikelsehantering, särskilt oplanerade avbrott": (
            "Skriftliga rutiner finns vid oplanerade avbrott; ett par leverantörer gör risk- "
            "och sammanbrottsanalyser."
        ),
        "Delaktighet, synpunkter och klagomål": (
            "Rutiner för synpunkter och klagomål finns i ledningssystemen; delaktighet "
            "säkerställs genom genomförandeplanen, veckosamtal och husmöten."
        ),
        "Dokumentation och rapportering": (
            "Samtliga har journalföringssystem; rapportering sker skriftligt och muntligt enligt "
            "avtal."
        ),
        "Hälso- och sjukvård": (
            "Behovet lyfts inför och vid inskrivning; några har samarbete med vårdcentral eller "
            "sjuksköterska."
        ),
        "Hantering av droger och alkohol": (
            "Nolltolerans vid inskrivning; förebyggande arbete; urinprov efter samtycke."
        ),
        "Verksamhetens lokaler": (
            "Lokalerna håller standard enligt avtalet; rutiner för städning, brandsäkerhet och "
            "egenkontroller finns."
        ),
        "Meddelarfrihet": (
            "Viss tveksamhet till begreppet, men samtliga grupper känner till möjligheten att "
            "visselblåsa och att vända sig till IVO."
        ),
    },
}
HVB_INTERVIEW = ("Behandlingspersonal och arbetsledning", (3, 5))
# 004 does not say which three of the five were visited: the visits are told here, not
# recorded at a named supplier's unit.
HVB_SUMMARY = (
    "Avtalsansvariga strateger genomförde tre platsbesök: två oanmälda på kvällstid och ett "
    "föranmält under eftermiddagstid. Vid samtliga besök fanns bemanning i enlighet med "
    "bemanningsschemat på plats. Lokalerna var välhållna och städade. Personalen kunde "
    "redogöra för bemanningen och var förtrogen med rutiner för oförutsedda händelser och "
    "akuta situationer; rutinerna fanns lättillgängliga och visades upp. Inga anmärkningar "
    "eller brister uppmärksammades vid verksamhetsbesöken."
)
HVB_COMMENTS = {
    "Bemanning och kompetens": "Bemanning och kompetens enligt avtal; redogörelse inskickad.",
    "Uppföljning och resultat": "Måluppfyllelse följs upp; verksamhetsberättelse inskickad.",
    "Avvikelsehantering, särskilt oplanerade avbrott": "Skriftliga rutiner finns.",
    "Delaktighet, synpunkter och klagomål": "Rutiner i kvalitetsledningssystemet.",
    "Dokumentation och rapportering": "Journalföring och rapportering enligt avtal.",
    "Hälso- och sjukvård": "Behovet bevakas från inskrivning.",
    "Hantering av droger och alkohol": "Nolltolerans och förebyggande arbete.",
    "Verksamhetens lokaler": "Standard enligt avtalets villkor.",
    "Meddelarfrihet": "Viss tveksamhet till begreppet bland personalen.",
    "Registerutdrag": "Belastningsregister tas in vid anställning.",
    "Tillstånd och tillsyn (IVO)": (
        "Aktuellt tillstånd; inga tillsynsärenden utöver den årliga tillsynen."
    ),
}
HVB_NOT_ASSESSED = {"Lex Sarah", "Hot och våld"}  # not among 2024's HVB areas
HVB_PARTLY = {
    # supplier key: {area: comment}; 004 identifies it: "en leverantör som nu lagt ned".
    "vibor_glantan": {
        "Bemanning och kompetens": (
            "Socialsekreterare har upplevt brister i bemanningen, många vikarier. Verksamheten "
            "lades ner 2024-11-17; ingen åtgärdsplan begärd."
        ),
        "Dokumentation och rapportering": (
            "Månadsrapporterna har inte skötts fullt ut. Verksamheten lades ner 2024-11-17."
        ),
    },
}

# --- Stödboende för ungdomar ---------------------------------------------------------------

STOD_TITLE = "Särskild uppföljning Stödboende för ungdomar 2024"
STOD_DATES = {"start": D(2024, 5, 13), "end": D(2024, 12, 16)}
STOD_FOCUS = (
    "De fem leverantörer som socialnämnden handlat till högst värde för under perioden "
    "2023-01-01 – 2024-04-30. Fyra delar: begäran om redovisning av rutiner, enkät till "
    "socialsekreterare, intervju med personal och oanmälda platsbesök."
)
STOD_ROUTINES = (
    "Rutiner för in- och utskrivning; flytt från stödboende till eget boende; synpunkt- och "
    "klagomålshantering; incidentrapportering; avvikelser vid drog- eller alkoholpåverkan; "
    "alkohol- och drogtest vid behov; lex Sarah-anmälan; hot och våld; registerutdrag ur "
    "belastnings- och misstankeregistret."
)
STOD_ROUTINES_REQUESTED = D(2024, 9, 9)
STOD_CASEWORKER_SURVEY = {
    "sent": 41,  # invented: 004 gives no counts
    "answered": 29,
    "sent_on": D(2024, 10, 1),
    "summary": (
        "Sett till helheten är nöjdheten med leverantörerna på stödboenderamavtalet mycket hög: "
        "gott samarbete, lättillgänglig personal, bra bemötande, och insatser som lett till "
        "arbete, självförsörjning och eget boende."
    ),
    "areas": {
        "Stödets utformning och insatsnivå": (
            "Byte mellan nivåer fungerar i de flesta fall bra; i något enstaka fall har det "
            "blivit ett förhandlingsläge med leverantören."
        ),
        "Sysselsättning och fritid": (
            "Stödboendena engagerar sig i skolgång, praktik och arbete, och har i aktuella fall "
            "hjälpt till med kontakt med Kommunens aktivitetsansvar."
        ),
        "Lokaler": "Lägenheterna håller god standard och är ändamålsenligt utrustade.",
        "Uppföljningsrapportering och genomförandeplaner": (
            "Rapporterna har i de allra flesta fall kommit in enligt avtal; adekvata "
            "genomförandeplaner i den absoluta merparten av placeringarna."
        ),
        "Avvikelsehantering och incidentrapportering": (
            "Avvikelser har rapporterats till socialsekreterare och socialjouren; leverantörerna "
            "har agerat korrekt vid incidenter."
        ),
    },
}
STOD_INTERVIEW = ("Personal och verksamhetsansvarig", (2, 3))
# What 004 tells of single suppliers without naming them: told here, pinned on none.
STOD_SUMMARY = (
    "Oanmälda platsbesök gjordes kvällstid på två av de boenden som angett att de har "
    "kvällsbemanning på plats. Det ena boendet hade tagit bort kvällsbemanningen efter "
    "klockan 19 utan att meddela kommunen; efter inringning och cirka en halvtimmes väntan "
    "kom personal på plats. Vid det andra kunde varken kontaktpersonen eller personalen visa "
    "aktuellt bemanningsschema, och personalen på kvällspasset hade begränsade kunskaper i "
    "svenska. Bristerna påtalades för verksamhetsansvariga.\n\n"
    "En av leverantörerna fick återkoppling på att rutinen för flytt från stödboende till "
    "eget boende var tunn och har redovisat hur den utvecklats. Ett boende har bytt "
    "kontaktperson flera gånger för två placerade ungdomar; boendet har infört en andra "
    "kontaktperson åt alla ungdomar."
)
STOD_COMMENTS = {
    "Bemanning och beredskap": "Bemanningen anpassas efter behov; timvikarier vid frånvaro.",
    "Stödets utformning och insatsnivå": "Individuellt stöd utifrån genomförandeplanen.",
    "Sysselsättning och fritid": "Daglig sysselsättning; fritid utifrån intressen.",
    "Hälso- och sjukvård": "Kontaktpersonssamtal varje vecka om hälsan.",
    "Nätverksarbete": "Relationer tas upp vid varje kontaktpersonssamtal.",
    "In- och utskrivning": "Rutin redovisad.",
    "Flytt till eget boende": "Rutin redovisad.",
    "Synpunkter och klagomål": "Rutin redovisad.",
    "Avvikelsehantering och incidentrapportering": "Systematik för avvikelserapportering.",
    "Lex Sarah": "Rutin redovisad.",
    "Droger och alkohol": "Urinprov efter uppdrag från socialsekreteraren.",
    "Hot och våld": "Rutin i kvalitetsledningssystemet.",
    "Registerutdrag": "Rutin för registerutdrag redovisad.",
    "Meddelarfrihet": "Kännedomen om meddelarfriheten är låg bland personalen.",
    "Lokaler": "Lägenheterna håller god standard.",
    "Uppföljningsrapportering och genomförandeplaner": "Rapporter enligt avtal.",
    "Försäkring": "Hjälper ungdomarna att teckna hemförsäkring.",
}
# --- 004's event-driven follow-up after the special one, at a fictional supplier ------------

# 004: "en enskild leverantör [har] inte åtgärdat påtalade brister, vilket givit upphov till
# en händelsestyrd uppföljning för att reda ut möjligheterna till hävning". It does not say
# which; the demo shows such a follow-up at content.SHOWCASE["stod_ungdom"].
SHOWCASE_STOD = {
    "title": "Händelsestyrd uppföljning {supplier}: bemanning kvällstid",
    "start": D(2024, 12, 4),
    "completed": D(2025, 3, 20),
    "trigger_text": (
        "Uppgifter i media om bristande bemanning kvällstid, i kombination med brister som "
        "påtalats för leverantören utan att åtgärdas."
    ),
    "focus": (
        "Bemanning och beredskap kvällstid, leverantörens skyldighet att informera kommunen om "
        "ändringar, och om det finns grund för hävning av avtalet."
    ),
    "visit": (
        D(2024, 12, 10),
        "En person uppgav sig vara kontaktperson; en annan personal arbetade kvällspass till "
        "22. Ingen kunde visa aktuellt bemanningsschema, inte heller efter kontakt med "
        "beredskap. Personalen på kvällspasset hade begränsade kunskaper i svenska. "
        "Kontaktpersonen visade rutiner för krishantering.",
    ),
    "conclusion": (
        "Leverantören har redovisat bemanningsschema, krav på språkkunskaper och rutin för "
        "passbyten. Bristerna bedöms åtgärdade; grund för hävning saknas. Följs upp vid nästa "
        "särskilda uppföljning."
    ),
}
SHOWCASE_STOD_FINDINGS = [
    {
        "area": "Bemanning och beredskap",
        "severity": "serious",
        "description": (
            "Vid oanmält kvällsbesök fanns inget bemanningsschema; personalen var osäker, hade "
            "begränsade kunskaper i svenska och hade bytt pass utan att informera "
            "verksamhetsansvarig."
        ),
        "due": D(2025, 2, 28),
        "feedback": (
            D(2024, 12, 12),
            "meeting",
            "Möte med verksamhetsansvariga, som medger att personalen uppfattades osäker och att "
            "ett bemanningsschema borde ha funnits uppsatt.",
        ),
        "plan": (
            D(2025, 1, 17),
            "Bemanningsschema uppsatt på boendet och skickat till kommunen; krav på "
            "språkkunskaper vid anställning; passbyten godkänns av verksamhetsansvarig.",
            D(2025, 2, 28),
        ),
        "verified": (
            D(2025, 3, 14),
            "Schema, anställningskrav och rutin för passbyten redovisade.",
        ),
    },
    {
        "area": "Bemanning och beredskap",
        "severity": "significant",
        "description": (
            "Ändringar i bemanningen kvällstid har inte meddelats kommunen; leverantören är "
            "skyldig att informera om ändringar i verksamheten."
        ),
        "due": D(2025, 1, 31),
        "feedback": (D(2024, 12, 12), "meeting", "Påtalat vid mötet med verksamhetsansvariga."),
        "plan": (
            D(2025, 1, 17),
            "Ändringar i bemanningen meddelas kommunen i förväg.",
            D(2025, 1, 31),
        ),
        "verified": (D(2025, 3, 14), "Rutin för information till kommunen redovisad."),
    },
]

# --- Spelmissbruk och spelberoende ---------------------------------------------------------

SPEL_TITLE = "Särskild uppföljning Insatser för personer med spelmissbruk och spelberoende 2024"
SPEL_DATES = {"start": D(2024, 9, 2), "end": D(2024, 12, 13)}
SPEL_FOCUS = (
    "Ramavtalet hanteras i sin helhet, då det inte är lika omfattande och alla ärenden "
    "handläggs på en och samma enhet inom avdelning Vuxen."
)
SPEL_AREAS = [
    ("Allmän erfarenhet av ramavtalet", "fulfilled", "Ramavtalet är välfungerande."),
    (
        "Grupper dag- och kvällstid",
        "fulfilled",
        "Leverantörerna har kunnat hålla grupper både dag- och kvällstid.",
    ),
    (
        "Rapportering till socialsekreterare",
        "fulfilled",
        "Rapporteringen till socialsekreteraren fungerar.",
    ),
    (
        "Skriftlig information om synpunkter och klagomål",
        "not_fulfilled",
        "Klienterna har inte fått skriftlig information om vart de vänder sig med synpunkter "
        "eller klagomål.",
    ),
]
SPEL_INTERVIEW = {
    "role": "Ansvarig socialsekreterare, avdelning Vuxen (intervju och e-post)",
    "held_on": D(2024, 10, 17),
    "summary": (
        "Frågor om allmän upplevelse av ramavtalet, grupper dag- och kvällstid, rapportering "
        "och skriftlig information om synpunkter och klagomål. Socialsekreteraren har i sin tur "
        "frågat klienterna om vissa frågor kopplat till avtalsefterlevnad."
    ),
}
SPEL_FINDING = {
    "area": "Skriftlig information om synpunkter och klagomål",
    "severity": "minor",
    "description": (
        "Leverantören har inte lämnat skriftlig information till den enskilde om vart hen "
        "vänder sig vid synpunkter eller klagomål."
    ),
    "due": D(2025, 2, 28),
    "feedback": (D(2024, 11, 6), "email", "Bristen har framförts till leverantören."),
    "plan": (
        D(2024, 11, 20),
        "Löfte om att klienterna får skriftlig information i fortsättningen.",
        D(2025, 2, 28),
    ),
    # "Uppföljning kommer ske för att säkerställa att det löftet realiseras" (in 2025).
    "verified": (D(2025, 3, 14), "Klienterna bekräftar att informationen lämnas."),
}

# --- Conclusions of the three special follow-ups --------------------------------------------

CONCLUSIONS = {
    "hvb": (
        "Leverantörerna uppvisar god kvalitet genom efterlevnad av avtalen. Alla har aktuella "
        "tillstånd och inga tillsynsärenden utöver den årliga tillsynen. Vid verksamhetsbesöken "
        "uppmärksammades inga brister. Kännedomen om meddelarfriheten behöver förbättras; "
        "leverantörerna har uppdaterat sina introduktionsrutiner."
    ),
    "stod": (
        "Nöjdheten med leverantörerna är mycket hög hos socialsekreterarna. Rutinerna håller "
        "den kvalitet som krävs. Vid de oanmälda kvällsbesöken framkom brister i bemanning och "
        "i skyldigheten att informera kommunen om ändringar; en leverantör har inte åtgärdat "
        "påtalade brister, vilket lett till en händelsestyrd uppföljning."
    ),
    "spel": (
        "Ramavtalet är välfungerande. Leverantörerna har inte lämnat skriftlig information om "
        "synpunkter och klagomål; de har lovat att göra det och uppföljning sker 2025."
    ),
}

# --- Deviations 2024 ("ett drygt tjugotal avvikelser") ---------------------------------------

# (agreement key, category, source, status, month, day, description)
DEVIATIONS = [
    ("hvb_barn", "cost_responsibility", "caseworker", "handled_in_case", 1, 17,
     "Leverantören har debiterat extra personalförstärkning som inte beställts."),
    ("hvb_barn", "cost_responsibility", "caseworker", "handled_in_case", 2, 8,
     "Oklart kostnadsansvar för resor till umgänge."),
    ("hvb_barn", "invoicing", "administrator", "handled_in_case", 2, 26,
     "Faktura avser dygn efter utskrivning."),
    ("hvb_barn", "quality", "caseworker", "escalated", 3, 12,
     "Upprepade uppgifter om bristande tillsyn nattetid."),
    ("hvb_barn", "cost_responsibility", "caseworker", "handled_in_case", 4, 3,
     "Leverantören fakturerar tolkkostnad som ingår i dygnspriset."),
    ("hvb_barn", "invoicing", "administrator", "handled_in_case", 5, 21,
     "Socialnämnden har betalat för utflyttsdagen, vilket avtalet inte medger."),
    ("hvb_barn", "reporting", "caseworker", "handled_in_case", 6, 11,
     "Månadsrapport har inte kommit in."),
    ("hvb_barn", "cost_responsibility", "caseworker", "closed", 8, 20,
     "Tvist om kostnadsansvar för skolskjuts; löst genom avtalets villkor."),
    ("hvb_barn", "invoicing", "administrator", "handled_in_case", 9, 17,
     "Fel dygnspris på fakturan jämfört med avropet."),
    ("hvb_barn", "staffing", "caseworker", "handled_in_case", 10, 29,
     "Kontaktpersonen har bytts utan att socialsekreteraren informerats."),
    ("stod_ungdom", "cost_responsibility", "caseworker", "handled_in_case", 2, 14,
     "Avdrag för försörjningsstöd har inte gjorts på leverantörsfakturan."),
    ("stod_ungdom", "invoicing", "administrator", "handled_in_case", 4, 24,
     "Fakturerad stödnivå avviker från beställd nivå."),
    ("stod_ungdom", "cost_responsibility", "caseworker", "handled_in_case", 6, 4,
     "Oklart kostnadsansvar för hemförsäkring."),
    ("stod_ungdom", "reporting", "caseworker", "handled_in_case", 9, 9,
     "Genomförandeplanen kom in först efter påminnelse."),
    ("stod_ungdom", "other", "caseworker", "closed", 11, 5,
     "Problem med lägenheten som inte åtgärdades direkt; vården har fungerat."),
    ("hvb_vuxna", "staffing", "caseworker", "escalated", 1, 23,
     "Uppgifter om att bemanningen understiger avtalad nivå."),
    ("hvb_vuxna", "cost_responsibility", "caseworker", "handled_in_case", 2, 19,
     "Leverantören fakturerar läkemedel som ingår i priset."),
    ("hvb_vuxna", "invoicing", "administrator", "closed", 3, 6,
     "Dubbelfakturering av samma period; kreditfaktura mottagen."),
    ("konsulent", "cost_responsibility", "caseworker", "handled_in_case", 5, 15,
     "Oenighet om ersättning för extra handledning av familjehemmet."),
    ("konsulent", "invoicing", "administrator", "handled_in_case", 10, 2,
     "Faktura saknar uppgift om period och avrop."),
    ("skyddat", "complaint", "caseworker", "escalated", 6, 27,
     "Klagomål på bristande säkerhetsrutiner; leverantören har inte åtgärdat påtalade brister."),
    ("skyddat", "quality", "caseworker", "handled_in_case", 8, 14,
     "Brister i information vid inflyttning."),
    ("stod_vuxna", "cost_responsibility", "caseworker", "closed", 7, 1,
     "Fråga om kostnadsansvar vid avbrott; hanterad enligt avtalet."),
]  # fmt: skip
DEVIATION_TRIAGE = {
    "handled_in_case": "Hanterad inom ramen för individärendet tillsammans med leverantören.",
    "closed": "Utredd och avslutad; ingen ytterligare åtgärd.",
    "escalated": "Upprepade eller allvarliga brister; händelsestyrd uppföljning inleds.",
}
