"""Map query words that name a vocabulary concept (activity, target group) to its codes.

Data: ``data/concepts.tsv``.  The backends turn the result into "or the project carries
that code", so "interpreting" also finds Czech projects coded intercultural_assistance.
"""
from __future__ import annotations

from functools import cache

from .analysis import analyse
from .resources import data_rows

Sequence = tuple[str, ...]


@cache
def _entries() -> tuple[tuple[str, str, str, Sequence], ...]:
    entries = []
    for facet, code, expression in data_rows("concepts.tsv"):
        language = "en" if expression.startswith("en:") else "cs"
        terms = tuple(analyse(expression.removeprefix("en:"), language))
        if terms:
            entries.append((facet, code, language, terms))
    # Longest first, so "Ukrainian refugees" claims its words before "refugee" does.
    entries.sort(key=lambda entry: -len(entry[3]))
    return tuple(entries)


def _positions(haystack: list[str], needle: Sequence) -> list[range]:
    size = len(needle)
    return [range(i, i + size) for i in range(len(haystack) - size + 1)
            if tuple(haystack[i:i + size]) == needle]


def concepts_for_words(text: str) -> dict[str, set[str]]:
    """Concept codes by facet named anywhere in plain ``text`` (no query syntax)."""
    analysed = {language: analyse(text, language) for language in ("cs", "en")}
    claimed: dict[str, set[int]] = {"cs": set(), "en": set()}
    found: dict[str, set[str]] = {}
    for facet, code, language, terms in _entries():
        for span in _positions(analysed[language], terms):
            # A shorter expression inside a longer match is part of that concept, not its own.
            if len(terms) == 1 and span[0] in claimed[language]:
                continue
            claimed[language].update(span)
            found.setdefault(facet, set()).add(code)
    return found


def concepts_for_query(text: str) -> dict[str, set[str]]:
    """Concept codes by facet ({"activity": {...}, "target_group": {...}}) named in a query.

    Excluded parts ("-tlumočení") name no concept; quoted phrases and OR groups count.
    """
    from .query import parse_query  # query imports synonyms; keep this module light

    return concepts_for_words(" ".join(parse_query(text).words))
