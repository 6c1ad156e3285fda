"""Implementers a page implies without a label or a sentence naming them: a town's or city
district's own page about the Ministry of the Interior's municipal grant, a "we"-page under
an organisation's heading, a research team led by its first member's institution, and the
organisation whose web site the page is (the address confirms a name the text gives)."""

from __future__ import annotations

import re
from functools import lru_cache

from importers.extract.finding import NOTHING, Finding
from importers.extract.names import (
    canonical_organisation,
    is_person,
    is_place_name,
    nominative,
    organisation_type,
)
from importers.extract.org_text import (
    CONNECTORS,
    LEGAL_FORM_AFTER,
    LOWER,
    UPPER,
    capitalised_run,
    known_prefix,
    names_only_an_organisation,
    reads_as_organisation,
)
from importers.extract.site_owner import (
    compact,
    host_labels,
    publisher,
    site_owner,
    towns_by_host,
)
from importers.extract.text import lines, strip_bullet

# The Ministry of the Interior's grants: municipalities apply for them themselves.
_MINISTRY_GRANT = re.compile(
    r"\b(?:Ministerstv\w* vnitra|MV ČR|MVČR|MV)\b.{0,300}?\b(?:dotac\w*|grant\w*|výzv\w*)"
    r"|\b(?:dotac\w*|grant\w*|výzv\w*)\b.{0,300}?\b(?:Ministerstv\w* vnitra|MV ČR|MVČR|MV)\b",
    re.S,
)


_OWN_PROJECT = re.compile(r"\b(?:[Pp]rojekt\w*|dotac\w*|grant\w*)\b")


def implied_implementer(text: str, url: str | None, site_name: str | None = None) -> Finding:
    """The implementer the page implies, or nothing: the first research team member's
    institution, a city district or town acting on its own page, the organisation heading
    a "we"-page, the site's owner by its address or by the name it publishes under."""
    team = team_affiliations(text)
    if team:
        return Finding(team[0][0], team[0][1], 0.5)
    district = _city_district(text)
    if district:
        return Finding(district, "a city district's project under the ministry's grant", 0.5)
    town = _town_site(text, url)
    if town:
        return Finding(town, f"the town's own page: {url}", 0.5)
    project = _town_project(text)
    if project:
        return Finding(project[0], project[1], 0.45)
    heading = _we_page_organisation(text)
    if heading:
        return Finding(heading, heading, 0.45)
    owner = site_owner(url, text)
    if owner:
        return Finding(owner, f"the page's address: {url}", 0.45)
    named = publisher(site_name, text)
    if named:
        return Finding(named, f"the site's name: {site_name}", 0.4)
    return NOTHING


# --- a city district or a town ---------------------------------------------------------------

_DISTRICT = re.compile(
    rf"\b(?P<head>MČ|[Mm]ěstsk\w+ část\w*) (?P<name>[{UPPER}]\w+(?:-\w+)*(?: \d{{1,2}}\b)?)"
)
# "MČ získala dotaci", "Městská část komunikuje": the district acting, named by its head only.
_BARE_DISTRICT = re.compile(rf"\b(?:MČ|[Mm]ěstská část)\b(?! [{UPPER}\d])")


def _city_district(text: str) -> str | None:
    """ "MČ Praha-Libuš" when the page speaks of one city district, which acts ("MČ
    získala dotaci") and applies for the ministry's grant."""
    found = list(_DISTRICT.finditer(text))
    names = {match.group("name") for match in found}
    if len(names) != 1 or not _BARE_DISTRICT.search(text) or not _MINISTRY_GRANT.search(text):
        return None
    name = names.pop()
    if any(match.group("head") == "MČ" for match in found):
        return f"MČ {name}"
    return f"Městská část {name}"


def _own_district(text: str, name: str) -> str | None:
    """A numbered Prague district on its own site ("praha12.cz"), as the text names it."""
    if not _MINISTRY_GRANT.search(text):
        return None
    for match in _DISTRICT.finditer(text):
        if match.group("name") == name:
            return f"MČ {name}" if match.group("head") == "MČ" else f"Městská část {name}"
    return None


