"""The catalogue: one declaration per facet and per project field, which every layer loops over.

Models, search parameters and filters, bitmaps, statistics, exports and the codebook, the
API, history snapshots, edit forms, diffs and the ingest store read their lists from here,
so a facet declared here appears in all of them. Labels are English message ids, marked
with ``N_`` for extraction and translated where they are shown (``gettext(label)``).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple


def N_(text: str) -> str:  # noqa: N802  (Babel's standard marker name)
    """Mark ``text`` for the translation template without translating it here."""
    return text


@dataclass(frozen=True)
class Facet:
    """A controlled vocabulary that projects are linked to, filtered by and counted by."""

    name: str  # search parameter, bitmap and statistics key: "target_group"
    field: str  # record key, Project relationship, export column, API field: "target_groups"
    table: str  # vocabulary table; a project's links live in "project_<table>"
    model: str  # ORM class name
    slug: str  # browse URL segment and API path: "target-groups"
    label: str  # one term: "Target group"
    plural: str  # the field: "Target groups"
    browse: str  # heading of a list of its terms: "By target group"
    export_en: str  # codebook description of the export column
    export_cs: str
    indexed: bool = True  # term labels are part of the project's search text
    in_hits: bool = False  # shown with each search result
    # Weight of a shared term when looking for similar projects: what a project does
    # weighs twice what it is for.
    similarity: int = 0
    # The codes a new record gets when its source names none.
    default: tuple[str, ...] = ()
    # A facet read from another one's terms (a place's size band), never written itself:
    # its link table is a database view.
    derived_from: str = ""
    # Too many terms to tick: curators type their names (municipalities).
    typed: bool = False
    # Counted in a record's completeness; not where a record may rightly have none (a
    # nationwide project names no town) or where it follows another facet.
    key: bool = True

    @property
    def link_table(self) -> str:
        """The name of the table linking projects to this vocabulary's terms."""
        return f"project_{self.table}"


FACETS: tuple[Facet, ...] = (
    Facet(name="region", field="regions", table="region", model="Region", slug="regions",
          label=N_("Region"), plural=N_("Regions"), browse=N_("By region"),
          export_en="Regions where it worked (CZ-NUTS 3 codes; CZ for the whole country, "
                    "ABROAD for abroad).",
          export_cs="Kraje, kde projekt probíhal (kódy CZ-NUTS 3; CZ celá ČR, ABROAD "
                    "zahraničí).",
          in_hits=True),
    # Towns and city districts of the gazetteer (importers/data/municipalities.tsv).
    Facet(name="municipality", field="municipalities", table="municipality", model="Municipality",
          slug="municipalities", label=N_("Municipality"), plural=N_("Municipalities"),
          browse=N_("By municipality"),
          export_en="Towns and city districts where it worked (gazetteer codes, see "
                    "/api/v1/municipalities).",
          export_cs="Města a městské části, kde projekt probíhal (kódy místopisu, viz "
                    "/api/v1/municipalities).",
          in_hits=True, typed=True, key=False),
    Facet(name="size_band", field="size_bands", table="size_band", model="SizeBand",
          slug="size-bands", label=N_("Town size"), plural=N_("Town sizes"),
          browse=N_("By town size"),
          export_en="Population bands of its municipalities (under_5k, 5k_20k, 20k_50k, "
                    "50k_100k, over_100k).",
          export_cs="Velikost jeho měst podle počtu obyvatel (under_5k, 5k_20k, 20k_50k, "
                    "50k_100k, over_100k).",
          indexed=False, derived_from="municipality", key=False),
    Facet(name="funder", field="funders", table="funder", model="Funder", slug="funders",
          label=N_("Funding source"), plural=N_("Funding sources"),
          browse=N_("By funding source"),
          export_en="Funding sources and programmes.", export_cs="Zdroje financování a programy.",
          indexed=False, in_hits=True),
    Facet(name="activity", field="activities", table="activity_type", model="ActivityType",
          slug="activities", label=N_("Activity type"), plural=N_("Activity types"),
          browse=N_("By activity type"),
          export_en="Types of activity.", export_cs="Typy aktivit.",
          similarity=2),
    Facet(name="target_group", field="target_groups", table="target_group", model="TargetGroup",
          slug="target-groups", label=N_("Target group"), plural=N_("Target groups"),
          browse=N_("By target group"),
          export_en="Target groups.", export_cs="Cílové skupiny.",
          similarity=1),
    # What the record is: figures of money count projects only, never a programme's
    # allocation on top of the projects it paid for.
    Facet(name="kind", field="kinds", table="record_kind", model="RecordKind", slug="kinds",
          label=N_("Kind of record"), plural=N_("Kinds of record"),
          browse=N_("By kind of record"),
          export_en="What the record describes: PROJECT, PROGRAMME (a programme or grant "
                    "call), SERVICE (a continuing service) or NETWORK (a network or platform).",
          export_cs="Co záznam popisuje: PROJECT (projekt), PROGRAMME (program nebo dotační "
                    "výzva), SERVICE (trvalá služba) nebo NETWORK (síť nebo platforma).",
          indexed=False, default=("PROJECT",)),
)


