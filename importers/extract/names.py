"""Organisation names: the known aliases table and the nominative case of Czech names."""
from __future__ import annotations

import re
from functools import lru_cache

from importers.extract.text import clean, lemma, read_tsv
from search_index.text import fold

_ORG_FORMS = r"(?:,?\s*(?:z\.\s?s\.|z\.\s?ú\.|o\.\s?p\.\s?s\.|s\.\s?r\.\s?o\.|a\.\s?s\.|p\.\s?o\.))"
_SETTLEMENTS = {"město", "obec", "městys", "městská část", "city", "town"}


@lru_cache(maxsize=1)
def _alias_table() -> tuple[tuple[str, tuple[str, ...]], ...]:
    rows = read_tsv("organisations.tsv")
    return tuple((row[0], tuple(a for a in row[1].split("|") if a) if len(row) > 1 else ())
                 for row in rows)


def name_key(name: str) -> str:
    """A name reduced for comparison: no case, diacritics, punctuation or leading "the"."""
    name = re.sub(r"^(the|a|an)\s+", "", clean(name), flags=re.I)
    return re.sub(r"[^a-z0-9+]+", " ", fold(name)).strip()


@lru_cache(maxsize=1)
def _alias_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for canonical, aliases in _alias_table():
        for name in (canonical, *aliases):
            index.setdefault(name_key(name), canonical)
    return index


def organisation_aliases() -> list[tuple[str, list[str]]]:
    """Every known organisation as (canonical name, [aliases]) for the persistence layer."""
    return [(canonical, list(aliases)) for canonical, aliases in _alias_table()]


def canonical_organisation(name: str | None) -> str | None:
    """The canonical name of a known organisation ("SIMI" -> "Sdružení pro integraci a
    migraci"), or None when the name is not in importers/data/organisations.tsv."""
    if not name:
        return None
    key = name_key(name)
    index = _alias_index()
    if key in index:
        return index[key]
    # "[^()]", not "[^)]": the scan from every "(" to the end was quadratic in their number.
    bare = name_key(re.sub(_ORG_FORMS + r"$|\s*\([^()]*\)$", "", name))
    return index.get(bare)


def known_names() -> list[str]:
    """All canonical names and aliases, longest first (used to protect and recase names)."""
    names = {n for canonical, aliases in _alias_table() for n in (canonical, *aliases)}
    return sorted(names, key=len, reverse=True)



_ADJ_SOFT = re.compile(r"(ího|ímu|ím|ími|ích|í)$")
_ADJ_HARD = re.compile(r"(ého|ému|ém|ým|ými|ých|ou|é|á|ý|ou)$")
_STOP_WORDS = {"pro", "při", "na", "v", "ve", "z", "ze", "s", "se", "o", "k", "ke", "a", "u", "do",
               "za", "od", "po", "nad", "pod"}


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
_HEAD_NOUNS = {"sdružení": "sdružení", "diakonie": "diakonie", "diakonií": "diakonie",
               "diakonii": "diakonie", "sdružením": "sdružení", "sdruženími": "sdružení"}


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
    return bool(re.search(r"(ního|ckého|ského|ného|ového|ální|ních|ským|ckým|ním|ním|ními"
                          r"|skou|ckou|nou|ovou|ské|cké|né|ní)$", lower))


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
        out.append(_same_case(core, head) + token[len(core):] if token.startswith(core) else token)
        rest = tokens[i + 1:]
        if head in _SETTLEMENTS and rest and rest[0][:1].isupper():
            town = lemma(rest[0].lower(), "cs")
            rest = [_same_case(rest[0], town), *rest[1:]]
        return " ".join(out + rest)
    return " ".join(out + adjectives)
