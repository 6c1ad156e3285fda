"""The search box on PostgreSQL: kept words in memory, the rest asked of the tsvectors.

Every match PostgreSQL finds costs a visit to its row (about 5 µs at a million projects),
so a broad word or a phrase of common words costs most of a second. Words kept as
bitmaps (``term_postings``) cost nothing; what is left is asked only where it can still
change the answer: an AND's later parts among the projects its earlier parts left, an
OR's among those it has not found yet, a phrase among the projects holding its words.
A few such projects are looked up one by one; many are left to the full-text index.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import reduce
from operator import and_, or_

from knowledge_platform.db import db
from knowledge_platform.search import match_cache, term_postings
from knowledge_platform.search.bitmaps import FacetIndex, bitmap_of_words, ids_of
from knowledge_platform.search.term_postings import SETTINGS, WORDS
from search_index import And, Not, Or, Phrase, Term, to_tsquery
from search_index.query_ast import Node

# WORDS asked only of the listed projects, each looked up by its key.
WORDS_AMONG = (
    "SELECT project_id >> 6, bit_or(1::bigint << (project_id & 63)) FROM search_vector "
    "WHERE project_id = ANY(%s) AND tsv @@ to_tsquery('simple', %s) GROUP BY 1")
# Looking projects up one by one costs about as much per project as the index costs per
# match: worth it below this many projects whatever the question, and when they are a
# third or less of the matches the kept words allow (measured at a million projects).
FEW = 2000
SHARE_OF_BOUND = 1 / 3
PREFIX_WORDS = 300  # a prefix standing for more words is asked as a prefix
# Whether PostgreSQL reads a word of the query as it is written ("'kurh'" → True), per
# process; a word it changes or drops ("'❶'") sends the whole query to it.
_as_written: dict[str, bool] = {}
_REMEMBERED_WORDS = 50_000


def matching(ast: Node, index: FacetIndex, within: int | None = None) -> int:
    """The projects (of ``within``, default all) whose tsvector matches ``ast``."""
    within = index.everyone() if within is None else within
    if not _as_postgresql_reads(ast):
        query = to_tsquery(ast)
        return within & match_cache.remembered(("tsquery", query), index.generation,
                                               lambda: _rows(WORDS, query))
    return _among(ast, index, within)


def keeps(node: Node, index: FacetIndex) -> bool:
    """Whether ``node`` has a word whose bitmap is kept."""
    if isinstance(node, Term) and node.prefix:
        return _spelled_out(node, index) is not None
    if isinstance(node, Term):
        return term_postings.bitmap(index, node.text) is not None
    if isinstance(node, Not):
        return keeps(node.node, index)
    return isinstance(node, And | Or | Phrase) and any(
        keeps(child, index) for child in _children(node))


def _among(node: Node, index: FacetIndex, within: int) -> int:
    """The projects of ``within`` matching ``node``."""
    if not within:
        return 0
    if isinstance(node, Not):
        return within & ~_among(node.node, index, within)
    if isinstance(node, Term) and node.prefix:
        words = _spelled_out(node, index)
        if words is not None:
            return _among(words, index, within) if words.nodes else 0
    elif isinstance(node, Term):
        kept = term_postings.bitmap(index, node.text)
        if kept is not None:
            return kept & within
    if isinstance(node, And | Or) and (keeps(node, index) or any(
            isinstance(child, Not) for child in node.nodes)):
        return _combined(node, index, within)
    return _asked(node, index, within)


def _combined(node: And | Or, index: FacetIndex, within: int) -> int:
    """An AND narrows ``within`` part by part; an OR looks for each part only among the
    projects no earlier part found. Kept parts come first, the rest as one question."""
    nodes = [child for child in node.nodes
             if not (isinstance(node, Or) and _implied(child, node.nodes))]
    first = [child for child in nodes if isinstance(child, Not) or keeps(child, index)]
    rest = [child for child in nodes if child not in first]
    parts = first + ([rest[0] if len(rest) == 1 else type(node)(tuple(rest))] if rest else [])
    if isinstance(node, And):
        # The narrowest part first, exclusions last: each part asks within what is left.
        total = within.bit_count()
        for part in sorted(parts, key=lambda part: (isinstance(part, Not),
                                                    _estimate(part, index, total))):
            within = _among(part, index, within)
        return within
    found = 0
    for part in parts:
        found |= _among(part, index, within & ~found)
    return found


def _spelled_out(prefix: Term, index: FacetIndex) -> Or | None:
    """The words a prefix stands for, when they are listed and not too many."""
    words = term_postings.starting_with(index, prefix.text, PREFIX_WORDS)
    return None if words is None else Or(tuple(Term(word) for word in words))


def _implied(node: Node, siblings: Sequence[Node]) -> bool:
    """A phrase beside one of its own words adds nothing to an OR ("hlavní město Praha"
    next to "Praha")."""
    return isinstance(node, Phrase) and any(
        isinstance(other, Term) and not other.prefix and other.text in node.words
        for other in siblings)


def _asked(node: Node, index: FacetIndex, within: int) -> int:
    """PostgreSQL's answer to ``node`` within ``within``: the few candidates looked up, or
    the index asked (and its answer remembered for the generation)."""
    bound = _bound(node, index)
    candidates = within if bound is None else within & bound
    if not candidates:
        return 0
    query = to_tsquery(node)
    count = candidates.bit_count()
    if count <= FEW or (bound is not None and count <= bound.bit_count() * SHARE_OF_BOUND):
        return _rows(WORDS_AMONG, list(ids_of(candidates)), query)
    everywhere = match_cache.remembered(("tsquery", query), index.generation,
                                        lambda: _rows(WORDS, query))
    return everywhere & within


def _bound(node: Node, index: FacetIndex) -> int | None:
    """Projects that may match ``node`` by its kept words alone; None when unknown."""
    if isinstance(node, Term):
        return None if node.prefix else term_postings.bitmap(index, node.text)
    if isinstance(node, Phrase):
        node = And(tuple(Term(word) for word in node.words))
    if isinstance(node, And):
        known = [b for b in (_bound(child, index) for child in node.nodes) if b is not None]
        return reduce(and_, known) if known else None
    if isinstance(node, Or):
        bounds = [_bound(child, index) for child in node.nodes]
        return None if None in bounds else reduce(or_, (b for b in bounds if b is not None), 0)
    return None


def _estimate(node: Node, index: FacetIndex, total: int) -> float:
    """About how many projects match ``node``, from the kept words (an unkept word is in
    fewer than ``term_postings.SHARE`` of them)."""
    if isinstance(node, Term) and not node.prefix:
        kept = term_postings.bitmap(index, node.text)
        return kept.bit_count() if kept is not None else term_postings.SHARE * total
    if isinstance(node, Phrase):
        bound = _bound(node, index)
        return total if bound is None else bound.bit_count()
    if isinstance(node, And):
        return min(_estimate(child, index, total) for child in node.nodes)
    if isinstance(node, Or):
        return min(total, sum(_estimate(child, index, total) for child in node.nodes))
    return total


def _children(node: And | Or | Phrase) -> tuple[Node, ...]:
    """A node's operands, a phrase's words as terms."""
    return tuple(Term(word) for word in node.words) if isinstance(node, Phrase) else node.nodes


def _as_postgresql_reads(ast: Node) -> bool:
    """Whether PostgreSQL reads every word of ``ast`` as written, so that words can be
    answered one by one: it lowercases and splits some characters as Python does not."""
    words = set(_leaves(ast))
    unknown = [word for word in words if word not in _as_written]
    if unknown:
        if len(_as_written) > _REMEMBERED_WORDS:
            _as_written.clear()
        cursor = db.session.connection().connection.cursor()
        try:
            cursor.execute("SELECT word, to_tsquery('simple', word)::text = word "
                           "FROM unnest(%s::text[]) AS word", (unknown,))
            _as_written.update(cursor.fetchall())
        finally:
            cursor.close()
    return all(_as_written.get(word) for word in words)


def _leaves(node: Node) -> Iterator[str]:
    if isinstance(node, Term):
        yield to_tsquery(node)
    elif isinstance(node, Not):
        yield from _leaves(node.node)
    else:
        for child in _children(node):
            yield from _leaves(child)


def _rows(statement: str, *parameters: object) -> int:
    """``statement``'s (id >> 6, bits) rows as a bitmap."""
    cursor = db.session.connection().connection.cursor()
    try:
        for setting in SETTINGS:
            cursor.execute(setting)
        cursor.execute(statement, parameters)
        return bitmap_of_words(cursor.fetchall())
    finally:
        cursor.close()
