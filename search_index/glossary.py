"""The Czech–English glossary of the field's terms, from ``data/glossary.tsv``.

Used at query time only: a run of query words naming a glossary term in one language also
searches for its equivalents in the other, so either language's query finds a record
written in one, and the search page names what else it searched for.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from .analysis import LANGUAGES, analyse
from .resources import data_rows
from .text import fold

LONGEST_RUN = 4  # words; the glossary's longest expressions


@dataclass(frozen=True)
class Equivalent:
    """One side of a glossary pair: its analysed terms and the text people read."""

    terms: tuple[str, ...]
    text: str
    language: str


@cache
def _table() -> dict[tuple[str, tuple[str, ...]], tuple[Equivalent, ...]]:
    """(language, analysed terms) → the other language's equivalents."""
    table: dict[tuple[str, tuple[str, ...]], list[Equivalent]] = {}
    for czech, english in data_rows("glossary.tsv"):
        sides = [Equivalent(tuple(analyse(czech, "cs")), czech, "cs"),
                 Equivalent(tuple(analyse(english, "en")), english, "en")]
        if not all(side.terms for side in sides):
            continue
        for side, other in (sides, sides[::-1]):
            found = table.setdefault((side.language, side.terms), [])
            if other not in found:
                found.append(other)
    return {key: tuple(values) for key, values in table.items()}


def pairs() -> list[tuple[str, str]]:
    """Every (Czech, English) pair as written in the data file."""
    return [(czech, english) for czech, english in data_rows("glossary.tsv")]


def equivalents(words: Sequence[str], language: str | None = None) -> list[Equivalent]:
    """The other language's equivalents of the whole of ``words`` (query words as typed);
    ``language`` None looks the words up as Czech and as English."""
    text = " ".join(words)
    found: list[Equivalent] = []
    for lang in (language,) if language in LANGUAGES else LANGUAGES:
        for equivalent in _table().get((lang, tuple(analyse(text, lang))), ()):
            if equivalent not in found and fold(equivalent.text) != fold(text):
                found.append(equivalent)
    return found


def runs(words: Sequence[str], language: str | None = None
         ) -> list[tuple[int, int, list[Equivalent]]]:
    """Non-overlapping runs ``words[start:end]`` naming glossary terms, with their
    equivalents, in order; a longer run wins ("komunitní centrum" over "centrum")."""
    claimed = [False] * len(words)
    found = []
    for size in range(min(LONGEST_RUN, len(words)), 0, -1):
        for start in range(len(words) - size + 1):
            if any(claimed[start:start + size]):
                continue
            named = equivalents(words[start:start + size], language)
            if named:
                claimed[start:start + size] = [True] * size
                found.append((start, start + size, named))
    return sorted(found, key=lambda run: run[0])
