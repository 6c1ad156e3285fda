"""The export columns: one place that names each column, its meaning, type and vocabulary.

Every format (CSV, JSON Lines, XLSX), the codebook and the JSON Schema are built from
``COLUMNS``, so a column added here appears everywhere at once.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from knowledge_platform import catalogue
from knowledge_platform.catalogue import FACETS
from knowledge_platform.db import db
from knowledge_platform.models import VOCABULARIES, Precision, Scope
from knowledge_platform.models.projects import cost_per_participant
from knowledge_platform.personal import SHOWN, public_value

# Kinds of values; each format and the schema know how to write each kind.
INTEGER, TEXT, DATE, MONEY, BOOLEAN, CODE, CODES, NAMES, URLS, DATETIME = (
    "integer", "text", "date", "money", "boolean", "code", "codes", "names", "urls", "datetime")
LIST_KINDS = (CODES, NAMES, URLS)

# Vocabularies that are not tables: code -> (Czech label, English label).
ENUMS: dict[str, dict[str, tuple[str, str]]] = {
    "precision": {
        Precision.DAY.value: ("den", "day"),
        Precision.MONTH.value: ("měsíc", "month"),
        Precision.YEAR.value: ("rok", "year"),
    },
    "scope": {
        Scope.LOCAL.value: ("místní", "local"),
        Scope.REGIONAL.value: ("krajský", "regional"),
        Scope.NATIONAL.value: ("celostátní", "national"),
        Scope.INTERNATIONAL.value: ("mezinárodní", "international"),
    },
    "language": {"cs": ("čeština", "Czech"), "en": ("angličtina", "English")},
    "link_kind": {
        "methodology": ("metodika", "methodology"),
        "report": ("zpráva", "report"),
        "photos": ("fotografie", "photos"),
        "other": ("jiné", "other"),
    },
}


@dataclass
class Related:
    """What an export shows of a project beyond its own row: links, names, addresses."""

    base_url: str = ""
    codes: dict[str, list[str]] = field(default_factory=dict)  # facet field -> codes
    labels: dict[str, list[str]] = field(default_factory=dict)  # facet field -> their labels
    implementer: str | None = None
    partners: list[str] = field(default_factory=list)
    source_urls: list[str] = field(default_factory=list)


# A project row: a Project, or a database row with the same attribute names.
Value = Callable[[Any, Related], Any]


@dataclass(frozen=True)
class Column:
    name: str
    kind: str
    en: str
    cs: str
    value: Value
    vocabulary: str | None = None  # a key of VOCABULARIES or of ENUMS
    nullable: bool = True


def _attribute(name: str) -> Value:
    return lambda project, _related: getattr(project, name)


def _codes(name: str) -> Value:
    return lambda _project, related: related.codes.get(name, [])


def _labels(name: str) -> Value:
    return lambda _project, related: related.labels.get(name, [])


def _enum(name: str) -> Value:
    def value(project, _related: Related) -> str | None:
        found = getattr(project, name)
        return getattr(found, "value", found)
    return value


def _personal(name: str) -> Value:
    return lambda project, _related: public_value(project, name)


# The codebook's words for each personal field the public may see (personal.SHOWN).
_PERSON_TEXTS = {
    "contact_name": ("Contact person's name", "Jméno kontaktní osoby"),
    "contact_role": ("Contact person's role or function", "Role nebo funkce kontaktní osoby"),
    "contact_email": ("Contact person's e-mail", "E-mail kontaktní osoby"),
    "contact_phone": ("Contact person's phone", "Telefon kontaktní osoby"),
}


def _partial_date(side: str) -> Value:
    """A date as precisely as it is known: "2016" or "2016-05" as text, a day as a date."""
    def value(project, _related: Related) -> date | str | None:
        found = getattr(project, f"{side}_date")
        precision = getattr(getattr(project, f"{side}_precision"), "value",
                            getattr(project, f"{side}_precision"))
        if found is None or precision in (None, "day"):
            return found
        return f"{found:%Y}" if precision == "year" else f"{found:%Y-%m}"
    return value


def _link_parts(name: str, part: str) -> Value:
    """One part ("url" or "kind") of each of a project's links, in their order."""
    return lambda project, _related: [link.get(part, "") for link in getattr(project, name) or ()]


