""""Did you mean": the closest frequent indexed word for a misspelt query word.

Pure functions: the backend passes its vocabulary (term -> document frequency), ideally
folded surface words (so the suggestion reads well), but index terms work too.
"""
from __future__ import annotations

import re
from collections.abc import Mapping

from .analysis import analyse_query_word, is_stopword
from .text import fold

_WORD = re.compile(r"[^\W_]+")
_OPERATORS = {"OR", "AND", "NOT"}


def edit_distance(first: str, second: str, limit: int = 2) -> int:
    """Damerau-Levenshtein (adjacent transpositions) distance, or limit + 1 once exceeded."""
    if abs(len(first) - len(second)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(second) + 1))
    for i, a in enumerate(first, 1):
        current = [i] + [0] * len(second)
        for j, b in enumerate(second, 1):
            cost = a != b
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a == second[j - 2] and first[i - 2] == b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def _allowed_distance(word: str) -> int:
    # Short words have many neighbours; one edit is already a different word for them.
    return 0 if len(word) < 4 else 1 if len(word) < 7 else 2


def is_known(word: str, vocabulary: Mapping[str, int]) -> bool:
    """True when ``word`` or one of its analysed terms is in the vocabulary."""
    return fold(word) in vocabulary or any(t in vocabulary for t in analyse_query_word(word))


def did_you_mean(word: str, vocabulary: Mapping[str, int]) -> str | None:
    """The most frequent vocabulary entry within 1-2 edits of ``word`` (folded), or None.

    None when the word is known, too short, or nothing is close enough.
    """
    folded = fold(word)
    limit = _allowed_distance(folded)
    if not limit or folded.isdigit() or is_known(word, vocabulary):
        return None
    best: tuple[int, int, str] | None = None
    for candidate, frequency in vocabulary.items():
        if abs(len(candidate) - len(folded)) > limit or frequency <= 0:
            continue
        distance = edit_distance(folded, fold(candidate), limit)
        if distance > limit:
            continue
        key = (distance, -frequency, candidate)
        if best is None or key < best:
            best = key
    return None if best is None else best[2]


def suggest_query(query: str, vocabulary: Mapping[str, int]) -> str | None:
    """``query`` with each unknown word replaced by its suggestion; None if nothing changed."""
    changed = False

    def replace(match: re.Match[str]) -> str:
        nonlocal changed
        word = match.group()
        if word in _OPERATORS or is_stopword(word):
            return word
        suggestion = did_you_mean(word, vocabulary)
        if suggestion is None:
            return word
        changed = True
        return suggestion

    fixed = _WORD.sub(replace, query)
    return fixed if changed else None
