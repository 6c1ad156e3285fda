"""Map bulk-file column headers (Czech or English) to record field names."""
from __future__ import annotations

import re

from search_index.text import fold

# Target name -> headers seen in Czech and English exports. Record field names
# themselves are added below so that an export of records reads back, and so are the
# platform's own export columns (title_cs, budget_total ...; the first filled one wins).
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("Název projektu", "Název", "Projekt", "Project title", "Title", "Project name",
              "title_cs", "title_en"),
    "implementer": ("Realizátor", "Příjemce", "Příjemce dotace", "Žadatel", "Implementer",
                    "Beneficiary", "Applicant", "Organisation", "Organization"),
    "partners": ("Partneři", "Partner", "Partners"),
    "funders": ("Poskytovatel", "Zdroj financování", "Program", "Operační program", "Fond",
                "Funder", "Funders", "Funding", "Programme"),
    "regions": ("Kraj", "Region", "Regions", "Místo realizace", "Location"),
    "period": ("Doba realizace", "Období", "Period", "Duration"),
    "start": ("Zahájení", "Začátek", "Datum zahájení", "Start", "Start date"),
    "end": ("Ukončení", "Konec", "Datum ukončení", "End", "End date"),
    "budget": ("Celkové náklady", "Rozpočet", "Celkový rozpočet", "Total budget", "Budget",
               "Total cost", "budget_czk", "budget_total"),
    "subsidy": ("Dotace", "Výše dotace", "Celková dotace", "Subsidy", "Grant",
                "EU contribution", "subsidy_czk"),
    "registration_number": ("Registrační číslo", "Reg. č.", "Číslo projektu",
                            "Registration number", "Project number", "Reference"),
    "summary": ("Anotace", "Popis", "Cíl projektu", "Summary", "Description", "Abstract",
                "summary_cs", "summary_en"),
    "activities": ("Aktivity", "Activities"),
    "target_groups": ("Cílová skupina", "Cílové skupiny", "Target group", "Target groups"),
    "kinds": ("Druh záznamu", "Kind of record", "Kind"),
    "language": ("Jazyk", "Language"),
    "url": ("URL", "Odkaz", "Web", "Link", "Source"),
    # The implementer's contacts (importers.extract.contacts.CONTACTS).
    "website": ("Webové stránky", "Web realizátora", "Website", "Homepage",
                "implementer_website"),
    "email": ("E-mail", "Email", "E-mail realizátora", "implementer_email"),
    "phone": ("Telefon", "Tel.", "Phone", "Telephone", "implementer_phone"),
    "ico": ("IČO", "IČ", "IČ realizátora", "IČO realizátora", "Company ID", "implementer_ico"),
}  # fmt: skip

TARGETS = frozenset(HEADER_ALIASES)
MONEY_TARGETS = ("budget", "subsidy")
# Record field names that differ from the target name they carry.
_RECORD_NAMES = {"budget_czk": "budget", "subsidy_czk": "subsidy", "source": "url"}
# Trailing unit words in headers such as "Rozpočet (Kč)" or "Total budget in CZK".
_UNIT_SUFFIX = re.compile(r"(?: (?:v|in))? (?:kc|czk|eur|mil|tis)$")


def header_key(header: str) -> str:
    """A header as headers are compared: folded, ASCII words only ("Rozpočet (Kč)" ->
    "rozpocet kc"), so that punctuation and spacing in exports do not matter."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", fold(header)).split())


def _build_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for target, aliases in HEADER_ALIASES.items():
        for alias in (target, *aliases):
            index.setdefault(header_key(alias), target)
    for name, target in _RECORD_NAMES.items():
        index.setdefault(header_key(name), target)
    return index


_INDEX = _build_index()


def target_for(header: str) -> str | None:
    """The target name a header maps to by the built-in table, or None."""
    key = header_key(header)
    if key in _INDEX:
        return _INDEX[key]
    stripped = _UNIT_SUFFIX.sub("", key)
    return _INDEX.get(stripped)


def normalise_target(name: str) -> str | None:
    """An explicit mapping's target as a known name ("budget_czk" -> "budget"), else None."""
    key = name.strip()
    if key in TARGETS:
        return key
    return _RECORD_NAMES.get(key) or _INDEX.get(header_key(key))


def map_headers(
    headers: list[str], column_map: dict[str, str] | None = None
) -> dict[str, str]:
    """Header -> target name for every header that maps; ``column_map`` wins over aliases.

    An explicit target that is empty drops the column; an unknown one is kept verbatim.
    """
    explicit = {
        header_key(header): (normalise_target(target) or target) if target else ""
        for header, target in (column_map or {}).items()
    }
    mapping: dict[str, str] = {}
    for header in headers:
        key = header_key(header)
        target = explicit[key] if key in explicit else target_for(header)
        if target:
            mapping[header] = target
    return mapping
