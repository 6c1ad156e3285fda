"""Where a project works: region codes (CZ-NUTS 3), CZ for nationwide, ABROAD."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from importers.extract.fields import LABEL_LINE, classify_label, field_evidence, labelled
from importers.extract.finding import Finding
from importers.extract.text import is_upper_line, read_tsv, sentences
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
_ABROAD = re.compile(
    r"\b(?:v|ve|do|na|in|to)\s+(?:nemecku|rakousku|vidni|polsku|slovensku|norsku|nizozemsku"
    r"|belgii|francii|italii|spanelsku|portugalsku|svedsku|dansku|finsku|irsku|velke britanii"
    r"|berline|bruselu|germany|austria|vienna|poland|slovakia|norway|the netherlands|belgium"
    r"|france|italy|spain|portugal|sweden|denmark|finland|ireland|the uk|berlin|brussels)\b"
    r"|\b(?:v|do) zahranici\b|\bzahranici\b(?=.*\b(?:prax|zkusenost|inspirac|staz|partner"
    r"|studijn|vyjezd))|\b(?:prax\w*|zkusenost\w*|inspirac\w*) (?:\w+ )?ze zahranici\b"
    r"|\babroad\b(?=.*\b(?:practice|experience|visit|partner|study|inspiration))"
    r"|\b(?:practice|experience|visits?|partners?|study) (?:\w+ )?abroad\b|\bvienna\b|\bvidni\b")
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
                        r"|settled)\s+(?:\w+\s+)?$")
_HEAD_BEFORE_CUE = re.compile(r"\b(?:university|univerzit\w*|fakult\w*|faculty|institut\w*"
                              r"|office|branch|pobock\w*) (?:in|v|ve|at)\s*$")
_CONTEXT = 200
_PLACE_CUES = {"v", "ve", "město", "města", "městě", "městem", "městu", "obec", "obce", "obci",
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
    if _NATIONWIDE.search(folded):
        found.append(("CZ", 0.8))
    if _ABROAD.search(folded):
        found.append(("ABROAD", 0.6))
    town_pattern, by_form = _town_pattern()
    for match in town_pattern.finditer(sentence):
        town = by_form[match.group(1)]
        # Only the last words count; folding the whole text before each town was quadratic.
        before = sentence[max(0, match.start() - _CONTEXT):match.start()]
        previous = before.split()[-1].lower() if before.split() else ""
        if town.ambiguous and not (previous in _PLACE_CUES or (before.strip() and not
                                                               before.rstrip().endswith("."))):
            continue
        # A town inside an organisation's name ("Diecézní charita Brno", "IOM Praha",
        # "Mendel University in Brno") says where the organisation sits.
        weak = (bool(_ORG_HEADS.search(fold(before))) and previous not in _PLACE_CUES
                or bool(_HEAD_BEFORE_CUE.search(fold(before)))
                or bool(re.fullmatch(r"[A-Z]{2,6}", before.split()[-1] if before.split() else "")))
        found.append((town.region, 0.4 if weak else 0.75))
    return found


def _names_organisations(line: str) -> bool:
    """A labelled line listing the implementer or the partners."""
    match = LABEL_LINE.match(line)
    if match is None:
        return False
    return classify_label(match.group("label")) in ("implementer", "partners")


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
        for code in re.findall(r"\b(CZ0\d\d|CZ|ABROAD)\b", value):
            add(code, field_evidence(label, value), 0.95)
        for code, confidence in _sentence_codes(value):
            add(code, field_evidence(label, value), max(confidence, 0.85))
    if best:
        return sorted(best.values(), key=lambda f: f.value)
    for sentence in sentences(text):
        if _names_organisations(sentence):
            continue  # "Author: Committee X, IOM Prague": the places are in the names
        for code, confidence in _sentence_codes(sentence):
            add(code, sentence, confidence)
    strong = [f for f in best.values() if f.confidence >= 0.5] or list(best.values())
    if not any(f.value.startswith("CZ") for f in strong):
        # "in the Czech Republic" with no narrower place is the whole country.
        for sentence in sentences(text):
            folded = fold(sentence)
            place = _IN_CZECHIA.search(folded)
            if place and not _RESIDENTS.search(folded[:place.start()]):
                strong.append(Finding("CZ", sentence, 0.5))
                break
    return sorted(strong, key=lambda f: f.value)