def stored_facets() -> tuple[Facet, ...]:
    """The facets whose links are written (by imports, curators, merges): all but the
    derived ones."""
    return tuple(found for found in FACETS if not found.derived_from)


def facet(name: str) -> Facet:
    """The facet called ``name`` (its parameter name)."""
    return _by("name", name)


def facet_of_field(field_name: str) -> Facet:
    """The facet whose record key and Project relationship is ``field_name``."""
    return _by("field", field_name)


def facet_of_slug(slug: str) -> Facet:
    """The facet whose browse pages live under ``slug``."""
    return _by("slug", slug)


def _by(attribute: str, value: str) -> Facet:
    for found in FACETS:
        if getattr(found, attribute) == value:
            return found
    raise KeyError(value)


# Labels of the values of enumerated fields (stored value -> English label).
LANGUAGES: Mapping[str, str] = {"cs": N_("Czech"), "en": N_("English")}
PRECISIONS: Mapping[str, str] = {"day": N_("day"), "month": N_("month"), "year": N_("year")}
SCOPES: Mapping[str, str] = {
    "local": N_("Local"),
    "regional": N_("Regional"),
    "national": N_("National"),
    "international": N_("International"),
}
STATUSES: Mapping[str, str] = {
    "draft": N_("Draft"),
    "in_review": N_("In review"),
    "published": N_("Published"),
    "archived": N_("Archived"),
}
class Relation(NamedTuple):
    """A kind of link between two projects: its name as a heading or button, and how it
    reads from the project it starts at ("predecessor of" #12)."""

    label: str
    reads: str


RELATIONS: Mapping[str, Relation] = {
    "same_series": Relation(N_("Same series"), N_("same series as")),
    "predecessor_of": Relation(N_("Predecessor and successor"), N_("predecessor of")),
    "possible_duplicate": Relation(N_("Possible duplicate"), N_("possible duplicate of")),
    "distinct": Relation(N_("Distinct projects"), N_("distinct from")),
}

# Kinds of scalar fields: how a value is edited, compared and shown. A COUNT is a whole
# number of people or things; LINKS a list of web addresses, each with its kind and label.
TEXT, LONG_TEXT, CODE, DATE, PRECISION, MONEY, CURRENCY, BOOLEAN, CHOICE, COUNT, LINKS = (
    "text", "long_text", "code", "date", "precision", "money", "currency", "boolean", "choice",
    "count", "links")

# The parts of the edit form and of the project page a field may belong to; fields of no
# part are the record's own. The good-practice sheet tells a town what a project achieved
# and what copying it takes.
SHEET = "sheet"
# What a link of the sheet points to (stored value -> English label).
LINK_KINDS: Mapping[str, str] = {
    "methodology": N_("Methodology"),
    "report": N_("Report"),
    "photos": N_("Photos"),
    "other": N_("Other"),
}


