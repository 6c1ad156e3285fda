"""The project's own name, and titles written in capitals turned into normal case."""

from __future__ import annotations

import re
from collections.abc import Iterable

from importers.extract.fields import LABEL_LINE, classify_label, field_evidence, labelled
from importers.extract.finding import NOTHING, Finding
from importers.extract.names import canonical_organisation, is_person, known_names
from importers.extract.regions import town_region
from importers.extract.regnum import without_registration_number
from importers.extract.text import clean, is_upper_line, lines, paragraphs, sentence_of
from importers.readers.fields import is_navigation_bar
from search_index.text import fold

# Lines that logos, slide templates and page chrome put above or around the real title.
_BOILERPLATE = re.compile(
    r"^(evropsk\w* unie|spolufinancovano( evropskou unii)?|european union|co-?funded by( the)?"
    r"( european union)?|ministerstv\w* \w+( \w+)?|ceske republiky|ceska republika"
    r"|projekt|project|evropsk\w* socialni fond|operacni program \w+( plus)?|azylov\w*,? migracni"
    r" a integracni fond|dekujeme za pozornost|thank you.*|obsah projektu|cile? projektu"
    r"|cilova skupina|cilove skupiny|hlavni vystupy|vystupy( projektu)?|realizator a partneri"
    r"( projektu)?|partneri( projektu)?|kontakt\w*|o nas|about us|home|uvod|aktuality|news"
    r"|menu|navigace|prioritni osa.*|vyzva \d+.*|eu|esf|amif|opz\+?|fondy ehp a norska"
    r"|eea and norway grants|norway grants|erasmus\+?|unhcr|mv cr"
    # Skip links, page furniture and notices around the content.
    r"|preskocit na (?:obsah|hlavni obsah|navigaci)|skip to (?:main )?content|hlavni menu"
    r"|main (?:menu|navigation)|vyhledavani|search|informace o projektu|o projektu"
    r"|about the project|project information|important legal notice|pravni upozorneni"
    r"|cookies?.*|souhlasim|mapa stranek|sitemap"
    # Section headings of a project card ("Co je cílem projektu", "Financování projektu").
    r"|(?:co je |jake jsou )?(?:cil\w*|popis|financovani|harmonogram|vystupy|vysledky|aktivity"
    r"|anotace|zakladni informace|informace|udaje)(?: a \w+)? projektu"
    r"|project (?:goals?|aims?|objectives?|description|funding|partners|results|outputs"
    r"|activities|summary|details))$"
)
# Photo captions ("Foto: ...", "Obrázek knihovna pro sekci ...") and people ("Mgr. Jan Novák",
# "Jana Nováková, Ph.D.") are never a project's name.
_CAPTION = re.compile(r"^(?:foto|photo|obrazek|image|ilustracni foto|zdroj foto)\b", re.I)
_TITLE_AFTER_PROJECT = re.compile(
    r"\b(?:[Pp]rojekt\w*|[Pp]roject)\s+(?:s názvem\s+|nazvan\w+\s+|called\s+|entitled\s+"
    r"|named\s+|titled\s+)?[„“\"”]([^„“\"”\n]{3,200})[“”\"]"
)
# "projekt s názvem Náš společný kraj, který ...", "a project called Open Doors, ...": a
# name announced without quotes runs to the next comma or full stop.
_NAMED = re.compile(
    r"(?:\b(?:[Pp]rojekt\w*|[Pp]roject) (?:s názvem|nazvan\w+|pojmenovan\w+|called"
    r"|entitled|named|titled)|\b(?:It|[Pp]rojekt|[Tt]he project) (?:is|was) (?:called|named)"
    r"|\b(?:[Nn]ese|[Nn]esl) (?:název|jméno)) (?P<name>[A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ][^,.;:!?„“\"”]{2,120})"
)
# A heading line "Research project Smart Migration in the Czech Republic".
_PROJECT_HEADING = re.compile(
    r"^(?:[Rr]esearch |[Pp]ilot |[Vv]ýzkumný |[Pp]ilotní )?(?:[Pp]roject"
    r"|[Pp]rojekt) (?P<name>[A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ][^.!?:]{2,120})$"
)
_UNQUOTED = re.compile(
    r"(?:^|(?<=[.!?]\s))(?:[Pp]rojekt|The project)\s+"
    r"(?P<rest>[A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ][^.;:!?]*)"
)
_VERBS = {
    "je", "jsou", "byl", "byla", "bylo", "byli", "bude", "budou", "probíhal", "probíhá",
    "probíhala", "probíhalo", "se", "si", "má", "měl", "zajistí", "zajišťuje", "realizuje",
    "navazuje", "cílí", "cílil", "vznikl", "podporuje", "pomáhá", "nabízí", "poskytuje", "reaguje",
    "usiluje", "začal", "skončil", "trval", "trvá", "potrvá", "financuje", "is", "was", "will",
    "ran", "runs", "has", "had", "aims", "aimed", "started", "took", "takes", "focuses", "focused",
    "provides", "provided", "supports", "supported", "offers", "offered", "helps", "helped",
    "lasted", "lasts", "seeks", "sought", "builds", "are", "were", "chce", "chtějí", "chtěl",
    "chtěla", "pomůže", "pomohl", "pomohla", "nabízel", "přináší", "spojuje", "otevírá", "umožňuje",
    "wants", "brings", "opens", "enables",
}
_WEB_ADDRESS = re.compile(r"https?://|\bwww\.\w", re.I)
# "v rámci projektu Emergency Appeal 2022." / "within the project Open Doors.": a name
# without quotes after "within the project" is only taken when it ends the sentence.
_WITHIN_PROJECT = re.compile(
    r"\b(?:[Vv] rámci|[Ww]ithin|[Uu]nder) (?:the )?(?:projektu|project) "
    r"(?P<name>[A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ][^,.;:!?„“\"”()]{2,200})(?:\.(?:\s|$)"
    # "v rámci projektu X, který město realizuje": a relative clause ends the name too.
    r"|, (?:kter\w+|jenž|jež|which|that) )"
)
_LONGEST_HEADING = 20
# "v rámci projektu Evropského sociálního fondu.": a funder or programme, not a name.
_PROGRAMME = re.compile(
    r"\b(?:fond\w*|funds?|program\w*|unie|union|ministerstv\w*|ministry"
    r"|grant\w*|dotac\w*)\b"
)
# Files offered for download ("Zpráva 2015 [ PDF - 49kB ]", "Leaflet (PDF, 2 MB)").
_FILE_LINK = re.compile(
    r"[\[(]\s*(?:pdf|docx?|xlsx?|pptx?|odt|ods|zip|rtf)\b"
    r"|\b\d+(?:[.,]\d+)?\s*[kKmM]i?B\b"
)
# Page furniture that is not a name whatever else the line says: a website's own name, a
# breadcrumb, another version or language of the page, a bare country, a logo's slogan.
_SITE_FURNITURE = re.compile(
    r"\b(?:web ?site|webov\w* strank\w*|webov\w* portal\w*)\b"
    r"|^(?:navigation path|you are here|jste zde|nachazite se|breadcrumbs?|drobeckov\w* navigace)"
    r"|\b(?:ascii|text\w*|tisk\w*|print\w*|printable|mobil\w*|plain) (?:version|verze)$"
    r"|^verze pro tisk$|\b(?:text|page|also) available in\b|^(?:other|jine) (?:languages|jazyky)$"
    r"|^(?:czech republic|czechia|cesko|the czech republic)$|^investice do rozvoje vzdelavani$"
    # Skip links and datelines: "Přejdi na obsah", "Posted on 12 May in News".
    r"|^(?:prejdi|preskocit|skip) (?:na|to)\b|^(?:posted|published|updated) (?:on|by)\b"
    r"|^(?:publikovano|vlozeno|aktualizovano|datum (?:vydani|zverejneni|publikace|vlozeni))\b"
)
# "Úvod › Tiskové zprávy", "Projects > Erasmus+ > Welcome!": a navigation path.
_QUOTES = "„“”\"'‚‘’«»"
_BREADCRUMB = re.compile(r"\S\s+[›>»]\s+\S")
# Words of headings that name a section of a site or of a record card, not a project:
# news and listings, databases, the parts of a record.
_ORGANISATION_HEADING = re.compile(
    r"^(?:statutarni mesto|mesto|obec|mestska cast|mc|magistrat|krajsky urad|ministerstvo"
    r"|ministry of|(?:\w+ )?(?:diecezni|arcidiecezni|oblastni|farni|mestska) charita|charita"
    r"|diakonie|zakladni skola|materska skola|stredni skola|gymnazium|univerzita|fakulta"
    r"|nadace|nadacni fond|city of|statutory city|municipality of|diocesan charity)\b")