def _town_site(text: str, url: str | None) -> str | None:
    """The town whose own web site the page is, when the text names it and the town
    applies for the ministry's grant; as the text writes it in the nominative ("Město Kolín"
    for "města Kolína", "Plzeň")."""
    town = None
    for label in host_labels(url):
        district = re.fullmatch(r"(?:mc-?)?praha-?(\d{1,2})", label)
        if district:
            return _own_district(text, f"Praha {district.group(1)}")
        town = towns_by_host().get(compact(re.sub(r"^(?:mesto|mestys|obec|mu)-?", "", label)))
        if town:
            break
    # On its own site a town's project page is the town's unless a sentence or label names
    # someone else (found before this fallback); a grant or a project must be in the text.
    if not town or not (_MINISTRY_GRANT.search(text) or _OWN_PROJECT.search(text)):
        return None
    name, forms = town
    # The nominative as written first: "Město Kolín", then "Kolín", then "města Kolína".
    written = re.search(
        r"\b(?:[Ss]tatutární město|[Hh]lavní město|[Mm]ěsto|[Oo]bec|[Mm]ěstys) "
        rf"{re.escape(name)}\b",
        text,
    )
    if written:
        return written.group(0)[:1].upper() + written.group(0)[1:]
    any_form = "|".join(re.escape(form) for form in sorted(forms, key=len, reverse=True))
    titled = re.search(
        rf"\b(?P<statutory>statutární\w*\s+)?(?P<head>měst|obc|obec)\w*\s+"
        rf"(?:{any_form})\b",
        text,
        re.I,
    )
    if not titled:
        return name if re.search(rf"\b{re.escape(name)}\b", text) else None
    if titled.group("statutory"):
        return f"Statutární město {name}"
    # "spoluúčast města Pardubice": the town's official name ("Statutární město …").
    return _official_town(name) if titled.group("head").lower() == "měst" else f"Obec {name}"


def _official_town(name: str) -> str:
    """A town's official name: "Statutární město X" for a statutory city the directory
    knows, else "Město X"."""
    canonical = canonical_organisation(f"Město {name}")
    if canonical and organisation_type(canonical) == "municipality" and canonical.endswith(name):
        return canonical
    return f"Město {name}"


# "Projekt na podporu integrace cizinců města Česká Lípa": the town whose project it is,
# named in the genitive after the project's description.
_PROJECT_OF_TOWN = re.compile(
    rf"\b[Pp]rojekt\w*(?: [{LOWER}]+){{0,7}} (?P<statutory>statutárního )?(?:města|obce"
    rf"|městyse) (?P<town>[{UPPER}][\w-]*(?: (?:nad|pod) [{UPPER}]\w*| [{UPPER}][\w-]*)?)"
)


@lru_cache(maxsize=1)
def _town_forms() -> dict[str, str]:
    from importers.extract.regions import towns

    return {form: town.name for town in towns() if not town.ambiguous for form in town.forms}


def _town_project(text: str) -> tuple[str, str] | None:
    """The town of "projekt … města X" on a page about the ministry's municipal grant
    (only municipalities apply), with the phrase that names it."""
    if not _MINISTRY_GRANT.search(text):
        return None
    for match in _PROJECT_OF_TOWN.finditer(text):
        words = match.group("town").split()
        for end in range(len(words), 0, -1):
            town = _town_forms().get(" ".join(words[:end]))
            if town:
                name = f"Statutární město {town}" if match.group("statutory") else (
                    _official_town(town))
                return name, match.group(0)
    return None


# --- a "we"-page under an organisation's heading ---------------------------------------------

_WE = re.compile(rf"\b(?:jsme|[{LOWER}]+(?:eme|íme|áme)|we|our|us)\b", re.I)
_QUOTATION = re.compile(r"„[^“”]{0,2000}[“”]|“[^”]{0,2000}”")


# "v naší organizaci Slunce, z.s.", "our association, Lipa Centre": the page's "we" named.
_OUR_ORGANISATION = re.compile(
    r"\b(?:naš\w+|our) (?:organizac\w+|spol(?:ek|ku|kem)|sdružení|centr\w+|poradn\w+"
    r"|organi[sz]ation|association|centre|center),? (?:the )?"
    rf"(?P<org>[{UPPER}][^;:!?()]{{1,80}})"
    rf"|\b[Ww]e at (?:the )?(?P<at>[{UPPER}][^;:!?()]{{1,80}})"
    # "Jsme nezisková organizace Kvítek", "We are the Lipa Association"
    rf"|\b(?:Jsme|We are) (?:an? |the )?(?:[{LOWER}-]+ ){{0,2}}(?:organizace|spolek|sdružení"
    r"|organi[sz]ation|association|NGO|charity),? (?:called |named )?"
    rf"(?P<are>[{UPPER}][^;:!?()]{{1,80}})"
)
# "která jako Správa X provozujeme", "as the Lipa Centre, we offer": the "we" named.
_AS_WE = re.compile(
    rf"\bjako (?P<org>[{UPPER}][^,.;:!?]{{2,80}}?) (?:jsme|[{LOWER}]+(?:eme|íme|áme))\b"
    r"|\b[Aa]s (?:the )?(?P<en>[A-Z][^,.;:!?]{2,80}?),? we\b"
)
# "Three Peas is a registered charity …", "Spolek X, z. s. je organizace, která …": a page
# in the first person saying what it is.
_DEFINES_ITSELF = re.compile(
    rf"(?:^|[.!?]\s+)(?P<org>[{UPPER}][^.;:!?()\n]{{1,80}}?(?:,? (?:z\. ?s|o\. ?s|o\. ?p\. ?s"
    rf"|z\. ?ú)\.)?) (?:je (?:[{LOWER}]+ ){{0,2}}(?:organizace|spolek|sdružení|nadace),"
    r" (?:která|který|které|jež|jenž)\b|is (?:an?|the) (?:[a-z-]+ ){0,2}(?:charity"
    r"|organi[sz]ation|association|NGO|foundation)\b)",
    re.M,
)
_NOT_A_NAME = re.compile(r"^(?:Projekt|Project|It|This|That|Tento|Tato|To|Which|Who|She|He)\b")


