"""Relevance order: the best text matches of a result set without scoring every match.

Scoring is what makes a search slower than finding its matches, so neither engine
scores the whole result set:

- SQLite ranks in tiers: projects with the query in their title first, by FTS5 ``bm25``
  over the title, then the rest by ``bm25`` over all columns (title 10, summary 4, body 1).
  Title matches are few, so a broad query scores a fraction of its matches.
- PostgreSQL's ``ts_rank_cd`` reads each match's whole ``tsvector``; it scores only the
  ``CANDIDATES`` most recently added matches that pass the filters (all of them when there
  are fewer), weighing title over summary over body; the rest follow, newest first.
"""
from __future__ import annotations

from math import ceil

from knowledge_platform.db import db
from knowledge_platform.search.bitmaps import ids_descending, ids_of, member_test
from knowledge_platform.search.text_match import TextMatch, driver_rows
from search_index import to_fts5, to_tsquery

SQLITE_TIERS = ("{title} : ", "")
SQLITE_BEST = ("SELECT rowid FROM search_fts WHERE search_fts MATCH ? "
               "ORDER BY bm25(search_fts, 10.0, 4.0, 1.0), rowid DESC LIMIT ?")
# "+rowid": test each match against the list, rather than look each listed id up.
SQLITE_BEST_AMONG = ("SELECT rowid FROM search_fts WHERE search_fts MATCH ? "
                     "AND +rowid IN (SELECT value FROM json_each(?)) "
                     "ORDER BY bm25(search_fts, 10.0, 4.0, 1.0), rowid DESC LIMIT ?")
LISTED = 5000
CANDIDATES = 1000
# tsvector weights D, C, B, A; the candidates match already, so no @@ is needed.
POSTGRESQL_BEST = ("SELECT project_id FROM search_vector WHERE project_id = ANY(?) "
                   "ORDER BY ts_rank_cd('{0.1, 0.2, 0.5, 1.0}', tsv, "
                   "to_tsquery('simple', ?)) DESC, project_id DESC LIMIT ?")


def most_relevant(match: TextMatch, allowed: int, text: int, wanted: int) -> list[int]:
    """Up to ``wanted`` ids of the text matches ``text`` that are in ``allowed`` (both
    bitmaps), most relevant first."""
    candidates = text & allowed
    if not candidates or match.parsed is None:
        return []
    if db.engine.dialect.name == "postgresql":
        return _postgresql(match, candidates, wanted)
    expression = to_fts5(match.parsed.ast)
    if not expression:
        return []  # exclusions only: nothing to rank by
    return _sqlite(expression, allowed, candidates,
                   text.bit_count() / candidates.bit_count(), wanted)


def _sqlite(expression: str, allowed: int, candidates: int, spread: float,
            wanted: int) -> list[int]:
    """Tier by tier, the best of ``candidates`` (the text matches in ``allowed``).

    A few candidates (a narrow filter) go to FTS5 as a list, so only they are scored;
    otherwise ask for enough of its best to fill the page after filtering, guessing
    from the share of matches the filters keep (``1 / spread``).
    """
    listed = None
    if candidates.bit_count() <= LISTED:
        listed = "[" + ",".join(map(str, ids_of(candidates))) + "]"
    inside = member_test(allowed)
    picked: list[int] = []
    seen: set[int] = set()
    for tier in SQLITE_TIERS:
        query = f"{tier}({expression})" if tier else expression
        if listed is not None:
            best = [pid for pid, in driver_rows(SQLITE_BEST_AMONG, query, listed, wanted)]
            fresh = [pid for pid in best if pid not in seen]
        else:
            # A second try, when the guess fell short, takes them all (-1: no limit).
            for limit in (wanted * max(2, ceil(3 * spread)), -1):
                best = [pid for pid, in driver_rows(SQLITE_BEST, query, limit)]
                fresh = [pid for pid in best if pid not in seen and inside(pid)]
                if len(picked) + len(fresh) >= wanted or len(best) < limit:
                    break
        picked += fresh
        seen.update(fresh)
        if len(picked) >= wanted:
            break
    return picked[:wanted]


def _postgresql(match: TextMatch, candidates: int, wanted: int) -> list[int]:
    assert match.parsed is not None  # most_relevant() returns early without one
    newest = ids_descending(candidates, max(CANDIDATES, wanted))
    return [pid for pid, in driver_rows(
        POSTGRESQL_BEST, newest, to_tsquery(match.parsed.ast), wanted)]