_LEGAL_FORM_END = re.compile(r"(?:\bz\. ?s\.|\bo\. ?p\. ?s\.|\bz\. ?u\.|\bs\. ?r\. ?o\."
                             r"|\bp\. ?o\.|\binc\.|\bltd\.?)\s*$")
_SECTION_WORDS = {
    "aktuality", "aktualita", "novinky", "zpravy", "zpravodajstvi", "zpravodaj", "news", "updates",
    "blog", "clanky", "articles", "tiskove", "press", "releases", "media", "archiv", "archive",
    "udalosti", "events", "kalendar", "calendar", "akce", "pozvanky", "databaze", "database",
    "katalog", "catalogue", "catalog", "prehled", "overview", "seznam", "priklady", "examples",
    "dobre", "dobra", "dobrych", "praxe", "good", "best", "practice", "practices", "popis",
    "description", "vystupy", "outputs", "vysledky", "results", "rozpocet", "budget", "priloha",
    "prilohy", "attachment", "attachments", "doporuceni", "recommendations", "inspirace",
    "inspiration", "zduvodneni", "rationale", "background", "shrnuti", "summary", "kontakt",
    "kontakty", "contact", "contacts", "dokumenty", "documents", "stazeni", "downloads", "download",
    "odkazy", "links", "fotogalerie", "galerie", "gallery", "photos", "fotografie", "videa",
    "videos", "publikace", "publications", "tym", "team", "clenove", "members", "faq", "caste",
    "dotazy", "aktivity", "activities", "klicove", "key", "realizovane", "prubezne", "prubezna",
    "aktualni", "nejnovejsi", "latest", "recent", "regionu", "regionalni", "regional", "region",
    "regions", "informace", "information", "zakladni", "basic",
}
# Words that join section words ("Zprávy z regionu", "News & updates") and name nothing.
_CONNECTORS = {
    "z", "ze", "a", "and", "&", "of", "the", "from", "in", "v", "na", "pro", "for", "ke", "k",
    "our", "nase", "nasi", "o",
}
_SECTION_WORDS |= _CONNECTORS
# The heading of an organisation's profile page, the title when the page names nothing else.
_PROFILE = re.compile(
    r"^(?:about us|o nas|kdo jsme|who we are|o organizaci|about the organi[sz]"
    r"ation)$"
)
_ABBREVIATIONS = {
    "ČR", "EU", "JMK", "AMIF", "ESF", "OPZ", "MV", "MPSV", "MŠMT", "IROP", "UNHCR", "EHP", "EEA",
    "OSN", "UN", "NGO", "MSK", "ÚK", "ÚLK", "PHA", "HMP", "II", "III",
}


