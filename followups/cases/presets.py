"""Assessment area templates, as the 2024 special follow-up used them (004_…).

The names are Swedish domain data, like supplier names: they are stored, not translated.
"""

# The default template: what the board asks of every supplier of care for children and
# young people, and a sensible start for any other agreement.
DEFAULT = [
    "Bemanning och kompetens",
    "Uppföljning och resultat",
    "Avvikelsehantering",
    "Delaktighet, synpunkter och klagomål",
    "Dokumentation och rapportering",
    "Hälso- och sjukvård",
    "Droger och alkohol",
    "Lokaler",
    "Meddelarfrihet",
    "Lex Sarah",
    "Hot och våld",
    "Registerutdrag",
]

# HVB barn och unga: the areas of the survey and interviews with suppliers.
HVB_CHILDREN = [
    "Bemanning och kompetens",
    "Uppföljning och resultat",
    "Avvikelsehantering, särskilt oplanerade avbrott",
    "Delaktighet, synpunkter och klagomål",
    "Dokumentation och rapportering",
    "Hälso- och sjukvård",
    "Hantering av droger och alkohol",
    "Verksamhetens lokaler",
    "Meddelarfrihet",
    "Lex Sarah",
    "Hot och våld",
    "Registerutdrag",
    "Tillstånd och tillsyn (IVO)",
]

# Stödboende för ungdomar: the requested routines, the interview themes and the survey.
SUPPORTED_HOUSING_YOUTH = [
    "Bemanning och beredskap",
    "Stödets utformning och insatsnivå",
    "Sysselsättning och fritid",
    "Hälso- och sjukvård",
    "Nätverksarbete",
    "In- och utskrivning",
    "Flytt till eget boende",
    "Synpunkter och klagomål",
    "Avvikelsehantering och incidentrapportering",
    "Lex Sarah",
    "Droger och alkohol",
    "Hot och våld",
    "Registerutdrag",
    "Meddelarfrihet",
    "Lokaler",
    "Uppföljningsrapportering och genomförandeplaner",
    "Försäkring",
]

PRESETS = {
    "default": DEFAULT,
    "hvb_children": HVB_CHILDREN,
    "supported_housing_youth": SUPPORTED_HOUSING_YOUTH,
}


def preset_for_agreement_name(name: str) -> str:
    """The template that fits an agreement, judged by its name; 'default' otherwise."""
    lowered = name.lower()
    if "stödboende" in lowered and ("ungdom" in lowered or "unga" in lowered):
        return "supported_housing_youth"
    if "hvb" in lowered and ("barn" in lowered or "unga" in lowered):
        return "hvb_children"
    return "default"