def _cost(project, _related: Related) -> Decimal | None:
    return cost_per_participant(project.budget_total, project.participants)


def _sheet_columns() -> tuple[Column, ...]:
    """A column per field of the good-practice sheet (a link list gives two: addresses and
    their kinds, in the same order), then the cost per participant worked out from them."""
    columns: list[Column] = []
    for scalar in catalogue.part_fields(catalogue.SHEET):
        if scalar.kind == catalogue.LINKS:
            columns += [
                Column(scalar.name, URLS, scalar.export_en, scalar.export_cs,
                       _link_parts(scalar.name, "url"), nullable=False),
                Column(f"{scalar.name}_kinds", CODES, f"What each address of {scalar.name} "
                       "points to, in the same order.", f"Na co odkazuje každá adresa ze "
                       f"sloupce {scalar.name}, ve stejném pořadí.",
                       _link_parts(scalar.name, "kind"), "link_kind", nullable=False)]
        elif scalar.kind == catalogue.COUNT:
            columns.append(Column(scalar.name, INTEGER, scalar.export_en, scalar.export_cs,
                                  _attribute(scalar.name)))
        else:
            columns.append(Column(scalar.name, TEXT, scalar.export_en, scalar.export_cs,
                                  _attribute(scalar.name), nullable=False))
    columns.append(Column(
        "cost_per_participant", MONEY, "Computed, never typed: budget_total divided by "
        "participants, in the currency of column currency, to the cent; empty unless both "
        "are known and participants is above 0.",
        "Vypočteno, nikdy nezadáváno: budget_total dělený participants, v měně ze sloupce "
        "currency, na haléře; prázdné, není-li známo obojí nebo je participants 0.", _cost))
    return tuple(columns)


def _updated(project, _related: Related) -> datetime:
    stamp = project.updated_at
    # SQLite hands back naive datetimes; they were written in UTC.
    return stamp.replace(tzinfo=UTC) if stamp.tzinfo is None else stamp.astimezone(UTC)


def project_url(base_url: str, project_id: int) -> str:
    """The stable public address of a project (it redirects to the page with its slug)."""
    return f"{base_url.rstrip('/')}/en/projects/{project_id}"