def find_title(
    text: str, fields: Iterable[tuple[str, str]] = (), title_hint: str | None = None
) -> Finding:
    """The project's name: a labelled title, a quoted name after "Projekt"/"The project",
    an unquoted "Projekt X probíhal", the page heading, or a capitals line near the top;
    without a registration number glued to it or a quotation mark left unclosed."""
    found = _find_title(text, fields, title_hint)
    if not isinstance(found.value, str):
        return found
    name = without_registration_number(found.value).strip(_QUOTES + " ")
    return Finding(name or None, found.evidence, found.confidence) if name != found.value else found


def _find_title(
    text: str, fields: Iterable[tuple[str, str]], title_hint: str | None
) -> Finding:
    for label, value in labelled(fields, "title"):
        name = clean(value.split("\n")[0])
        if name:
            return Finding(recase(name, text), field_evidence(label, value), 0.95)
    for line in lines(text):
        match = _TITLE_AFTER_PROJECT.search(line)
        if match and not is_boilerplate(match.group(1)):
            return Finding(
                recase(match.group(1).strip(), text), sentence_of(line, match.group(1)), 0.9
            )
    for line in lines(text):
        named = _NAMED.search(line) or _within_project(line)
        if named and not is_boilerplate(named.group("name")):
            return Finding(
                recase(named.group("name").strip(), text),
                sentence_of(line, named.group("name")),
                0.8,
            )
    for line in lines(text):
        unquoted = _unquoted_name(line)
        if unquoted:
            return Finding(recase(unquoted, text), line, 0.75)
        heading = _PROJECT_HEADING.match(line)
        if (
            heading
            and len(heading.group("name").split()) <= 14
            and not is_boilerplate(line)
            and not _field_line(line)
        ):
            return Finding(recase(heading.group("name").strip(), text), line, 0.75)
    return _page_heading(text, title_hint)


