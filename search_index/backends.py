"""Rendering a parsed query as an SQLite FTS5 MATCH string or a PostgreSQL tsquery.

Every term is a quoted string built from letters and digits only, so no user input can
reach either query language as syntax.
"""
from __future__ import annotations

from .query_ast import And, Node, Not, Or, Phrase, Term


def _fts_string(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _fts(node: Node) -> str:
    if isinstance(node, Term):
        return _fts_string(node.text) + ("*" if node.prefix else "")
    if isinstance(node, Phrase):
        return _fts_string(" ".join(node.words))
    if isinstance(node, Or):
        return "(" + " OR ".join(_fts(child) for child in node.nodes) + ")"
    if isinstance(node, Not):  # only reached through _fts_and, which handles placement
        return _fts(node.node)
    return _fts_and(node)


def _fts_and(node: And) -> str:
    positive = [child for child in node.nodes if not isinstance(child, Not)]
    negative = [child.node for child in node.nodes if isinstance(child, Not)]
    if not positive:
        return ""
    expression = " AND ".join(_fts(child) for child in positive)
    expression = f"({expression})" if len(positive) > 1 else expression
    # FTS5's NOT is binary ("a NOT b"), so every exclusion hangs off the positive part.
    for child in negative:
        expression = f"({expression} NOT {_fts(child)})"
    return expression


def to_fts5(ast: Node | None) -> str:
    """A safe FTS5 MATCH expression; "" when there is no positive part to match.

    FTS5 cannot match "everything except", so for a query of only exclusions ("-Praha")
    this returns "" and the backend should list all rows except those matching
    ``to_fts5_exclusion(ast)`` (``rowid NOT IN (SELECT rowid ... MATCH ?)``).
    """
    if ast is None or isinstance(ast, Not):
        return ""
    return _fts(ast)


def to_fts5_exclusion(ast: Node | None) -> str:
    """For an exclusion-only query, the FTS5 expression of what to exclude; else ""."""
    if isinstance(ast, Not):
        return _fts(ast.node)
    if isinstance(ast, And):
        excluded = [child.node for child in ast.nodes if isinstance(child, Not)]
        if len(excluded) == len(ast.nodes):
            return "(" + " OR ".join(_fts(node) for node in excluded) + ")"
    return ""


def _ts_lexeme(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'"


def _ts(node: Node) -> str:
    if isinstance(node, Term):
        return _ts_lexeme(node.text) + (":*" if node.prefix else "")
    if isinstance(node, Phrase):
        return "(" + " <-> ".join(_ts_lexeme(word) for word in node.words) + ")"
    if isinstance(node, Not):
        return "!" + _ts(node.node)
    joiner = " | " if isinstance(node, Or) else " & "
    return "(" + joiner.join(_ts(child) for child in node.nodes) + ")"


def to_tsquery(ast: Node | None) -> str:
    """A string for PostgreSQL ``to_tsquery('simple', ...)``; "" when nothing to search.

    Unlike FTS5, tsquery can express exclusion-only queries ("!'prah'") directly.
    """
    return "" if ast is None else _ts(ast)
