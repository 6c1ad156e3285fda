"""Bitmaps of the most frequent index words, kept with the facet bitmaps (PostgreSQL).

A word in a large share of the projects costs PostgreSQL a visit to each of their rows
(0.9 s for the 755,000 matches of "cizinců" at a million projects), however narrow the
rest of the query. Its bitmap, read once and kept up to date from the change log like
the facets' (``bitmap_cache``), turns that into an AND in memory. The words are chosen by
document frequency when the bitmaps are first read, never by the queries people ask.
SQLite's FTS5 reads its posting lists directly and needs none of this.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy.engine import Connection

from knowledge_platform.search.bitmaps import FacetIndex, bitmap_of_words
from search_index import Term, to_tsquery

TERM = "term"  # the key's first part: ("term", lexeme)
# Words in at least this share of the projects, the most frequent first, at most LIMIT
# of them (a bitmap takes 125 kB at a million projects: about 110 MB per process for the
# benchmark corpus's 890 such words). Rarer words cost PostgreSQL under about 50 ms each
# at a million projects.
SHARE = 0.01
LIMIT = 1024
SAMPLE = 20_000  # projects whose words estimate the frequencies
_WORDS = ("SELECT project_id >> 6, bit_or(1::bigint << (project_id & 63)) "
          "FROM search_vector WHERE tsv @@ to_tsquery('simple', %s) GROUP BY 1")
_SETTINGS = ("SET LOCAL work_mem = '64MB'", "SET LOCAL jit = off")


def applies(connection: Connection) -> bool:
    """Whether this database keeps word bitmaps (PostgreSQL's weighted tsvectors)."""
    return connection.dialect.name == "postgresql"


def build(connection: Connection, index: FacetIndex) -> None:
    """Add the bitmaps of the most frequent words to a freshly read ``index``."""
    cursor = connection.connection.cursor()
    try:
        for setting in _SETTINGS:
            cursor.execute(setting)
        for lexeme in _frequent(cursor):
            cursor.execute(_WORDS, (to_tsquery(Term(lexeme)),))
            index.put((TERM, lexeme), bitmap_of_words(cursor.fetchall()))
    finally:
        cursor.close()
    index.words = True


def update(connection: Connection, index: FacetIndex, project_ids: Iterable[int]) -> None:
    """Set the kept words' bits of ``project_ids`` as their stored tsvectors have them
    (``FacetIndex.load`` has just cleared those projects' bits)."""
    kept = set(index.codes(TERM))
    ids = sorted(project_ids)
    if not kept or not ids:
        return
    members: dict[str, list[int]] = defaultdict(list)
    cursor = connection.connection.cursor()
    try:
        cursor.execute("SELECT project_id, tsvector_to_array(tsv) FROM search_vector "
                       "WHERE project_id = ANY(%s)", (ids,))
        for project_id, lexemes in cursor.fetchall():
            for lexeme in kept.intersection(lexemes):
                members[lexeme].append(project_id)
    finally:
        cursor.close()
    for lexeme, members_ids in members.items():
        index.bits[(TERM, lexeme)].set_all(members_ids)


def bitmap(index: FacetIndex, lexeme: str) -> int | None:
    """The projects with ``lexeme`` in their index text, or None when it is not kept."""
    bits = index.bits.get((TERM, lexeme))
    return None if bits is None else bits.value


def _frequent(cursor) -> list[str]:
    """The words of at least SHARE of a sample of the projects, most frequent first."""
    cursor.execute("SELECT count(*) FROM search_vector")
    (total,) = cursor.fetchone()
    if not total:
        return []
    sample = "search_vector" if total <= SAMPLE else (
        f"search_vector TABLESAMPLE SYSTEM ({100 * SAMPLE / total:.4f}) REPEATABLE (0)")
    cursor.execute(f"SELECT count(*) FROM {sample}")
    (sampled,) = cursor.fetchone()
    cursor.execute(f"SELECT word FROM ts_stat('SELECT tsv FROM {sample}') "
                   "WHERE ndoc >= %s ORDER BY ndoc DESC, word LIMIT %s",
                   (max(1.0, SHARE * sampled), LIMIT))
    return [word for (word,) in cursor.fetchall()]