def _capitalised_words(name: str) -> bool:
    """A name of capitalised words ("Three Peas"), not a sentence's opening words."""
    words = [w for w in name.split() if w.lower() not in CONNECTORS]
    return bool(words) and not _NOT_A_NAME.match(name) and all(
        w[:1].isupper() or w[:1].isdigit() for w in words)
# "V Poradně pro integraci pomáháme …": where "we" work, named in the locative.
_WE_IN = re.compile(
    rf"(?:^|[.!?]\s+)Ve? (?P<org>[{UPPER}][^,.;:!?]{{2,60}}?) (?:jsme|[{LOWER}]+(?:eme|íme|áme))\b",
    re.M,
)


def _we_page_organisation(text: str) -> str | None:
    """The organisation a page written in the first person plural ("pustili jsme se",
    "we offer") names as itself ("naše organizace X", "Jsme spolek X"), that heads it (one
    of its first lines, an organisation's name and nothing else), or where "we" work ("V
    Poradně pro integraci pomáháme …")."""
    # Quotations are someone else's voice ("„Chtěli jsme…“, řekla"), not the page's.
    if len(_WE.findall(_QUOTATION.sub("", text[:5000]))) < 3:
        return None
    match = _OUR_ORGANISATION.search(text)
    if match:
        org = match.group("org") or match.group("at") or match.group("are")
        name = known_prefix(org) or capitalised_run(org)
        form = LEGAL_FORM_AFTER.match(org[len(name) :]) if name else None
        if name:
            return name + (form.group(0) if form else "")
    match = _AS_WE.search(text) or _DEFINES_ITSELF.search(text)
    name = (match.group("org") or match.groupdict().get("en") or "").strip() if match else ""
    if name and (reads_as_organisation(name) or _capitalised_words(name)):
        return name
    heads = [line for line in lines(text[:2000]) if line][:3]
    heading = next((line for line in heads if names_only_an_organisation(line)), None)
    if heading:
        return heading
    locative = _WE_IN.search(text)
    if locative:
        name = nominative(locative.group("org"))
        if reads_as_organisation(name):
            return name
    return None


# --- a research team ---------------------------------------------------------------------------

_TEAM_HEADING = re.compile(
    r"^(?:(?:výzkumný|řešitelský|projektový|realizační) tým|členové (?:výzkumného |řešitelského"
    r" |projektového )?týmu|(?:research|project) team|team members)\s*:?$",
    re.I,
)
_DEGREE = re.compile(r"\b(?:Ph\.\s?D|CSc|DrSc|MBA|DiS)\.?(?=[\s,]|$)")
_TITLE = re.compile(r"^(?:(?:prof|doc|Mgr|Bc|Ing|PhDr|JUDr|RNDr|Dr|MUDr)\.\s*)+")
# "Jana Nová", "Ewa Ślęzak-Belowska": two or three capitalised words of letters.
_PERSON = re.compile(r"^(?:[^\W\d_][^\W\d_]*(?:-[^\W\d_]+)?(?: |$)){2,3}$")


def team_affiliations(text: str) -> list[tuple[str, str]]:
    """The institutions of a research team's members, in the order listed, with the line
    that names each ("Jana Nová, Ph.D., Fakulta X, Česká republika" -> "Fakulta X")."""
    all_lines = lines(text)
    for i, line in enumerate(all_lines):
        if _TEAM_HEADING.match(line):
            return _affiliations(all_lines[i + 1 : i + 40])
    return []


def _affiliations(block: list[str]) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    started = False
    for line in block:
        if not line:
            if started:
                break
            continue
        started = True
        name = _affiliation(strip_bullet(line))
        if name is None:
            break
        if name not in (n for n, _ in found):
            found.append((name, line))
    return found


def _affiliation(item: str) -> str | None:
    """The institution of one "person, degree, institution, country" item."""
    parts = [p.strip(" .") for p in re.split(r",|" + _DEGREE.pattern, item)]
    parts = [p for p in parts if p]
    if len(parts) < 2:
        return None
    person = _TITLE.sub("", parts[0]).strip()
    if not _PERSON.match(person) or not all(word[:1].isupper() for word in person.split()):
        return None
    for part in parts[1:]:
        part = _TITLE.sub("", part).strip()
        if is_place_name(part) or is_person(part):
            continue
        return part if part[:1].isupper() else None
    return None
