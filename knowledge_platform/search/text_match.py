"""The search box as SQL: FTS5 ``MATCH`` on SQLite, ``tsvector @@ tsquery`` on PostgreSQL.

Query parsing and analysis live in ``search_index``; this module only turns the
parsed query into matching project ids with relevance scores for the current engine.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from time import monotonic
from typing import Any

from sqlalchemy import select

from knowledge_platform.db import db
from knowledge_platform.models import Project, Status
from knowledge_platform.search import generations, match_cache, postgresql_text
from knowledge_platform.search.bitmaps import FacetIndex, bitmap_of_words
from search_index import (
    And,
    Not,
    ParsedQuery,
    concepts_for_query,
    did_you_mean,
    or_fallback,
    parse_query,
    snippet,
    to_fts5,
    to_fts5_exclusion,
    to_tsquery,
)
from search_index.text import folded_words, words

# Matching ids come back 64 to a row, as (id >> 6, a 64-bit word with their bits set):
# far fewer rows for the driver and Python to handle than one per match.
SQLITE_WORDS = ("SELECT rowid >> 6, sum(1 << (rowid & 63)) FROM search_fts "
                "WHERE search_fts MATCH ? GROUP BY 1")
VOCABULARY_SECONDS = 600
# Suggestions come from the newest published projects: enough to hold every common word,
# and a bounded cost however large the corpus grows.
VOCABULARY_PROJECTS = 20_000


@dataclass
class TextMatch:
    """The text part of a search: matches with scores, snippets, suggestions."""

    query: str = ""
    parsed: ParsedQuery | None = None
    concepts: dict[str, set[str]] = field(default_factory=dict)
    # The query without the words that named the concepts, which a concept match must
    # still meet as text ("kurzy češtiny v Brně" → czech_language AND "Brně").
    rest: ParsedQuery | None = None

    @property
    def _ast(self):
        return self.parsed.ast if self.parsed else None

    def matches(self, index: FacetIndex) -> tuple[int, int] | None:
        """(bitmap of matching projects, bitmap of those matching as text), None for no text.

        The first adds the projects found through a concept the query names.
        """
        if self._ast is None:
            return None
        text = _text_bitmap(self._ast, index)
        found = text
        for facet, codes in self.concepts.items():
            carriers = index.any_of(facet, codes) & ~text  # those found as text already are in
            if carriers and self.rest and self.rest.ast:
                carriers &= _rest_bitmap(self.rest.ast, carriers, index,
                                         (self._ast, facet, tuple(sorted(codes))))
            found |= carriers
        return found, text

    @property
    def parts(self) -> list:
        """The positive parts every match must have (the top-level AND's operands)."""
        ast = self._ast
        if ast is None:
            return []
        return [node for node in (ast.nodes if isinstance(ast, And) else (ast,))
                if not isinstance(node, Not)]

    def part_matches(self, index: FacetIndex) -> list[int]:
        """For each of ``parts``, the bitmap of projects matching it as text, then one per
        concept the query names, less the projects the query excludes."""
        ast = self._ast
        excluded = 0
        if isinstance(ast, And):
            for node in ast.nodes:
                if isinstance(node, Not):
                    excluded |= _text_bitmap(node.node, index)
        parts = [_text_bitmap(part, index) for part in self.parts]
        # A concept the query names counts as one more part: a project coded with it
        # says what those words mean, whatever its own words are.
        parts += [index.any_of(facet, codes) for facet, codes in self.concepts.items()]
        return [bitmap & ~excluded for bitmap in parts]

    @property
    def has_or_fallback(self) -> bool:
        return self._ast is not None and or_fallback(self._ast) != self._ast

    def or_fallback(self) -> TextMatch:
        """The same query with its words joined by OR instead of AND."""
        assert self.parsed is not None  # asked only when has_or_fallback
        return replace(
            self, parsed=replace(self.parsed, ast=or_fallback(self._ast)), concepts={}, rest=None
        )

    def snippet(self, texts: dict[str, str | None], language: str) -> str:
        """The text in ``language`` (else the other) of ``texts`` ({"cs": …, "en": …}),
        matches highlighted."""
        own, other = ("en", "cs") if language == "en" else ("cs", "en")
        for lang in (own, other):
            text = texts.get(lang)
            if text:
                terms = self.parsed.highlight_terms if self.parsed else set()
                return snippet(text, terms, lang)
        return ""

    def suggestion(self) -> str | None:
        """The query with each unknown word replaced by a close indexed word, if any."""
        vocabulary = _vocabulary()
        changed, out = False, []
        for word in words(self.query):
            better = did_you_mean(word, vocabulary)
            out.append(better or word)
            changed |= better is not None
        return " ".join(out) if changed else None


def match_text(query: str) -> TextMatch:
    """Parse the search box text; an empty or unsearchable query matches everything."""
    query = (query or "").strip()
    if not query:
        return TextMatch()
    parsed = parse_query(query)
    concepts, rest = _concepts_and_rest(parsed)
    return TextMatch(query=query, parsed=parsed, concepts=concepts, rest=rest)


def _concepts_and_rest(parsed: ParsedQuery) -> tuple[dict[str, set[str]], ParsedQuery | None]:
    """Concepts named by runs of query words, and the words no concept needed."""
    found: dict[str, set[str]] = {}
    remaining = list(parsed.words)
    covered = [False] * len(remaining)
    for size in (3, 2, 1):
        for start in range(len(remaining) - size + 1):
            if any(covered[start:start + size]):
                continue
            first, last = _shortest_naming_run(remaining, start, start + size)
            if first is None:
                continue
            for facet, codes in concepts_for_query(" ".join(remaining[first:last])).items():
                found.setdefault(facet, set()).update(codes)
            covered[first:last] = [True] * (last - first)
    if not found:
        return {}, None
    rest = " ".join(word for word, done in zip(remaining, covered, strict=True) if not done)
    rest += "".join(f" -{word}" for word in parsed.excluded_words)
    return found, parse_query(rest) if rest.strip() else None


def _shortest_naming_run(words_: list[str], first: int, last: int):
    """The run within words_[first:last] that names its concepts with no word to spare."""
    named = concepts_for_query(" ".join(words_[first:last]))
    if not any(named.values()):
        return None, None
    while last - first > 1:
        if concepts_for_query(" ".join(words_[first + 1:last])) == named:
            first += 1
        elif concepts_for_query(" ".join(words_[first:last - 1])) == named:
            last -= 1
        else:
            break
    return first, last


def _text_bitmap(ast, index: FacetIndex) -> int:
    """The bitmap of projects whose indexed text matches ``ast``."""
    if _engine() == "postgresql":
        return match_cache.remembered(("postgresql", to_tsquery(ast)), index.generation,
                                      lambda: postgresql_text.matching(ast, index))
    expression = to_fts5(ast)
    if expression:
        return match_cache.remembered(("fts5", expression), index.generation,
                                      lambda: _fts5_bitmap(expression))
    # Only exclusions ("-Praha"), which FTS5 cannot express: all but those.
    excluded = to_fts5_exclusion(ast)
    everyone = index.everyone()
    if not excluded:
        return everyone
    return everyone & ~match_cache.remembered(("fts5", excluded), index.generation,
                                              lambda: _fts5_bitmap(excluded))


def _rest_bitmap(ast, carriers: int, index: FacetIndex, question: tuple) -> int:
    """Which of ``carriers`` match ``ast`` (the bitmap may hold other projects too).

    PostgreSQL asks only about the carriers (``postgresql_text``); ``question`` names them
    for the cache (the same query, facet and codes give the same carriers in a generation).
    """
    if _engine() != "postgresql":
        return _text_bitmap(ast, index)
    return match_cache.remembered(
        ("tsquery among", to_tsquery(ast), *question), index.generation,
        lambda: postgresql_text.matching(ast, index, carriers))


def _fts5_bitmap(expression: str) -> int:
    return bitmap_of_words(driver_rows(SQLITE_WORDS, expression))


def driver_rows(sql: str, *parameters) -> Sequence[tuple]:
    """Rows of ``sql`` (with ``?`` placeholders) from the driver's own cursor, in the
    session's transaction: plain tuples, without per-row result processing."""
    cursor = db.session.connection().connection.cursor()
    try:
        if _engine() == "postgresql":
            sql = sql.replace("?", "%s")
        cursor.execute(sql, parameters)
        return cursor.fetchall()
    finally:
        cursor.close()


def _engine() -> str:
    return db.engine.dialect.name


_vocabulary_cache: dict[str, Any] = {}


def _vocabulary() -> Counter:
    """Folded words of the newest published titles and summaries with their document counts.

    Built only when a query finds nothing, and kept for a while: suggestions may lag
    behind single edits by a few minutes, which nobody notices, but never outlive a bulk
    load or a reset of the data (a new reset generation).
    """
    key = str(db.engine.url)
    _, reset = generations.state(db.session.connection())
    cached = _vocabulary_cache.get(key)
    if cached and cached[1] == reset and monotonic() - cached[0] < VOCABULARY_SECONDS:
        return cached[2]
    counts: Counter = Counter()
    rows = (select(Project.title_cs, Project.title_en, Project.summary_cs, Project.summary_en)
            .where(Project.status == Status.PUBLISHED)
            .order_by(Project.id.desc()).limit(VOCABULARY_PROJECTS))
    for row in db.session.execute(rows):
        counts.update(set(folded_words(" ".join(text for text in row if text))))
    _vocabulary_cache[key] = (monotonic(), reset, counts)
    return counts
