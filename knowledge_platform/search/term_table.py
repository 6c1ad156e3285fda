"""Matches on PostgreSQL from the ``search_term`` table, read index-only (migration 0008).

The GIN index over ``tsvector`` finds matching rows, but the ids come from the table's
pages, one page visited per few matches: a common word at a million projects costs a
second. The primary key of ``search_term`` (term, project id) holds the answer itself, so
each term is one range of the index, turned into a bitmap (64 ids per row) by the server.
Phrases need word positions, which only the ``tsvector`` has: they still go through GIN.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import reduce

from search_index import to_tsquery
from search_index.query_ast import And, Node, Not, Or, Phrase, Term

from .bitmaps import bitmap_of_words

WORDS = "project_id >> 6, bit_or(1::bigint << (project_id & 63))"
TERMS = f"SELECT term, {WORDS} FROM search_term WHERE term = ANY(%s) GROUP BY 1, 2"
PREFIX = f"SELECT {WORDS} FROM search_term WHERE term LIKE %s GROUP BY 1"
PHRASE = (f"SELECT {WORDS} FROM search_document "
          "WHERE tsv @@ to_tsquery('simple', %s) GROUP BY 1")

Rows = Callable[..., list[tuple]]


def matching_bitmap(ast: Node, rows: Rows, everyone: Callable[[], int]) -> int:
    """The bitmap of projects whose ``tsvector`` matches ``ast``, as ``tsv @@ tsquery``
    would say. ``rows(sql, *parameters)`` runs SQL; ``everyone()`` is every project."""
    plain = sorted({node.text for node in _nodes(ast) if isinstance(node, Term)
                    and not node.prefix})
    found: dict[str, list[tuple[int, int]]] = {term: [] for term in plain}
    if plain:
        for term, word, bits in rows(TERMS, plain):
            found[term].append((word, bits))
    terms = {term: bitmap_of_words(words) for term, words in found.items()}
    return _evaluate(ast, terms, rows, everyone)


def _evaluate(node: Node, terms: dict[str, int], rows: Rows, everyone) -> int:
    if isinstance(node, Term):
        if not node.prefix:
            return terms[node.text]
        pattern = node.text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return bitmap_of_words(rows(PREFIX, pattern + "%"))
    if isinstance(node, Phrase):
        return bitmap_of_words(rows(PHRASE, to_tsquery(node)))
    if isinstance(node, Not):
        return everyone() & ~_evaluate(node.node, terms, rows, everyone)
    parts = (_evaluate(child, terms, rows, everyone) for child in node.nodes)
    if isinstance(node, Or):
        return reduce(lambda a, b: a | b, parts, 0)
    assert isinstance(node, And)
    return reduce(lambda a, b: a & b, parts)


def _nodes(node: Node) -> Iterator[Node]:
    yield node
    if isinstance(node, Not):
        yield from _nodes(node.node)
    elif isinstance(node, (And, Or)):
        for child in node.nodes:
            yield from _nodes(child)
