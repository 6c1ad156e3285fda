"""Where a project works, town by town: gazetteer codes of the towns and city districts a
document names as places of the project ("v Kolíně", "Místo realizace: Jihlava"), and the
town that is itself the implementer ("Statutární město Jihlava", "MČ Praha 14")."""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from importers.extract.fields import field_evidence, labelled
from importers.extract.finding import Finding
from importers.extract.regions import PLACE_CUES, in_organisation_name, towns
from importers.extract.text import sentences
from importers.gazetteer import Place, gazetteer, place_key

# An organisation that is the town or district itself, then the place's name in any case:
# "Město Kolín", "Statutární město Ostrava", "Magistrát města Brna", "Úřad městské části
# Praha 14", "MČ Praha 6", "City of Brno". Its own place is where it works.
_TOWN_ITSELF = re.compile(
    r"\b(?:(?:statutární\s+)?měst[oau]|magistrát\w*\s+(?:hlavního\s+)?měst[a]|městsk\w+\s+úřad\w*"
    r"|úřad\w*\s+městské\s+části|městsk\w+\s+část\w*|městsk\w+\s+obvod\w*|MČ|MO|MěÚ"
    r"|(?:the\s+)?(?:city|town|municipality|borough|district)\s+of)\s+$", re.IGNORECASE)
_CONTEXT = 60


@lru_cache(maxsize=1)
def _pattern() -> tuple[re.Pattern[str], dict[str, list[Place]]]:
    by_form: dict[str, list[Place]] = {}
    for place in gazetteer().places.values():
        for form in dict.fromkeys((place.name, *place.forms)):
            by_form.setdefault(form, []).append(place)
    alternatives = sorted(by_form, key=len, reverse=True)
    # A name's first letter is checked before the thousands of alternatives are tried
    # one by one at every position (most positions start no name).
    first = "".join(sorted({re.escape(form[0]) for form in alternatives}))
    # Longest first, so "Praha 6" wins over "Praha" and "Ústí nad Orlicí" over "Ústí".
    return re.compile(r"(?<![\w-])(?=[" + first + r"])("
                      + "|".join(re.escape(form) for form in alternatives)
                      + r")(?![\w-])"), by_form


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    # Town names that are also common words (Most, Tábor): towns.tsv marks them.
    return frozenset(place_key(form) for town in towns() if town.ambiguous
                     for form in town.forms)


def common_word(text: str) -> bool:
    """Whether ``text`` names a town only as a common word may (most, tábor, písek)."""
    return place_key(text) in _common_words()


def _places_in(text: str) -> Iterable[tuple[Place, float]]:
    """Each place named in ``text`` with how surely the text puts the project there."""
    pattern, by_form = _pattern()
    for match in pattern.finditer(text):
        places = by_form[match.group(1)]
        if len(places) > 1:
            continue  # two towns of one name: the text alone cannot tell which
        before = text[max(0, match.start() - _CONTEXT):match.start()]
        words = before.split()
        previous = words[-1].lower() if words else ""
        if _TOWN_ITSELF.search(before):
            yield places[0], 0.9
        elif in_organisation_name(before):
            continue  # "Diecézní charita Brno": where an organisation sits
        elif previous in PLACE_CUES:
            yield places[0], 0.75
        elif not common_word(match.group(1)) and previous not in ("", "."):
            yield places[0], 0.55


def find_municipalities(text: str, fields: Iterable[tuple[str, str]] = (),
                        implementer: str | None = None) -> list[Finding]:
    """One Finding per gazetteer place the document puts the project in: a labelled place
    line ("Místo realizace:") when there is one, else its sentences; and the implementer
    when it is a town or district itself."""
    best: dict[str, Finding] = {}

    def add(place: Place, evidence: str, confidence: float) -> None:
        if place.code not in best or best[place.code].confidence < confidence:
            best[place.code] = Finding(place.code, evidence, confidence)

    for label, value in labelled(fields, "regions"):
        for place, confidence in _places_in(f"v {value}"):
            add(place, field_evidence(label, value), max(confidence, 0.85))
    if not best:
        for sentence in sentences(text):
            for place, confidence in _places_in(sentence):
                add(place, sentence, confidence)
    if implementer:
        for place, confidence in _places_in(implementer):
            if confidence >= 0.9:
                add(place, implementer, confidence)
    return sorted(best.values(), key=lambda finding: finding.value)
