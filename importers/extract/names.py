"""Organisation names: the directory of known organisations with their aliases, names
cleaned of contact details and legal forms for matching, and the nominative case of Czech names."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from importers.extract.text import clean, lemma, read_tsv
from search_index.text import fold

# Czech legal forms as written after a name; the final dot is often lost ("Slovo 21 z.s").
# "o. p." is "o. p. s." cut short.
_LEGAL_FORM = (
    r"(?:z\.\s?s\.\s?p\.\s?o\.?|z\.\s?s\.?|z\.\s?ú\.?|o\.\s?p\.\s?s\.?|o\.\s?p\."
    r"|o\.\s?s\.?|spol\.\s?s\s?r\.\s?o\.?|s\.\s?r\.\s?o\.?|a\.\s?s\.?|p\.\s?o\.?|v\.\s?o\.\s?s\.?"
    r"|v\.\s?v\.\s?i\.?|příspěvková organizace)"
)
_TRAILING_FORM = re.compile(r"(?:^|,|\s)\s*" + _LEGAL_FORM + r"[\s,.]*$", re.I)
# "Regionální vzdělávací a informační středisko, příspěvková organizace Tachov": the form
# inside the name (a list splitter may have turned its comma into " a ").
_INNER_FORM = re.compile(r"(?:\s+a|,)?\s+příspěvková organizace\b", re.I)
_SETTLEMENTS = {"město", "obec", "městys", "městská část", "city", "town"}
# A name marked so in the data file is matched only as a whole name, never inside running text.
_WHOLE_NAME_MARK = "="
ORGANISATION_TYPES = (
    "ngo", "municipality", "region", "ministry", "school", "international", "other",
)


@lru_cache(maxsize=1)
def _directory() -> tuple[tuple[tuple[str, tuple[str, ...], str | None], ...], frozenset[str]]:
    """(canonical, aliases, type) per known organisation, and the whole-name-only names."""
    entries = []
    whole_only = set()
    for row in read_tsv("organisations.tsv"):
        names = [row[0], *(row[1].split("|") if len(row) > 1 else [])]
        names = [name.strip() for name in names if name.strip()]
        for i, name in enumerate(names):
            if name.startswith(_WHOLE_NAME_MARK):
                names[i] = name[len(_WHOLE_NAME_MARK) :].strip()
                whole_only.add(names[i])
        kind = row[2] if len(row) > 2 and row[2] else None
        if kind is not None and kind not in ORGANISATION_TYPES:
            raise ValueError(f"organisations.tsv: unknown type {kind!r} of {names[0]!r}")
        entries.append((names[0], tuple(names[1:]), kind))
    return tuple(entries), frozenset(whole_only)


def _alias_table() -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((canonical, aliases) for canonical, aliases, _ in _directory()[0])


@lru_cache(maxsize=16_384)  # names recur within a document and across a run
def name_key(name: str) -> str:
    """A name reduced for comparison: no case, diacritics, punctuation or leading "the"."""
    name = re.sub(r"^(the|a|an)\s+", "", clean(name), flags=re.I)
    return re.sub(r"[^a-z0-9+]+", " ", fold(name)).strip()


@lru_cache(maxsize=1)
def _alias_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for canonical, aliases in _alias_table():
        for name in (canonical, *aliases):
            for key in {name_key(name), name_key(without_legal_form(name))}:
                if key:
                    index.setdefault(key, canonical)
    return index


def organisation_aliases() -> list[tuple[str, list[str]]]:
    """Every known organisation as (canonical name, [aliases]) for the persistence layer."""
    return [(canonical, list(aliases)) for canonical, aliases in _alias_table()]


def organisation_type(name: str | None) -> str | None:
    """The type the directory gives a known organisation ("ngo", "municipality", ...)."""
    canonical = canonical_organisation(name)
    if canonical is None:
        return None
    return next((kind for c, _, kind in _directory()[0] if c == canonical), None)


def without_legal_form(name: str) -> str:
    """``name`` without a trailing legal form ("MOST PRO, o.p.s." -> "MOST PRO") or one
    inside it ("…středisko, příspěvková organizace Tachov" -> "…středisko Tachov")."""
    name = clean(name)
    for _ in range(2):
        # Only the tail is searched: the pattern starts at every space, a long name would
        # make that quadratic.
        head, tail = name[:-40], name[-40:]
        match = _TRAILING_FORM.search(tail)
        if not match or not (head or match.start()):
            break
        name = (head + tail[: match.start()]).rstrip(" ,;–—-")
    if len(name) <= 300 and "říspěvková" in name:
        stripped = _INNER_FORM.sub("", name).strip(" ,")
        name = stripped or name
    return name


@lru_cache(maxsize=8192)  # a document asks about the same few names again and again
def canonical_organisation(name: str | None) -> str | None:
    """The canonical name of a known organisation ("SIMI" -> "Sdružení pro integraci a
    migraci"), or None when the name is not in importers/data/organisations.tsv.

    Contact details glued to the name, a legal form ("z. s.", ", o.p.s.") and a trailing
    bracket ("(SIMI)") do not matter."""
    if not name:
        return None
    index = _alias_index()
    key = name_key(name)
    if key in index:
        return index[key]
    cleaned = clean_organisation_name(name)
    for candidate in (cleaned, without_legal_form(cleaned)):
        key = name_key(candidate)
        if key in index:
            return index[key]
    # "[^()]", not "[^)]": the scan from every "(" to the end was quadratic in their number.
    bare = re.sub(r"\s*\([^()]*\)$", "", cleaned)
    if bare != cleaned:
        return index.get(name_key(without_legal_form(bare)))
    return None


def known_names() -> list[str]:
    """All canonical names and aliases that may be looked for inside running text, longest
    first (used to protect and recase names); whole-name-only names are left out."""
    return list(_known_names())


@lru_cache(maxsize=1)
def _known_names() -> tuple[str, ...]:
    entries, whole_only = _directory()
    names = {n for canonical, aliases, _ in entries for n in (canonical, *aliases)}
    return tuple(sorted(names - whole_only, key=len, reverse=True))


# --- contact details glued to a name ---------------------------------------------------------

_URL = re.compile(
    r"(?:https?://|www\.)[^\s,;()<>]++"
    r"|(?<![\w@.-])(?:[\w-]++\.)++(?:cz|sk|eu|org|com|net|info)\b"
    r"(?!\.\w)(?:/[^\s,;()<>]*+)?",
    re.I,
)
_EMAIL = re.compile(r"[\w.+-]++@[\w-]++(?:\.[\w-]++)++")
_PHONE = re.compile(r"(?:\+\s?\d{3}\s?)?\b\d{3}\s?\d{3}\s?\d{3}\b")
_CONTACT_LABEL = re.compile(
    r"[,;(–—-]?\s*\b(?:kontaktní osoba|kontakt|contact person|contact|tel"
    r"|telefon|phone|mobil|e-mail|email|web)\b\s*[.:]",
    re.I,
)
_TITLES = (
    r"(?:Mgr|MgA|Bc|BcA|Ing|Ing\.\s?arch|PhDr|JUDr|MUDr|RNDr|PaedDr|ThDr|PharmDr"
    r"|doc|prof|Dr)\."
)
# ", Mgr. Jana Nová" / "– Bc. Petr Dvořák" to the end: a contact person after a separator.
_TITLED_PERSON = re.compile(r"(?:[,;(|]|\s[–—-])\s*(?:" + _TITLES + r"\s*)+[^\W\d_][^,;()]*$")
_POST_NOMINAL = re.compile(r",?\s*(?:Ph\.\s?D\.|CSc\.|DiS\.|MBA|LL\.\s?M\.)\s*$")
# ", Jana Nová" ending a name that also carried an e-mail or a phone number.
_NAMED_PERSON = re.compile(
    r"[,;]\s*[A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ][a-záčďéěíňóřšťúůýž]+\s+"
    r"[A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ][a-záčďéěíňóřšťúůýž]+$"
)
_TRAILING_SEPARATORS = re.compile(r"[\s,;:|/–—-]+$")


def clean_organisation_name(name: str) -> str:
    """``name`` without the web address, e-mail, phone number or contact person glued to it:
    "MOST PRO, o.p.s. www.mostpro.cz" -> "MOST PRO, o.p.s.", "Poradna X, Mgr. Jana Nová,
    nova@x.cz" -> "Poradna X"; "" when nothing but contact details is left."""
    text = clean(name)
    if len(text) > 1000:
        return text
    label = _CONTACT_LABEL.search(text)
    contact = False
    if label and label.start() > 0:
        text, contact = text[: label.start()], True
    for pattern in (_EMAIL, _URL, _PHONE):
        text, found = pattern.subn(",", text)
        contact = contact or found > 0
    while True:
        before = text
        text = _TRAILING_SEPARATORS.sub("", text)
        text = _POST_NOMINAL.sub("", text)
        text = _TITLED_PERSON.sub("", text)
        if contact:
            text = _NAMED_PERSON.sub("", text)
        if text == before:
            break
    if contact:
        # what is left of the details removed: "(,)", a leading or doubled comma
        text = re.sub(r"\s*\(\s*[,;]?\s*\)", "", text)
        text = re.sub(r"^[\s,;:|/–—-]+", "", text)
        text = re.sub(r"\s*,(?:\s*,)+", ",", text)
    return text.strip()


# --- the spellings an organisation is looked up by -------------------------------------------

# "Town of Vyšší Brod" is "Město Vyšší Brod"; "MČ Praha 3" is "Městská část Praha 3".
_HEAD_TRANSLATIONS = (
    (re.compile(r"^(?:the\s+)?statutory city of\s+", re.I), "Statutární město "),
    (re.compile(r"^(?:the\s+)?(?:town|city) of\s+", re.I), "Město "),
    (re.compile(r"^(?:the\s+)?municipality of\s+", re.I), "Obec "),
    (re.compile(r"^MČ\s+"), "Městská část "),
    (re.compile(r"^Městská část\s+", re.I), "MČ "),
)
_TRAILING_BRACKET = re.compile(r"\s*\(([^()]*)\)$")
_FORMER_NOW = re.compile(r"^(?:now|formerly|previously|nyní|dnes|dříve|původně|dnešní)\s+", re.I)
# "Kraj Vysočina a vydává potraviny…", "MOST pro a registered social service provider": a
# clause glued to a name after a conjunction and a lower-case word; "Liberecký kraj, odbor
# sociálních věcí", "SOZE, pobočka Olomouc": a department, service or branch of the body.
_GLUED_CLAUSE = re.compile(
    r"\s+(?:a|and)\s+(?=[a-záčďéěíňóřšťúůýž])|\s+on behalf of\s+"
    r"|,\s+(?=(?:odbor|oddělení|služba|pobočka|department|branch)\b)"
)


class Spellings(NamedTuple):
    """How an organisation named in a document is looked up, best first."""

    name: str  # the name cleaned of contact details: what a new organisation is called
    names: list[str]  # its spellings: cleaned, without legal form or bracket, head translated
    guesses: list[str]  # looser: the name before a glued clause, a bracket's content
    known_only: frozenset[str]  # guesses that only a known organisation's name may match


def organisation_spellings(name: str) -> Spellings:
    """The spellings ``name`` is looked up by: the cleaned name, without its legal form,
    without a trailing bracket, with a translated generic head ("Town of X" -> "Město X");
    then the guesses: the name before a clause glued to it ("Kraj Vysočina a vydává …" ->
    "Kraj Vysočina", longest first) and a bracket's content ("Diocesan Charity Pilsen
    (Diecézní charita Plzeň)"). A guess followed by capitalised words ("Dům dětí" of "Dům
    dětí a mládeže a Zařízení …") and a bracket's content may only match a known organisation."""
    primary = clean_organisation_name(name) or clean(name)
    names = [primary]
    guesses: list[str] = []
    known_only: set[str] = set()
    bracket = _TRAILING_BRACKET.search(primary) if len(primary) <= 300 else None
    if bracket and bracket.start() > 0:
        names.append(primary[: bracket.start()])
        inner = _FORMER_NOW.sub("", bracket.group(1).strip())
        if inner:
            guesses.append(inner)
            known_only.add(inner)
    for spelling in list(names):
        names.append(without_legal_form(spelling))
    for spelling in list(names):
        for pattern, head in _HEAD_TRANSLATIONS:
            translated = pattern.sub(head, spelling, count=1)
            if translated != spelling:
                names.append(translated)
                break
    if len(primary) <= 300:
        clauses = []
        for match in reversed(list(_GLUED_CLAUSE.finditer(primary))):
            if match.start() == 0:
                continue
            guess = primary[: match.start()]
            clauses.append(guess)
            if re.search(r"\b[A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ]", primary[match.end() :]):
                known_only.add(guess)
        guesses = clauses + guesses
    unique = list(dict.fromkeys(s for s in names if s))
    guesses = [g for g in dict.fromkeys(guesses) if g and g not in unique]
    return Spellings(primary, unique, guesses, frozenset(known_only & set(guesses)))


# --- names that are no organisation --------------------------------------------------------

_AMOUNT = re.compile(
    r"^(?:CZK|EUR|Kč|€)?\s*\d[\d\s.,]*(?:\s*(?:Kč|CZK|EUR|€|korun\w*|mil\.?"
    r"|milion\w*|tis\.?|%))?$",
    re.I,
)
_PERSON_NAME = re.compile(r"^(?:" + _TITLES + r"\s*)+[^\W\d_]")
# "Jana Nová" beside an e-mail address: a contact person.
_FIRST_LAST = re.compile(
    r"^[A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ][a-záčďéěíňóřšťúůýž]+\s+"
    r"[A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ][a-záčďéěíňóřšťúůýž]+$"
)


@lru_cache(maxsize=1)
def _place_names() -> frozenset[str]:
    from importers.extract.regions import towns

    names = {fold(form) for town in towns() for form in (town.name, *town.forms)}
    names |= {fold(form) for row in read_tsv("places.tsv") for form in row[0].split("|")}
    return frozenset(names)


def is_place_name(name: str) -> bool:
    """Whether ``name`` is only a town's or a country's name ("Kolín", "Rakousko")."""
    return fold(clean_organisation_name(clean(name))).strip(" .,") in _place_names()


_DEGREE_AFTER = re.compile(r",?\s*(?:Ph\.?\s?D|CSc|DiS|MBA)\.?$", re.I)


# Words that make "Charles University" or "Anna Foundation" an organisation, not a person.
_ORGANISATION_WORD = re.compile(
    r"^(?:universit|univerzit|college|school|skol|academ|akademi|institut|foundation|fund"
    r"|nadac|centr|center|spol|charit|trust|societ|associat|group|network|librar|knihovn"
    r"|muse|house|hall|club|klub|office|church|cirk)")


@lru_cache(maxsize=1)
def _given_names() -> frozenset[str]:
    return frozenset(fold(row[0]) for row in read_tsv("given_names.tsv"))


def is_person(name: str) -> bool:
    """A person's name: by an academic title ("Mgr. Jana Nová", "Jana Nová, Ph.D.") or as a
    common given name and one surname and nothing else ("Jan Novák", "Sarah Miller")."""
    text = clean(name)
    return bool(
        _PERSON_NAME.match(text)
        or _DEGREE_AFTER.search(text)
        and _FIRST_LAST.match(_DEGREE_AFTER.sub("", text))
        or _FIRST_LAST.match(text) and fold(text.split()[0]) in _given_names()
        and not _ORGANISATION_WORD.match(fold(text.split()[1]))
    )


def not_an_organisation(name: str | None) -> str | None:
    """Why ``name`` names no organisation (an amount, a bare place, a person, nothing but
    contact details), or None when it may name one."""
    text = clean(name or "")
    if not text:
        return "an empty name"
    cleaned = clean_organisation_name(text)
    if not cleaned:
        return "nothing but contact details"
    if canonical_organisation(cleaned):
        return None  # "Hlavní město Praha" is also how the gazetteer writes the place
    if _AMOUNT.match(cleaned):
        return "an amount or a number, not an organisation"
    if is_place_name(cleaned):
        return "a bare place name, not an organisation (its municipality is 'Město …')"
    if is_person(cleaned) or "@" in text and _FIRST_LAST.match(cleaned):
        return "a person, not an organisation"
    return None


_ADJ_SOFT = re.compile(r"(ího|ímu|ím|ími|ích|í)$")
_ADJ_HARD = re.compile(r"(ého|ému|ém|ým|ými|ých|ou|é|á|ý|ou)$")
# Prepositions and "a": a name's first word that is none of its adjectives or head noun.
_PREPOSITIONS = {"pro", "při", "na", "v", "ve", "z", "ze", "s", "se", "o", "k", "ke", "u", "do"}
_STOP_WORDS = _PREPOSITIONS | {"a", "za", "od", "po", "nad", "pod"}


def _gender(noun_lemma: str) -> str:
    if noun_lemma.endswith(("o", "um", "í", "ě")) and noun_lemma not in {"ústí"}:
        return "n"
    if noun_lemma.endswith(("a", "e")):
        return "f"
    return "m"


def _adjective_nominative(word: str, gender: str) -> str:
    lower = word.lower()
    if _ADJ_SOFT.search(lower):
        base = _ADJ_SOFT.sub("í", lower)
    else:
        stem = _ADJ_HARD.sub("", lower)
        base = stem + {"m": "ý", "f": "á", "n": "é"}[gender]
    return _same_case(word, base)


def _same_case(original: str, word: str) -> str:
    if original.isupper() and len(original) > 1:
        return word.upper()
    return word[:1].upper() + word[1:] if original[:1].isupper() else word


# Head nouns of organisation names whose forms look like adjectives ("Sdružením" ends like
# "jarním") or that the lemmatiser leaves as written ("Diakonií").
_HEAD_NOUNS = {
    "sdružení": "sdružení",
    "diakonie": "diakonie",
    "diakonií": "diakonie",
    "diakonii": "diakonie",
    "sdružením": "sdružení",
    "sdruženími": "sdružení",
}


def _looks_adjective(word: str) -> bool:
    lower = word.lower()
    if lower in _HEAD_NOUNS:
        return False
    lem = lemma(lower, "cs")
    if lem != lower and not lem.endswith(("ý", "í")):
        return False
    adjective_lemma = re.search(r"(ní|ký|cký|ský|ný|ový|ší|čí|ží|cí|ální|ický)$", lem)
    if lem.endswith(("ý", "í")) and adjective_lemma:
        return True
    return bool(
        re.search(
            r"(ního|ckého|ského|ného|ového|ální|ních|ským|ckým|ním|ním|ními"
            r"|skou|ckou|nou|ovou|ské|cké|né|ní)$",
            lower,
        )
    )


def nominative(phrase: str) -> str:
    """A Czech organisation name in the nominative case ("Multikulturního centra Praha" ->
    "Multikulturní centrum Praha"); only the leading adjectives and head noun change."""
    tokens = phrase.split()
    adjectives: list[str] = []
    out: list[str] = []
    for i, token in enumerate(tokens):
        core = token.strip(",.;:")
        if core.lower() in _STOP_WORDS or not core.isalpha() or core.isupper() and len(core) > 1:
            return " ".join(out + adjectives + tokens[i:])
        if _looks_adjective(core):
            adjectives.append(core)
            continue
        head = _HEAD_NOUNS.get(core.lower()) or lemma(core.lower(), "cs")
        gender = _gender(head)
        out.extend(_adjective_nominative(a, gender) for a in adjectives)
        out.append(_same_case(core, head) + token[len(core) :] if token.startswith(core) else token)
        rest = tokens[i + 1 :]
        if head in _SETTLEMENTS and rest and rest[0][:1].isupper():
            town = lemma(rest[0].lower(), "cs")
            rest = [_same_case(rest[0], town), *rest[1:]]
        return " ".join(out + rest)
    return " ".join(out + adjectives)
