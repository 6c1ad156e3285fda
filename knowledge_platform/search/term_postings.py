"""Bitmaps of the most frequent index words, kept with the facet bitmaps (PostgreSQL).

A word in a large share of the projects costs PostgreSQL a visit to each of their rows
(0.9 s for the 755,000 matches of "cizinců" at a million projects), however narrow the
rest of the query. Its bitmap, read once and kept up to date from the change log like
the facets' (``bitmap_cache``), turns that into an AND in memory. The words are chosen by
document frequency when the bitmaps are first read, never by the queries people ask.
Every word the index holds, or held since the bitmaps were read, is listed too
(``index.vocabulary``), so a prefix ("integr*") becomes the words it stands for.
SQLite's FTS5 reads its posting lists directly and needs none of this.
"""
from __future__ import annotations

import itertools
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable
from heapq import merge

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
# Matching ids come back 64 to a row, as (id >> 6, a 64-bit word with their bits set).
WORDS = ("SELECT project_id >> 6, bit_or(1::bigint << (project_id & 63)) "
         "FROM search_vector WHERE tsv @@ to_tsquery('simple', %s) GROUP BY 1")
# Enough memory for an exact bitmap of a million rows (a lossy one re-checks whole
# pages), and no JIT compilation, which costs more than it saves here.
SETTINGS = ("SET LOCAL work_mem = '64MB'", "SET LOCAL jit = off")


def applies(connection: Connection) -> bool:
    """Whether this database keeps word bitmaps (PostgreSQL's weighted tsvectors)."""
    return connection.dialect.name == "postgresql"


def build(connection: Connection, index: FacetIndex) -> None:
    """Add every word's listing and the most frequent words' bitmaps to ``index``."""
    drop(index)
    cursor = connection.connection.cursor()
    try:
        for setting in SETTINGS:
            cursor.execute(setting)
        cursor.execute("SELECT word, ndoc FROM ts_stat('SELECT tsv FROM search_vector')")
        counts = cursor.fetchall()
        total = index.everyone().bit_count()
        frequent = sorted(((-ndoc, word) for word, ndoc in counts
                           if ndoc >= max(1.0, SHARE * total)))[:LIMIT]
        for _, lexeme in frequent:
            cursor.execute(WORDS, (to_tsquery(Term(lexeme)),))
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
    new: set[str] = set()
    cursor = connection.connection.cursor()
    try:
        cursor.execute("SELECT project_id, tsvector_to_array(tsv) FROM search_vector "
                       "WHERE project_id = ANY(%s)", (ids,))
        for project_id, lexemes in cursor.fetchall():
            for lexeme in lexemes:
                if lexeme in kept:
                    members[lexeme].append(project_id)
                elif not _listed(index.vocabulary, lexeme):
                    new.add(lexeme)
    finally:
        cursor.close()
    for lexeme, holders in members.items():
        index.bits[(TERM, lexeme)].set_all(holders)
    if new:  # one merge: inserting words one by one costs the list's length each
        index.vocabulary = list(merge(index.vocabulary, sorted(new)))


def starting_with(index: FacetIndex, prefix: str, limit: int) -> list[str] | None:
    """The listed words that start with ``prefix``; None when there are more than
    ``limit`` or no words are listed."""
    if index.vocabulary is None:
        return None
    words = index.vocabulary
    first = bisect_left(words, prefix)
    found = list(itertools.takewhile(lambda word: word.startswith(prefix),
                                     itertools.islice(words, first, first + limit + 1)))
    return None if len(found) > limit else found


def drop(index: FacetIndex) -> None:
    """Forget the words' bitmaps and listing."""
    for key in [key for key in index.bits if key[0] == TERM]:
        del index.bits[key]
    index.vocabulary = None


def bitmap(index: FacetIndex, lexeme: str) -> int | None:
    """The projects with ``lexeme`` in their index text, or None when it is not kept."""
    bits = index.bits.get((TERM, lexeme))
    return None if bits is None else bits.value


def _listed(words: list[str], word: str) -> bool:
    position = bisect_left(words, word)
    return position < len(words) and words[position] == word
