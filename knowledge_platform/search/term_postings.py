"""Bitmaps of the most frequent index words, kept with the facet bitmaps (PostgreSQL).

A word in a large share of the projects costs PostgreSQL a visit to each of their rows
(0.9 s for the 755,000 matches of "cizinců" at a million projects), however narrow the
rest of the query. Its bitmap, read once and kept up to date from the change log like
the facets' (``bitmap_cache``), turns that into an AND in memory. The words are chosen by
document frequency when the bitmaps are first read, never by the queries people ask.
Every word the index holds is listed too (``index.vocabulary``), so a prefix ("integr*")
becomes the words it stands for. SQLite's FTS5 reads its posting lists directly and
needs none of this.
"""
from __future__ import annotations

from bisect import bisect_left, insort
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
_WORDS = ("SELECT project_id >> 6, bit_or(1::bigint << (project_id & 63)) "
          "FROM search_vector WHERE tsv @@ to_tsquery('simple', %s) GROUP BY 1")
_SETTINGS = ("SET LOCAL work_mem = '64MB'", "SET LOCAL jit = off")


def applies(connection: Connection) -> bool:
    """Whether this database keeps word bitmaps (PostgreSQL's weighted tsvectors)."""
    return connection.dialect.name == "postgresql"


def build(connection: Connection, index: FacetIndex) -> None:
    """Add every word's listing and the most frequent words' bitmaps to ``index``."""
    cursor = connection.connection.cursor()
    try:
        for setting in _SETTINGS:
            cursor.execute(setting)
        cursor.execute("SELECT word, ndoc FROM ts_stat('SELECT tsv FROM search_vector')")
        counts = cursor.fetchall()
        total = index.everyone().bit_count()
        frequent = sorted(((-ndoc, word) for word, ndoc in counts
                           if ndoc >= max(1.0, SHARE * total)))[:LIMIT]
        for _, lexeme in frequent:
            cursor.execute(_WORDS, (to_tsquery(Term(lexeme)),))
            index.put((TERM, lexeme), bitmap_of_words(cursor.fetchall()))
    finally:
        cursor.close()
    index.vocabulary = sorted(word for word, _ in counts)


def update(connection: Connection, index: FacetIndex, project_ids: Iterable[int]) -> None:
    """Set the kept words' bits of ``project_ids`` as their stored tsvectors have them
    (``FacetIndex.load`` has just cleared those projects' bits), and list new words."""
    ids = sorted(project_ids)
    if index.vocabulary is None or not ids:
        return
    kept = set(index.codes(TERM))
    members: dict[str, list[int]] = defaultdict(list)
    cursor = connection.connection.cursor()
    try:
        cursor.execute("SELECT project_id, tsvector_to_array(tsv) FROM search_vector "
                       "WHERE project_id = ANY(%s)", (ids,))
        for project_id, lexemes in cursor.fetchall():
            for lexeme in lexemes:
                if lexeme in kept:
                    members[lexeme].append(project_id)
                elif not _listed(index.vocabulary, lexeme):
                    insort(index.vocabulary, lexeme)
    finally:
        cursor.close()
    for lexeme, members_ids in members.items():
        index.bits[(TERM, lexeme)].set_all(members_ids)


def starting_with(index: FacetIndex, prefix: str) -> list[str] | None:
    """Every word of the index that starts with ``prefix``; None when they are not listed."""
    if index.vocabulary is None:
        return None
    words = index.vocabulary
    found = []
    for position in range(bisect_left(words, prefix), len(words)):
        if not words[position].startswith(prefix):
            break
        found.append(words[position])
    return found


def bitmap(index: FacetIndex, lexeme: str) -> int | None:
    """The projects with ``lexeme`` in their index text, or None when it is not kept."""
    bits = index.bits.get((TERM, lexeme))
    return None if bits is None else bits.value


def _listed(words: list[str], word: str) -> bool:
    position = bisect_left(words, word)
    return position < len(words) and words[position] == word