@dataclass(frozen=True)
class Field:
    """A scalar field of a project: a column of ``Project`` that curators see."""

    name: str  # Project attribute and snapshot key
    label: str
    kind: str
    editable: bool = True  # on the edit form (status and the badge have pages of their own)
    values: Mapping[str, str] = field(default_factory=dict)  # labels of a CHOICE's values
    # A text kept in each language has a field per language, "<text>_<language>": the
    # label of the text in any language ("Title"), given by _in_each_language.
    pair: str = ""
    # Personal data: public only while the project records the person's consent
    # (knowledge_platform.personal applies this on every public surface).
    personal: bool = False
    part: str = ""  # SHEET for the good-practice sheet's fields
    # The codebook's description of its export column, in English and in Czech; only the
    # fields of a part are exported from here (the others have columns of their own).
    export_en: str = ""
    export_cs: str = ""


def _in_each_language(name: str, label: str, kind: str, labels: Mapping[str, str],
                      exports: Mapping[str, tuple[str, str]] | None = None,
                      **options: Any) -> tuple[Field, ...]:
    """The fields of a text kept in each of LANGUAGES, ``<name>_<language>``, each with
    its own label in ``labels`` and its codebook texts (English, Czech) in ``exports``."""
    return tuple(Field(f"{name}_{code}", labels[code], kind, pair=label,
                       export_en=(exports or {}).get(code, ("", ""))[0],
                       export_cs=(exports or {}).get(code, ("", ""))[1], **options)
                 for code in LANGUAGES)


# --- The contact person: personal data, listed only with their consent ---------------------
# The public sees name, role, e-mail and phone while CONSENT is on (a curator recorded the
# person's agreement and its date, CONSENT_DATE); the consent itself is never public.
CONSENT, CONSENT_DATE = "contact_consent", "contact_consent_date"
CONTACT_PERSON: tuple[Field, ...] = (
    Field("contact_name", N_("Contact person"), TEXT, personal=True),
    Field("contact_role", N_("Contact person's role"), TEXT, personal=True),
    Field("contact_email", N_("Contact person's e-mail"), TEXT, personal=True),
    Field("contact_phone", N_("Contact person's phone"), TEXT, personal=True),
    Field(CONSENT, N_("The contact person agreed to be listed publicly"), BOOLEAN,
          personal=True),
    Field(CONSENT_DATE, N_("Date of the contact person's consent"), DATE, personal=True),
)
# ---------------------------------------------------------------------------------------------

