"""Parts of a text that state the opposite of what they name ("rather than on Ukrainian
newcomers", "nikoli pro dospělé"), so that ranking can tell a text that merely mentions a
query's words from one that is about them.

Only common, unambiguous cues count (``data/negation_cues.tsv``): a cue's scope runs to
the end of its clause (punctuation or a contrasting conjunction) and at most
``MAX_SCOPE`` words. Czech "místo" (also a noun, "place") and English "without" (which
describes, as in "families without insurance") are left out on purpose.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from .analysis import analysed_spans
from .query_ast import Node, Not, Or, Phrase, Term
from .resources import data_rows
from .text import fold

MAX_SCOPE = 6  # words after the cue
# Where a clause ends, whatever the language; a folded text keeps its punctuation.
CLAUSE_END = re.compile(r"[.;:!?()\[\]\n]|,|\s[–—-]\s|\b(?:but|ale|avsak|vsak|nybrz)\b")


@cache
def _cues() -> re.Pattern[str]:
    """One pattern of every cue, as whole folded words; the longest cues first."""
    cues = sorted((fold(cue) for cue, in data_rows("negation_cues.tsv")), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(cue).replace(r"\ ", r"\s+")
                                          for cue in cues) + r")\b")


@cache
def _not_cues() -> re.Pattern[str]:
    # "not only … but also" and its Czech twin add, they do not negate.
    return re.compile(r"\b(?:not\s+(?:only|just|merely)|nejen)\b")


def negated_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of ``text`` in the scope of a negation cue."""
    folded = fold(text)
    if len(folded) != len(text):  # folding changed lengths (rare ligatures): no offsets
        return []
    spans = []
    for cue in _cues().finditer(folded):
        if _not_cues().match(folded, cue.start()):
            continue
        start = cue.end()
        end = CLAUSE_END.search(folded, start)
        stop = end.start() if end else len(folded)
        words = list(re.finditer(r"\w+", folded[start:stop]))[:MAX_SCOPE]
        if words:
            spans.append((start, start + words[-1].end()))
    return spans


PRESENT, NEGATED, ABSENT = "present", "negated", "absent"


def _status(node: Node, seen: dict[Term, str]) -> str:
    """Whether the text says ``node`` plainly, only where it negates it, or not at all."""
    if isinstance(node, Term):
        return seen.get(node, ABSENT)
    parts = [Term(word) for word in node.words] if isinstance(node, Phrase) else [
        child for child in node.nodes if not isinstance(child, Not)]  # type: ignore[union-attr]
    statuses = {_status(part, seen) for part in parts}
    if isinstance(node, Or):
        return next((status for status in (PRESENT, NEGATED) if status in statuses), ABSENT)
    if NEGATED in statuses:  # a part every match needs is only ever negated
        return NEGATED
    return PRESENT if statuses == {PRESENT} else ABSENT


def _terms(node: Node) -> set[Term]:
    if isinstance(node, Term):
        return {node}
    if isinstance(node, Phrase):
        return {Term(word) for word in node.words}
    if isinstance(node, Not):
        return set()
    return set().union(*(_terms(child) for child in node.nodes))


def contradicts(texts: Sequence[tuple[str | None, str]], ast: Node | None) -> bool:
    """True when a part of the query ``ast`` that every match needs occurs in ``texts``
    ((text, language) pairs) only where the text negates it."""
    if ast is None or not any(text and negated_spans(text) for text, _ in texts):
        return False  # the usual case, decided without analysing anything
    wanted = _terms(ast)
    seen: dict[Term, str] = {}
    for text, language in texts:
        if not text:
            continue
        spans = negated_spans(text)
        for start, _, word in analysed_spans(text, language):
            negated = any(low <= start < high for low, high in spans)
            for term in wanted:
                if seen.get(term) != PRESENT and (
                        word.startswith(term.text) if term.prefix else word == term.text):
                    seen[term] = NEGATED if negated else PRESENT
    return _status(ast, seen) == NEGATED
