"""Search-result snippets and highlighted fields, HTML-escaped with <mark> around matches.

A token matches when its analysed form is one of the query's terms, so "Brně" in the text
is marked for the query "Brno"; a query term ending in "*" matches by prefix.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable
from html import escape

from .analysis import analysed_spans
from .text import tokens

ELLIPSIS = "…"
_SPACE = re.compile(r"\s+")


def _matcher(query_terms: Collection[str]) -> Callable[[str], bool]:
    exact = {term for term in query_terms if not term.endswith("*")}
    prefixes = tuple(term[:-1] for term in query_terms if term.endswith("*") and term[:-1])
    return lambda term: term in exact or (bool(prefixes) and term.startswith(prefixes))


def matching_spans(text: str, query_terms: Iterable[str], language: str | None
                   ) -> list[tuple[int, int, str]]:
    """(start, end, term) of the tokens of ``text`` that match ``query_terms``."""
    terms = set(query_terms)
    if not terms:
        return []  # browsing without words: nothing to analyse the text for
    matches = _matcher(terms)
    return [span for span in analysed_spans(text, language) if matches(span[2])]


def _render(text: str, start: int, end: int, marks: list[tuple[int, int, str]]) -> str:
    out, position = [], start
    for mark_start, mark_end, _ in marks:
        if mark_start < position or mark_end > end:
            continue
        out.append(escape(_SPACE.sub(" ", text[position:mark_start])))
        out.append("<mark>" + escape(text[mark_start:mark_end]) + "</mark>")
        position = mark_end
    out.append(escape(_SPACE.sub(" ", text[position:end])))
    return "".join(out)


def highlight(text: str, query_terms: Iterable[str], language: str | None = None) -> str:
    """The whole ``text`` (e.g. a title), escaped, with matching words in <mark>."""
    return _render(text, 0, len(text), matching_spans(text, query_terms, language))


def _best_start(marks: list[tuple[int, int, str]], max_chars: int) -> tuple[int, int]:
    """(start of first match, end of last match) of the window with the most matches."""
    best, best_score = (0, 0), (-1, -1)
    for i, (first, _, _) in enumerate(marks):
        inside = [m for m in marks[i:] if m[1] <= first + max_chars]
        # Distinct terms count first: "kurz ... Brno" beats "kurz ... kurz ... kurz".
        score = (len({m[2] for m in inside}), len(inside))
        if score > best_score:
            best, best_score = (first, inside[-1][1] if inside else first), score
    return best


def snippet(text: str, query_terms: Iterable[str], language: str | None = None,
            max_chars: int = 240) -> str:
    """The window of ``text`` with the most matching words, escaped, matches in <mark>."""
    text = text.strip()
    marks = matching_spans(text, query_terms, language)
    if len(text) <= max_chars:
        return _render(text, 0, len(text), marks)
    first, last = _best_start(marks, max_chars) if marks else (0, 0)
    # Some context before the first match, but never so much that matches fall off the end.
    lead = min(first, max(0, max_chars - (last - first)) // 3)
    start, end = first - lead, first - lead + max_chars
    bounds = [(s, e) for s, e, _ in tokens(text)]
    if start > 0:
        start = min((s for s, _ in bounds if s >= start), default=first)
    if end < len(text):
        end = max((e for _, e in bounds if e <= end and e > start), default=end)
    else:
        end = len(text)
    body = _render(text, start, end, marks)
    return (ELLIPSIS if start > 0 else "") + body.strip() + (ELLIPSIS if end < len(text) else "")