def _page_heading(text: str, title_hint: str | None) -> Finding:
    """The page's own heading: the document title unless it is page furniture, a line in
    capitals, or the first short line above the content; else an "About us" heading."""
    # "Centre for Foreigners JMK | Demo": drop the site name after a bar.
    hint = re.split(r"\s+\|\s+", clean(title_hint or ""))[0]
    if hint and not _furniture(hint) and not _field_line(hint) and len(hint.split()) <= 20:
        return Finding(recase(hint, text), hint, 0.7)
    for block in paragraphs(text):
        if "\n" in block or not is_upper_line(block) or _furniture(block) or _field_line(block):
            continue
        if 2 <= len(block.split()) <= 16 and not re.search(r"\.(jpe?g|png|gif|svg)$", block, re.I):
            return Finding(recase(block, text), block, 0.65)
    line = _top_line(text)
    return Finding(recase(line, text), line, 0.3) if line else NOTHING


def _top_line(text: str) -> str | None:
    """The first short line above the page's content that can be a heading; an "About us"
    heading only when nothing else is there."""
    profile = None
    for block in paragraphs(_below_site_header(text)):
        for line in block.split("\n"):
            # The heading stands above the content: once running text has begun, later
            # short lines are section headings or other articles' teasers.
            if _running_text(line):
                return profile
            if LABEL_LINE.match(line) and _field_line(line) and not _WEB_ADDRESS.search(line):
                # Lines under "Partners: A" in the same block continue its list of values.
                break
            if profile is None and _PROFILE.match(_folded(line)):
                profile = line
            if _heading_like(line):
                return line
    return profile


def _below_site_header(text: str) -> str:
    """The text below the site's header: a navigation bar ("Úvod | Projekty | Kontakt") near
    the top closes the block of the site's name, slogan and quick links above it."""
    top = text.split("\n")[:15]
    menus = [i for i, line in enumerate(top) if is_navigation_bar(line)]
    return "\n".join(text.split("\n")[menus[-1] + 1:]) if menus else text


def _heading_like(line: str) -> bool:
    """A line that could be the page heading: short, not furniture, not another field, not a
    file, a navigation bar, a bullet or a label waiting for its value."""
    return (
        bool(line)
        and not _furniture(line)
        and not _field_line(line)
        and len(line.split()) <= 14
        and not _FILE_LINK.search(line)
        and not re.search(r"^\W|:$|\s\|\s|\|$", line)
    )


def _furniture(line: str) -> bool:
    """True for logo lines and for page furniture: headings naming a site section ("News from
    the region", "Database of good practice"), a website, a breadcrumb, a country or another
    version of the page."""
    if is_boilerplate(line):
        return True
    folded = _folded(line)
    words = folded.split()
    return bool(_SITE_FURNITURE.search(folded) or _BREADCRUMB.search(line)) or (
        _names_organisation(line)) or (
        all(word in _SECTION_WORDS for word in words)
        and any(word not in _CONNECTORS for word in words)
    )


def _names_organisation(line: str) -> bool:
    """A heading that is an organisation's name is the site's name, not the project's:
    a known organisation ("OPU – Organizace pro pomoc uprchlíkům"), a town, ministry, charity
    or school by its head word, or a name ending in a legal form."""
    parts = [part.strip() for part in re.split(r"\s[–—-]\s", line) if part.strip()]
    if any(canonical_organisation(part) for part in parts):
        return True
    folded = _folded(line)
    return len(folded.split()) <= 6 and not re.search(r"\d|projekt|project", folded) and bool(
        _ORGANISATION_HEADING.match(folded) or _LEGAL_FORM_END.search(fold(line)))


def _folded(line: str) -> str:
    """The line folded to lower-case ASCII words, punctuation dropped ("&" kept)."""
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s&]", " ", fold(line))).strip()


def _running_text(line: str) -> bool:
    """A sentence of the content: longer than any heading and punctuated (a logo strip that
    lists many names is long but has no punctuation)."""
    return len(line.split()) > _LONGEST_HEADING and bool(re.search(r"[.,;!?](?:\s|$)", line))


