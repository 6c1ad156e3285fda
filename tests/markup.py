"""Well-formed HTML in tests: every element a page opens is closed, in order."""
from __future__ import annotations

from html.parser import HTMLParser

# Elements that have no end tag.
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "source", "track", "wbr"})


class _Balance(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, tuple[int, int]]] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        if tag not in VOID:
            self.open.append((tag, self.getpos()))

    def handle_endtag(self, tag) -> None:
        if tag in VOID:
            return
        if not self.open or self.open[-1][0] != tag:
            expected = self.open[-1][0] if self.open else "nothing"
            self.problems.append(f"</{tag}> at {self.getpos()} closes {expected}")
            return
        self.open.pop()


def markup_problems(html: str) -> list[str]:
    """Where ``html`` closes an element that is not the one open, or leaves one open."""
    parser = _Balance()
    parser.feed(html)
    parser.close()
    return parser.problems + [f"<{tag}> at {position} never closed"
                              for tag, position in parser.open]
