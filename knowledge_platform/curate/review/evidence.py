"""Finding each extracted value's evidence in the source text, and marking it up.

Evidence is quoted the way extraction saw it ("Partneři: A; B" for a list under a label),
so it is found word by word, ignoring case, punctuation and line breaks.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import permutations

from markupsafe import Markup, escape

_WORD = re.compile(r"\w+")


class EvidenceText:
    """A source text whose words can be searched for evidence snippets."""

    def __init__(self, text: str):
        self.text = text
        self._words = [(match.start(), match.end(), match.group().casefold())
                       for match in _WORD.finditer(text)]
        self._starts: dict[str, list[int]] = {}
        for index, (_, _, word) in enumerate(self._words):
            self._starts.setdefault(word, []).append(index)

    def locate(self, snippet: str) -> tuple[int, int] | None:
        """Where ``snippet``'s words first occur in the text (start, end), or None.

        The snippet's last word may be cut short, as extraction clips long quotes.
        """
        words = [word.casefold() for word in _WORD.findall(snippet or "")]
        if not words:
            return None
        *whole, last = words
        for first in self._starts.get(words[0], []) if whole else range(len(self._words)):
            end = first + len(words) - 1
            if end >= len(self._words):
                break
            if all(self._words[first + offset][2] == word for offset, word in enumerate(whole)) \
                    and self._words[end][2].startswith(last):
                return self._widened(snippet, self._words[first][0], self._words[end][1])
        return None

    def _widened(self, snippet: str, start: int, end: int) -> tuple[int, int]:
        """The span with the punctuation around the snippet's words, where the text has it too.

        So "(SIMI)" is marked whole, not "(SIMI".
        """
        leading, trailing = re.match(r"\W*", snippet), re.search(r"\W*$", snippet)
        assert leading is not None and trailing is not None  # \W* matches the empty text
        before = leading.group().strip()
        after = trailing.group().strip()
        if before and self.text[start - len(before):start] == before:
            start -= len(before)
        if after and self.text[end:end + len(after)] == after:
            end += len(after)
        return start, end


def highlight(text: str, spans: dict[str, tuple[int, int]], order: Iterable[str]) -> Markup:
    """``text`` escaped, each field's span in a ``<mark id="evidence-FIELD">``.

    Spans that overlap without one holding the other are widened until they nest, so
    every field keeps a mark of its own; ``order`` decides nesting among equal spans.
    """
    rank = {name: position for position, name in enumerate(order)}
    spans = _nested(spans)
    fields = sorted(spans, key=lambda name: (spans[name][0], -spans[name][1],
                                             rank.get(name, len(rank))))
    parts: list[str] = []
    stack: list[str] = []
    position = 0

    def close() -> None:
        nonlocal position
        end = spans[stack.pop()][1]
        parts.extend((escape(text[position:end]), Markup("</mark>")))
        position = end

    for name in fields:
        start = spans[name][0]
        while stack and spans[stack[-1]][1] <= start:
            close()
        parts.extend((escape(text[position:start]), Markup(
            '<mark class="evidence" id="evidence-%s" data-field="%s">') % (name, name)))
        position = start
        stack.append(name)
    while stack:
        close()
    parts.append(escape(text[position:]))
    return Markup("").join(parts)


def _nested(spans: dict[str, tuple[int, int]]) -> dict[str, tuple[int, int]]:
    """The spans, each one that starts inside another and ends after it widened to hold it."""
    spans = dict(spans)
    while True:
        straddling = next(((outer, inner) for outer, inner in permutations(spans, 2)
                           if spans[outer][0] < spans[inner][0] < spans[outer][1]
                           < spans[inner][1]), None)
        if straddling is None:
            return spans
        outer, inner = straddling
        spans[inner] = (spans[outer][0], spans[inner][1])