COLUMNS: tuple[Column, ...] = (
    Column("id", INTEGER, "Project identifier in the platform; stable across releases.",
           "Identifikátor projektu v platformě; mezi vydáními se nemění.",
           _attribute("id"), nullable=False),
    Column("url", TEXT, "Public address of the project's page.",
           "Veřejná adresa stránky projektu.",
           lambda p, related: project_url(related.base_url, p.id), nullable=False),
    Column("title_cs", TEXT, "Title in Czech (empty when only the English one is known).",
           "Název česky (prázdný, je-li znám jen anglický).",
           _attribute("title_cs"), nullable=False),
    Column("title_en", TEXT, "Title in English (empty when only the Czech one is known).",
           "Název anglicky (prázdný, je-li znám jen český).",
           _attribute("title_en"), nullable=False),
    Column("summary_cs", TEXT, "Short description in Czech.", "Krátký popis česky.",
           _attribute("summary_cs"), nullable=False),
    Column("summary_en", TEXT, "Short description in English.", "Krátký popis anglicky.",
           _attribute("summary_en"), nullable=False),
    Column("registration_number", TEXT, "Registration number given by the funder.",
           "Registrační číslo projektu od poskytovatele.",
           _attribute("registration_number")),
    Column("start", DATE, "Start (ISO 8601) as precisely as it is known: a year (2016), a "
           "month (2016-05) or a day (2016-05-12); start_precision names which.",
           "Zahájení (ISO 8601) s přesností, s jakou je známo: rok (2016), měsíc (2016-05) "
           "nebo den (2016-05-12); kterou, uvádí start_precision.",
           _partial_date("start")),
    Column("start_precision", CODE, "How precisely the start is known.",
           "S jakou přesností je znám začátek.", _enum("start_precision"), "precision"),
    Column("end", DATE, "End (ISO 8601) as precisely as it is known: a year, a month or a "
           "day; end_precision names which.",
           "Ukončení (ISO 8601) s přesností, s jakou je známo: rok, měsíc nebo den; kterou, "
           "uvádí end_precision.",
           _partial_date("end")),
    Column("end_precision", CODE, "How precisely the end is known.",
           "S jakou přesností je znám konec.", _enum("end_precision"), "precision"),
    Column("budget_total", MONEY, "Total budget in the currency of column currency.",
           "Celkový rozpočet v měně ze sloupce currency.",
           _attribute("budget_total")),
    Column("subsidy", MONEY, "Subsidy (grant) in the currency of column currency.",
           "Výše dotace v měně ze sloupce currency.", _attribute("subsidy")),
    Column("currency", TEXT, "ISO 4217 currency code of the amounts.",
           "Kód měny částek podle ISO 4217.", _attribute("currency"), nullable=False),
    Column("budget_approximate", BOOLEAN, "True when the source gives the budget only roughly.",
           "Pravda, uvádí-li zdroj rozpočet jen přibližně.",
           _attribute("budget_approximate"), nullable=False),
    Column("scope", CODE, "Geographic scope of the project.", "Územní rozsah projektu.",
           _enum("scope"), "scope"),
    Column("good_practice", BOOLEAN, "True when curators chose it as good practice.",
           "Pravda, vybrali-li jej kurátoři jako dobrou praxi.",
           _attribute("good_practice"), nullable=False),
    *_sheet_columns(),
    Column("implementer", TEXT, "Name of the implementing organisation.",
           "Název realizátora (příjemce).", lambda _p, related: related.implementer),
    Column("partners", NAMES, "Names of partner organisations.",
           "Názvy partnerských organizací.", lambda _p, related: related.partners, nullable=False),
    # Personal data: empty unless the person agreed to be listed.
    *(Column(name, TEXT, f"{_PERSON_TEXTS[name][0]}; empty unless the person agreed to be "
             "listed publicly.", f"{_PERSON_TEXTS[name][1]}; prázdné, pokud osoba "
             "nesouhlasila se zveřejněním.", _personal(name)) for name in SHOWN),
    *(column for facet in FACETS for column in (
        Column(facet.field, CODES, facet.export_en, facet.export_cs, _codes(facet.field),
               facet.name, nullable=False),
        # Beside the codes, what they say, in the download's language (labels=cs|en).
        Column(f"{facet.field}_labels", NAMES, f"The labels of {facet.field}, in the "
               "language asked for (labels=cs or en; English by default).",
               f"Popisky kódů ze sloupce {facet.field} v požadovaném jazyce (labels=cs "
               "nebo en; výchozí je angličtina).", _labels(facet.field), nullable=False))),
    Column("language", CODE, "Language the project was described in.",
           "Jazyk, ve kterém byl projekt popsán.", _attribute("language"), "language"),
    Column("source_urls", URLS, "Public addresses of the documents it was taken from.",
           "Veřejné adresy dokumentů, ze kterých záznam pochází.",
           lambda _p, related: related.source_urls, nullable=False),
    Column("updated_at", DATETIME, "When the record last changed (UTC, ISO 8601).",
           "Kdy se záznam naposledy změnil (UTC, ISO 8601).", _updated, nullable=False),
)
NAMES_OF_COLUMNS = tuple(column.name for column in COLUMNS)
# In one CSV or XLSX cell: codes and addresses never hold "|"; names may hold commas,
# and the importer splits organisation names at ";".
SEPARATORS = {CODES: " | ", URLS: " | ", NAMES: "; "}


def record_of(project, related: Related) -> dict[str, Any]:
    """One project as an export record: column name -> Python value (lists stay lists)."""
    return {column.name: column.value(project, related) for column in COLUMNS}


def vocabulary_terms(name: str) -> list[tuple[str, str, str]]:
    """(code, Czech label, English label) of every term of a vocabulary, in site order."""
    if name in ENUMS:
        return [(code, cs, en) for code, (cs, en) in ENUMS[name].items()]
    model = VOCABULARIES[name]
    return [(term.code, term.label_cs, term.label_en)
            for term in db.session.scalars(select(model).order_by(model.position, model.code))]


def plain(value: Any) -> Any:
    """A value as JSON has it: ISO text for dates, a number for money."""
    if isinstance(value, datetime):
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value