FIELDS: tuple[Field, ...] = (
    *_in_each_language("title", N_("Title"), TEXT,
                       {"cs": N_("Title in Czech"), "en": N_("Title in English")}),
    *_in_each_language("summary", N_("Summary"), LONG_TEXT,
                       {"cs": N_("Summary in Czech"), "en": N_("Summary in English")}),
    *_in_each_language("description", N_("Description"), LONG_TEXT,
                       {"cs": N_("Description in Czech"), "en": N_("Description in English")}),
    Field("language", N_("Language of the sources"), CHOICE, values=LANGUAGES),
    Field("registration_number", N_("Registration number"), CODE),
    Field("start_date", N_("Start date"), DATE),
    Field("start_precision", N_("Start date accurate to"), PRECISION, values=PRECISIONS),
    Field("end_date", N_("End date"), DATE),
    Field("end_precision", N_("End date accurate to"), PRECISION, values=PRECISIONS),
    Field("budget_total", N_("Total budget"), MONEY),
    Field("subsidy", N_("Subsidy"), MONEY),
    Field("currency", N_("Currency"), CURRENCY),
    Field("budget_approximate", N_("Budget is approximate"), BOOLEAN),
    Field("scope", N_("Scope"), CHOICE, values=SCOPES),
    Field("status", N_("Status"), CHOICE, editable=False, values=STATUSES),
    Field("good_practice", N_("Good practice"), BOOLEAN, editable=False),
    *_in_each_language("good_practice_reason", N_("Reason for the good-practice badge"),
                       LONG_TEXT, {"cs": N_("Reason for the good-practice badge in Czech"),
                                   "en": N_("Reason for the good-practice badge in English")},
                       editable=False),
    *_in_each_language("good_practice_override",
                       N_("Why the badge without a qualifying evaluation"), LONG_TEXT,
                       {"cs": N_("Why without a qualifying evaluation, in Czech"),
                        "en": N_("Why without a qualifying evaluation, in English")},
                       editable=False),
    *CONTACT_PERSON,
    # The good-practice sheet: what the project achieved, what it taught, what copying it
    # takes, and where its methodology, reports and photos are. Cost per participant is
    # worked out from the budget and the participants (sheet_costs), never typed.
    *_in_each_language("results", N_("Results"), LONG_TEXT,
                       {"cs": N_("Results in Czech"), "en": N_("Results in English")},
                       exports={"cs": ("What the project achieved, with numbers, in Czech.",
                                       "Čeho projekt dosáhl (s čísly), česky."),
                                "en": ("What the project achieved, with numbers, in English.",
                                       "Čeho projekt dosáhl (s čísly), anglicky.")},
                       part=SHEET),
    *_in_each_language("lessons", N_("Lessons learned"), LONG_TEXT,
                       {"cs": N_("Lessons learned in Czech"),
                        "en": N_("Lessons learned in English")},
                       exports={"cs": ("Lessons learned, in Czech.", "Poučení, česky."),
                                "en": ("Lessons learned, in English.", "Poučení, anglicky.")},
                       part=SHEET),
    *_in_each_language("requirements", N_("What it takes"), LONG_TEXT,
                       {"cs": N_("What it takes, in Czech"),
                        "en": N_("What it takes, in English")},
                       exports={"cs": ("What a town needs to copy it (staff, partners, money, "
                                       "time), in Czech.",
                                       "Co obec potřebuje, aby projekt převzala (lidé, "
                                       "partneři, peníze, čas), česky."),
                                "en": ("What a town needs to copy it (staff, partners, money, "
                                       "time), in English.",
                                       "Co obec potřebuje, aby projekt převzala (lidé, "
                                       "partneři, peníze, čas), anglicky.")},
                       part=SHEET),
    Field("participants", N_("Participants"), COUNT, part=SHEET,
          export_en="How many people took part or were served, as the sources count them.",
          export_cs="Kolik lidí se zapojilo nebo dostalo službu, jak je počítají zdroje."),
    Field("sheet_links", N_("Methodologies, reports and photos"), LINKS, part=SHEET,
          values=LINK_KINDS,
          export_en="Web addresses of the project's methodologies, reports and photos.",
          export_cs="Webové adresy metodik, zpráv a fotografií projektu."),
)


def part_fields(part: str) -> tuple[Field, ...]:
    """The fields of ``part`` (SHEET), in their order."""
    return tuple(scalar for scalar in FIELDS if scalar.part == part)


class LanguagePair(NamedTuple):
    """A text kept in each language: its name ("title"), its label ("Title") and its
    field per language, by language code in the order of LANGUAGES (Czech first)."""

    name: str
    label: str
    fields: Mapping[str, Field]


def language_pairs(fields: Iterable[Field] = FIELDS) -> tuple[LanguagePair, ...]:
    """The texts kept in each language among ``fields``, in their order, read from the
    fields' names ("title_cs", "title_en")."""
    found: dict[str, dict[str, Field]] = {}
    labels: dict[str, str] = {}
    for scalar in fields:
        if scalar.pair:
            name, _, code = scalar.name.rpartition("_")
            found.setdefault(name, {})[code] = scalar
            labels[name] = scalar.pair
    return tuple(LanguagePair(name, labels[name], {code: by_code[code] for code in LANGUAGES
                                                   if code in by_code})
                 for name, by_code in found.items())


@dataclass(frozen=True)
class OrganisationField:
    """The organisations of a project in one role, in their order (the first one leads)."""

    name: str
    label: str
    role: str  # a value of models.Role


ORGANISATION_FIELDS: tuple[OrganisationField, ...] = (
    OrganisationField("implementers", N_("Implementers"), "implementer"),
    OrganisationField("partners", N_("Partners"), "partner"),
)


def field_labels() -> dict[str, str]:
    """Every tracked field's English label by name, in the fields' usual order."""
    return {
        **{scalar.name: scalar.label for scalar in FIELDS},
        **{found.field: found.plural for found in FACETS},
        **{organisations.name: organisations.label for organisations in ORGANISATION_FIELDS},
    }