def _within_project(line: str) -> re.Match[str] | None:
    """An unquoted name after "v rámci projektu" / "within the project" that ends its sentence
    and reads as a name: no verb, not only abbreviations, not a fund or programme."""
    match = _WITHIN_PROJECT.search(line)
    if not match:
        return None
    words = match.group("name").split()
    if (
        len(words) > _LONGEST_HEADING
        or any(word.lower() in _VERBS for word in words)
        or all(word in _ABBREVIATIONS for word in words)
        or _PROGRAMME.search(fold(match.group("name")))
    ):
        return None
    return match


def _field_line(line: str) -> bool:
    """A line that is another field's value ("Zdroj: https://...", "Kraj: Liberecký"), a web
    address, a photo caption or a person's name: never the project's name."""
    if _WEB_ADDRESS.search(line) or _CAPTION.match(fold(line)) or is_person(line):
        return True
    match = LABEL_LINE.match(line)
    return bool(
        match
        and match.group("value").strip()
        and classify_label(match.group("label")) not in (None, "title")
    )


def is_boilerplate(line: str) -> bool:
    """True for logo lines and headings that are never a project's title."""
    folded = re.sub(r"\s+", " ", re.sub(r"[^\w\s+,]", " ", fold(line))).strip(" ,")
    return not folded or bool(_BOILERPLATE.match(folded))


def _unquoted_name(line: str) -> str | None:
    # Innermost brackets only: "[^)]*" rescanned the rest of the line from every "(".
    without_brackets = re.sub(r"\s*\([^()]*\)", "", line)
    match = _UNQUOTED.search(without_brackets)
    if not match:
        return None
    words: list[str] = []
    for word in match.group("rest").split():
        if word.lower() in _VERBS or word.startswith(("–", "-")):
            break
        words.append(word.strip(","))
        if word.endswith(","):
            break
    # "Projekt DOMA chce ..." names the project; "Projekt AMIF ..." names its programme.
    if not words or len(words) > 14 or len(words) == 1 and words[0] in _ABBREVIATIONS:
        return None
    # A sentence that never reaches a verb is not "Projekt <name> <verb> ..."
    if len(words) == len(match.group("rest").split()):
        return None
    return " ".join(words)


def recase(title: str, text: str) -> str:
    """Normal case for a title written in capitals ("MĚSTA A INKLUZIVNÍ STRATEGIE" ->
    "Města a inkluzivní strategie"), keeping abbreviations, proper nouns and known names."""
    title = clean(title)
    if not is_upper_line(title) or len(title.split()) < 2:
        return title
    capitalised, abbreviations = _capitalised_words(text)
    words = title.split()
    out = []
    for i, word in enumerate(words):
        core = word.strip(",.;:()")
        if core in _ABBREVIATIONS or (
            len(core) <= 4 and core.isalpha() and core.isupper() and core in abbreviations
        ):
            out.append(word)
            continue
        lowered = word.lower()
        proper = lowered[:1].upper() + lowered[1:]
        nxt = words[i + 1].lower() if i + 1 < len(words) else ""
        proper_core = core[:1].upper() + core[1:].lower()
        if (
            i == 0
            or core.lower() in capitalised
            or nxt.startswith(("kraj", "region"))
            or town_region(proper_core)
        ):
            out.append(proper if core.isalpha() or i == 0 else lowered)
        else:
            out.append(lowered)
    result = " ".join(out)
    return _apply_known_names(result)


def _capitalised_words(text: str) -> tuple[set[str], set[str]]:
    """Words the text writes capitalised in the middle of a sentence (lowercased), and the
    abbreviations it writes there."""
    words: set[str] = set()
    abbreviations: set[str] = set()
    for line in lines(text):
        if not line or is_upper_line(line):
            continue
        tokens = line.split()
        for prev, token in zip(tokens, tokens[1:], strict=False):
            core = token.strip(',.;:()„“"”')
            if not core[:1].isupper() or prev.endswith((".", "!", "?", ":")):
                continue
            if core.isupper() and len(core) > 1:
                abbreviations.add(core)
            elif core[1:].islower():
                words.add(core.lower())
    return words, abbreviations


def _apply_known_names(title: str) -> str:
    folded = fold(title)
    # Match positions in the folded title are used on the title itself, which only holds
    # while folding kept every character one character ("ﬁ" and "ß" become two).
    if len(folded) != len(title):
        return title
    for name in known_names():
        key = fold(name)
        if len(key) < 6 or len(key) != len(name):
            continue
        for match in re.finditer(r"(?<!\w)" + re.escape(key) + r"(?!\w)", folded):
            title = title[: match.start()] + name + title[match.end() :]
    return title
