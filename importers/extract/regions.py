"""Where a project works: region codes (CZ-NUTS 3), CZ for nationwide, ABROAD."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from importers.extract.fields import LABEL_LINE, classify_label, field_evidence, labelled
from importers.extract.finding import Finding
from importers.extract.funders import funder_codes
from importers.extract.text import about_other_project, is_upper_line, read_tsv, sentences
from search_index.text import fold

# Region adjectives cover the region and its capital in every case ("Ústeckém kraji",
# "Jihomoravského kraje", "ústecký magistrát"); patterns run on folded text.
_REGION_NAMES: tuple[tuple[str, str], ...] = (
    ("CZ010", r"hlavni\w* mest\w* prah\w*|hl\. ?m\. ?prah\w*|prague region|city of prague"),
    ("CZ020", r"stredocesk\w*|central bohemian?\w*"),
    ("CZ031", r"jihocesk\w*|south bohemian?\w*"),
    ("CZ032", r"plzensk\w*|plzen region|pilsen region"),
    ("CZ041", r"karlovarsk\w*|karlovy vary region"),
    ("CZ042", r"usteck\w*|usti nad labem region|usti region"),
    ("CZ051", r"libereck\w*|liberec region"),
    ("CZ052", r"kralovehradeck\w*|hradec kralove region"),
    ("CZ053", r"pardubick\w*|pardubice region"),
    ("CZ063", r"kraj\w* vysocin\w*|vysocin[aeyu]\w*|vysocina region"),
    ("CZ064", r"jihomoravsk\w*|south moravian?\w*"),
    ("CZ071", r"olomouck\w*|olomouc region"),
    ("CZ072", r"zlinsk\w*|zlin region"),
    ("CZ080", r"moravskoslezsk\w*|moravian[- ]silesian\w*"),
)
_ABBREVIATIONS = {
    "PHA": "CZ010", "HMP": "CZ010", "STČ": "CZ020", "SČK": "CZ020", "JČK": "CZ031",
    "JHČ": "CZ031", "PLK": "CZ032", "KVK": "CZ041", "ÚK": "CZ042", "ÚLK": "CZ042",
    "LBK": "CZ051", "HKK": "CZ052", "PAK": "CZ053", "VYS": "CZ063", "KVY": "CZ063",
    "JMK": "CZ064", "JHM": "CZ064", "OLK": "CZ071", "ZLK": "CZ072", "MSK": "CZ080",
}
_WORD_LIKE = {"PAK"}
_NATIONWIDE = re.compile(
    r"\bcel(?:a|e|ou|y|ym|em|ych) (?:uzemi )?(?:ceske republiky|ceskou republiku"
    r"|ceska republika|ceske republice|cr|republik\w*)\b|\bcelorepublikov\w*|\bcelostatn\w*"
    r"|\bnationwide\b"
    r"|\bnation-wide\b|\b(?:whole|entire)(?: of the)? czech republic\b|\bacross the czech"
    r" republic\b|\bvsech (?:14 )?kraj\w*|\ball (?:14 )?regions\b")
# "Abroad" words; foreign countries and cities come from places.tsv (_foreign_places). The
# practice, experience or partners must follow within a few words: "experti ze zahraničí a
# lidé z praxe" are experts from abroad, not good practice from there.
_ABROAD = re.compile(
    r"\b(?:v|do) zahranici\b|\bzahranici\b(?=\W+(?:\w+\W+){0,1}(?:prax|zkusenost|inspirac"
    r"|staz|partner|studijn|vyjezd))|\b(?:prax\w*|zkusenost\w*|inspirac\w*) (?:\w+ )?ze zahranici\b"
    r"|\babroad\b(?=\W+(?:\w+\W+){0,1}(?:practice|experience|visit|partner|study|inspiration))"
    r"|\b(?:practice|experience|visits?|partners?|study) (?:\w+ )?abroad\b|\bvienna\b|\bvidni\b"
    # Neighbours' administrative units: a Polish voivodeship, a German Land, a Slovak kraj.
    r"|\bvoivodeships?\b|\bvojvodstv\w*|\bwojewodztw\w*|\bbundeslan\w*|\bspolkov\w* zem\w*"
    r"|\bsamospravn\w* kraj\w*|\b(?:trnavsk|nitriansk|zilinsk|bratislavsk|kosick|presovsk"
    r"|banskobystrick|trenciansk)\w* (?:samospravn\w* )?kraj\w*")
# A neighbour's country tag after a place in a list of areas: "Śląskie (PL)".
_FOREIGN_TAG = re.compile(r"\((?:PL|SK|DE|AT|HU|UA|SI|HR|IT|NO)\)")
# Words right before a foreign place that put the project's work there ("studijní cesta do
# Vídně", "seminář v Berlíně", "na Slovensku", "a visit to Oslo").
_INTO = frozenset({"v", "ve", "do", "na", "in", "to", "at", "into"})
# A sentence about a transnational project: its partners, the countries it spans, an
# international event or a study visit. Foreign places named there (in any case, also as a
# bare list: "partneři z Rakouska, Maďarska a Itálie") are where it works.
_TRANSNATIONAL = re.compile(
    r"\bpartner\w*|\b(?:v|ve|in|z|ze|from|across) (?:\w+ ){0,3}(?:zemich|zemi|statech"
    r"|countries|states)\b|\b(?:zemich|zemi|countries)\s*:|\bmezinarodn\w* (?:seminar|konferenc"
    r"|setkan|vymen|workshop|projekt)|\binternational (?:seminar|conference|meeting|exchange"
    r"|workshop|project)|\btransnational\b|\bnadnarodn\w*|\bstudy (?:visit|trip|tour)"
    r"|\bstudijn\w* (?:cest|navstev|pobyt)|\bexkurz\w*|\bstaz\w*")
_LIST_REACH = 80
# Czechia named as one item of such a list ("z Rakouska, České republiky a Itálie").
_LIST_ITEM = re.compile(r"(?:[,:;]\s*(?:\w+\s+)?|\b(?:a|i|and|z|ze|v|ve|from|in)\s+(?:the\s+)?)$")
# The EEA and Norway Grants name their donor states; that is no place of the project.
_DONOR_STATES = re.compile(r"\behp a norsk\w*|\beea and norway\b|\bnorway grants\b"
                           r"|\bnorsk\w* (?:fond|financn)\w*")
# "Středisko celostátních programů a služeb": a nationwide word inside a name.
_NAME_HEADS = frozenset({"stredisko", "strediska", "stredisku", "centrum", "centra", "centru",
                         "sit", "site", "svaz", "svazu", "unie", "asociace", "odbor", "odboru",
                         "oddeleni", "kancelar", "urad", "uradu", "koordinator", "federace"})
# Words that make "Brno" part of an organisation's name ("Diecézní charita Brno").
_ORG_HEADS = re.compile(
    r"\b(charit\w*|centr\w*|center|poradn\w*|spol(?:ek|ku|kem)|diakoni\w*|skol\w*|univerzit\w*|fakult\w*"
    r"|knihovn\w*|muze\w*|sdruzeni|organizac\w*|nadac\w*|klub\w*|dum|domov\w*|diecez\w*"
    r"|arcidiecez\w*|charity|university|school|association|foundation|institut\w*|fund"
    r"|fond\w*)\s+(?:\w+\s+){0,3}$")
# Characters before a town that decide how to read it: the word before it, a full stop,
# an organisation's name in the last four words (_ORG_HEADS).
_IN_CZECHIA = re.compile(r"\b(?:v|ve|across|in|throughout) (?:the )?(?:ceske republice|cr"
                         r"|czech republic|czechia|cesku)\b")
# "cizinci žijící v ČR", "migrants living in the Czech Republic" say who, not where.
_RESIDENTS = re.compile(r"(?:ziji\w*|zijic\w*|pobyvajic\w*|usazen\w*|living|residing|resident"
                        r"|settled|pobyt\w*|vstup\w*|residence|entry)\s+(?:\w+\s+)?$")
# A quoted name, also one whose closing mark the page lost (then up to the next comma or
# bracket): its words are a name.
_QUOTED_NAME = re.compile(r"[„“\"”][^„“\"”\n]{0,200}[“”\"]|[„“\"”][^„“\"”\n,;()\[\]]{0,200}")
_HEAD_BEFORE_CUE = re.compile(r"\b(?:university|univerzit\w*|fakult\w*|faculty|institut\w*"
                              r"|office|branch|pobock\w*) (?:in|v|ve|at)\s*$")
# "Univerzita Jana Evangelisty Purkyně v Ústí nad Labem": a school named after someone.
_NAMED_SCHOOL_BEFORE_CUE = re.compile(r"\b(?:[Uu]niversity|[Uu]niverzit\w*|[Ff]akult\w*|[Ff]aculty"
                                      r"|[Ii]nstitut\w*)(?: [A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ]\w*){1,3}"
                                      r" (?:in|v|ve|at)\s*$")
# A sentence about the project itself, not only about its funder.
_ABOUT_PROJECT = re.compile(r"projekt|project")
_CONTEXT = 200
PLACE_CUES = {"v", "ve", "město", "města", "městě", "městem", "městu", "obec", "obce", "obci",
               "okres", "okresu", "okrese", "okresem", "do", "z", "ze", "in", "city", "town",
               "of", "statutární", "statutárního", "statutárním", "magistrát", "magistrátu"}


@dataclass(frozen=True)
class Town:
    """A gazetteer entry: the town, its region and whether its name is a common word."""

    name: str
    region: str
    forms: tuple[str, ...]
    ambiguous: bool


@lru_cache(maxsize=1)
def towns() -> tuple[Town, ...]:
    """The towns of importers/data/towns.tsv."""
    result = []
    for row in read_tsv("towns.tsv"):
        forms = tuple(f for f in (row[2].split("|") if len(row) > 2 else [row[0]]) if f)
        result.append(Town(row[0], row[1], forms, len(row) > 3 and row[3] == "1"))
    return tuple(result)


@lru_cache(maxsize=1)
def _town_pattern() -> tuple[re.Pattern[str], dict[str, Town]]:
    by_form = {form: town for town in towns() for form in town.forms}
    alternatives = sorted(by_form, key=len, reverse=True)
    # "Praha-Libuš", "Brno-Bystrc": a city district is in its city's region.
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(f) for f in alternatives)
                         + r")(?!\w)(?!-(?![A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ]))")
    return pattern, by_form


def town_region(word: str) -> str | None:
    """The region code of a town written in any listed form ("Brně" -> "CZ064")."""
    _, by_form = _town_pattern()
    town = by_form.get(word)
    return town.region if town else None


_FIRST_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def _foreign_places() -> dict[str, tuple[tuple[str, str], ...]]:
    """The folded forms of places.tsv with their kind, by first word, longest first."""
    # Indexed so that a sentence is read word by word, not tried against every form.
    index: dict[str, list[tuple[str, str]]] = {}
    for row in read_tsv("places.tsv"):
        for form in row[0].split("|"):
            if form:
                folded = fold(form)
                first = _FIRST_WORD.match(folded)
                if first:
                    index.setdefault(first.group(0), []).append(
                        (folded, row[1] if len(row) > 1 else "abroad"))
    return {word: tuple(sorted(set(forms), key=lambda f: -len(f[0])))
            for word, forms in index.items()}


def _place_matches(folded: str) -> list[tuple[int, str, str]]:
    """(position, form, kind) of every place of places.tsv in a folded sentence."""
    index = _foreign_places()
    found: list[tuple[int, str, str]] = []
    if index.keys().isdisjoint(_FIRST_WORD.findall(folded)):
        return found
    for word in _FIRST_WORD.finditer(folded):
        start = word.start()
        if start and (folded[start - 1].isalnum() or folded[start - 1] == "-"):
            continue
        for form, kind in index.get(word.group(0), ()):
            end = start + len(form)
            if folded.startswith(form, start) and (end == len(folded) or not (
                    folded[end].isalnum() or folded[end] in "-_")):
                found.append((start, form, kind))
                break
    return found


def _country_codes(folded: str) -> list[tuple[str, float]]:
    """ABROAD for foreign places the project goes to or has partners in; CZ listed beside."""
    folded = _DONOR_STATES.sub(" ", folded)
    places = _place_matches(folded)
    if not any(kind == "abroad" for _, _, kind in places):
        return []
    cues = [match.end() for match in _TRANSNATIONAL.finditer(folded)]
    found: list[tuple[str, float]] = []
    for start, form, kind in places:
        before = folded[max(0, start - 40):start]
        previous = before.split()[-1] if before.split() else ""
        # The list follows its cue closely: "partneři z Rakouska, České republiky a …".
        listed = any(0 <= start - cue <= _LIST_REACH for cue in cues)
        if kind == "abroad" and (listed or previous in _INTO):
            found.append(("ABROAD", 0.6))
        elif kind == "cz" and listed and len(form) > 2 and _LIST_ITEM.search(before):
            found.append(("CZ", 0.6))
    if any(code == "ABROAD" for code, _ in found):
        return found
    return []


def _nationwide(folded: str) -> bool:
    for match in _NATIONWIDE.finditer(folded):
        before = folded[:match.start()].split()
        if not before or before[-1] not in _NAME_HEADS:
            return True
    return False


def _sentence_codes(sentence: str) -> list[tuple[str, float]]:
    found: list[tuple[str, float]] = []
    folded = fold(sentence)
    for code, pattern in _REGION_NAMES:
        if re.search(r"(?<!\w)(?:" + pattern + r")", folded):
            found.append((code, 0.9))
    shouting = is_upper_line(sentence)
    for abbreviation, code in _ABBREVIATIONS.items():
        # In a heading written in capitals "PAK" is the word "pak" (then), not Pardubice.
        if shouting and abbreviation in _WORD_LIKE:
            continue
        if re.search(r"(?<![\w/])" + abbreviation + r"(?![\w/])", sentence):
            found.append((code, 0.8))
    if _nationwide(folded):
        found.append(("CZ", 0.8))
    if _ABROAD.search(folded):
        found.append(("ABROAD", 0.6))
    countries = _country_codes(folded)
    if countries and not about_other_project(sentence):
        # The partners of another, named project do not make this one transnational.
        found.extend(countries)
    town_pattern, by_form = _town_pattern()
    for match in town_pattern.finditer(sentence):
        town = by_form[match.group(1)]
        # Only the last words count; folding the whole text before each town was quadratic.
        before = sentence[max(0, match.start() - _CONTEXT):match.start()]
        previous = before.split()[-1].lower() if before.split() else ""
        if town.ambiguous and not (previous in PLACE_CUES or (before.strip() and not
                                                               before.rstrip().endswith("."))):
            continue
        found.append((town.region, 0.4 if in_organisation_name(before) else 0.75))
    return found


def in_organisation_name(before: str) -> bool:
    """Whether a town after the text ``before`` is part of an organisation's name
    ("Diecézní charita Brno", "IOM Praha", "Mendel University in Brno"): it says where the
    organisation sits, not where the project works."""
    words = before.split()
    previous = words[-1].lower() if words else ""
    return (bool(_ORG_HEADS.search(fold(before))) and previous not in PLACE_CUES
            or bool(_HEAD_BEFORE_CUE.search(fold(before)))
            or bool(_NAMED_SCHOOL_BEFORE_CUE.search(before))
            or bool(re.fullmatch(r"[A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ]{2,6}", words[-1] if words else ""))
            # "UJEP v Ústí nad Labem", "členové AUCCJ v Praze": an organisation's seat.
            or len(words) > 1 and words[-1] in ("v", "ve", "in")
            and bool(re.fullmatch(r"[A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ]{2,6}", words[-2])))


def _names_organisations(line: str) -> bool:
    """A labelled line listing the implementer or the partners."""
    match = LABEL_LINE.match(line)
    if match is None:
        return False
    return classify_label(match.group("label")) in ("implementer", "partners")


# "Praha 14. prosince 2022", "Brno, 3 May 2021": where a press release was written.
_DATELINE = re.compile(r"^[A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ][\w -]{1,30},? \d{1,2}\.? ?[\w.]+ \d{4}\s*[–—-]?\s*$")
# "P.O. Box 305, 111 21 Praha 1", "Vlašská 5, 118 00 Praha 1": a postal address is a contact.
_POSTAL_ADDRESS = re.compile(
    r"\b\d{3} ?\d{2} [A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ]\w+(?:[ -][A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ0-9]\w*)*")


def find_regions(text: str, fields: Iterable[tuple[str, str]] = ()) -> list[Finding]:
    """One Finding per region code. A labelled field ("Kraj:", "Region:") is the
    document's own statement and, when it names a region, places met in passing in the
    text do not count; towns inside organisation names ("Diecézní charita Brno") count only
    when nothing stronger names a region."""
    best: dict[str, Finding] = {}

    def add(code: str, evidence: str, confidence: float) -> None:
        if code not in best or best[code].confidence < confidence:
            best[code] = Finding(code, evidence, confidence)

    for label, value in labelled(fields, "regions"):
        # "Moravskoslezský kraj (CZ), Śląskie (PL)": a country tag in brackets is not a code.
        for code in re.findall(r"\b(CZ0\d\d|ABROAD)\b|(?<!\()\b(CZ)\b(?!\))", value):
            add("".join(code), field_evidence(label, value), 0.95)
        if _FOREIGN_TAG.search(value):
            add("ABROAD", field_evidence(label, value), 0.9)
        for code, confidence in _sentence_codes(value):
            add(code, field_evidence(label, value), max(confidence, 0.85))
    if best:
        return sorted(best.values(), key=lambda f: f.value)
    for sentence in sentences(text):
        if _names_organisations(sentence) or _DATELINE.match(sentence):
            continue  # "Author: Committee X, IOM Prague": the places are in the names
        sentence = _POSTAL_ADDRESS.sub(" ", sentence)
        for code, confidence in _sentence_codes(sentence):
            add(code, sentence, confidence)
    strong = [f for f in best.values() if f.confidence >= 0.5] or list(best.values())
    if not any(f.value.startswith("CZ") and f.confidence >= 0.5 for f in strong):
        # "in the Czech Republic" with no narrower place is the whole country; not inside
        # a quoted name nor where a sentence describes a funding programme rather than the
        # project ("Jeho správu v ČR zajišťuje konsorcium nadací").
        for sentence in sentences(text):
            folded = fold(_QUOTED_NAME.sub(" ", sentence))
            place = _IN_CZECHIA.search(folded)
            if (place and not _RESIDENTS.search(folded[:place.start()])
                    and (_ABOUT_PROJECT.search(folded) or not funder_codes(sentence))):
                # A town met only in an organisation's name yields to it.
                strong = [f for f in strong if f.confidence >= 0.5]
                strong.append(Finding("CZ", sentence, 0.5))
                break
    if not strong:
        # A local body's own town places its project when the page names no other place
        # ("Organizace: Studijní a vědecká knihovna v Hradci Králové").
        for label, value in labelled(fields, "implementer"):
            first = re.split(r"[,;\n]", value)[0]
            for code, _ in _sentence_codes(first):
                if code.startswith("CZ0"):
                    strong.append(Finding(code, field_evidence(label, value), 0.4))
            break
    return sorted(strong, key=lambda f: f.value)
