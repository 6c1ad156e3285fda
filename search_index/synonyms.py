"""Query-time synonyms and region abbreviations from ``data/synonyms.tsv``.

Synonyms are applied to queries only, so the index stays small and the list can change
without reindexing.  Expressions are Czech unless prefixed "en:".  An expression written
in capitals ("JMK") is an abbreviation; it also matches a lowercase query word unless
that word is a stop word, so "pak" (then) does not become Pardubický kraj but "PAK" does.
"""
from __future__ import annotations

from functools import cache

from .analysis import analyse, analyse_query_word, is_stopword
from .resources import data_rows
from .text import fold

Sequence = tuple[str, ...]


def _is_abbreviation(expression: str) -> bool:
    return " " not in expression and expression.isupper() and len(expression) <= 5


def expression_terms(expression: str) -> Sequence:
    """Analysed term sequence of a synonym expression ("en:" prefix selects English)."""
    if _is_abbreviation(expression):
        return (fold(expression),)
    if expression.startswith("en:"):
        return tuple(analyse(expression[3:], "en"))
    return tuple(analyse(expression, "cs"))


@cache
def _tables() -> tuple[dict[Sequence, set[int]], dict[str, set[int]], list[list[Sequence]]]:
    by_terms: dict[Sequence, set[int]] = {}
    by_abbreviation: dict[str, set[int]] = {}
    groups: list[list[Sequence]] = []
    for index, row in enumerate(data_rows("synonyms.tsv")):
        group: list[Sequence] = []
        for expression in row:
            terms = expression_terms(expression)
            if not terms:
                continue
            if _is_abbreviation(expression):
                by_abbreviation.setdefault(terms[0], set()).add(index)
            else:
                by_terms.setdefault(terms, set()).add(index)
            if terms not in group:
                group.append(terms)
        groups.append(group)
    return by_terms, by_abbreviation, groups


def _members(indexes: set[int], exclude: list[Sequence]) -> list[Sequence]:
    groups = _tables()[2]
    found: list[Sequence] = []
    for index in sorted(indexes):
        found.extend(seq for seq in groups[index] if seq not in exclude and seq not in found)
    return found


def synonym_sequences(terms: Sequence) -> list[Sequence]:
    """Term sequences synonymous with the analysed sequence ``terms`` (itself excluded)."""
    return _members(_tables()[0].get(tuple(terms), set()), [tuple(terms)])


def expand(word: str, language: str | None = None) -> list[Sequence]:
    """Alternative term sequences for one query word: its own terms, then its synonyms."""
    by_terms, by_abbreviation, _ = _tables()
    own: list[Sequence] = [(term,) for term in analyse_query_word(word, language)]
    indexes: set[int] = set()
    folded = fold(word)
    if folded in by_abbreviation and (word.isupper() or not is_stopword(word)):
        indexes |= by_abbreviation[folded]
        if (folded,) not in own:
            own.append((folded,))
    for sequence in own:
        indexes |= by_terms.get(sequence, set())
    return own + _members(indexes, own)
