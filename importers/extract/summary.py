"""The record's summary: the document's first descriptive paragraph."""
from __future__ import annotations

import re

from importers.extract.finding import NOTHING, Finding
from importers.extract.text import (
    about_other_project,
    is_list_item,
    is_upper_line,
    lines,
    strip_bullet,
)
from search_index.text import fold

MAX_LENGTH = 600


def shorten(text: str, limit: int = MAX_LENGTH) -> str:
    """Cut ``text`` to ``limit`` characters at a sentence end, else at a word, with "…"."""
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) <= limit:
        return text
    cut = text[:limit]
    end = max(cut.rfind(". "), cut.rfind("! "), cut.rfind("? "))
    if end > limit // 3:
        return cut[:end + 1]
    return cut[:cut.rfind(" ")].rstrip(",;:") + "…"


def find_summary(text: str, title: str | None = None) -> Finding:
    """The first paragraph that describes the project (one mentioning it by name or as
    "projekt"/"project"), else the first long prose paragraph; at most 600 characters."""
    prose: list[str] = []
    items: list[str] = []
    for line in lines(text):
        if len(line) < 80 or is_upper_line(line) or re.match(r"^[^.:]{1,60}:\s", line):
            continue
        (items if is_list_item(line) else prose).append(strip_bullet(line))
    # Slides and leaflets hold their description in bullet points.
    prose += items
    title_key = fold(title or "")[:20]
    for line in prose:
        folded = fold(line)
        if (re.search(r"\bprojekt|\bproject", folded) or title_key and title_key in folded) \
                and not about_other_project(line.split(". ")[0], title):
            return Finding(shorten(line), line[:300], 0.7)
    if prose:
        return Finding(shorten(prose[0]), prose[0][:300], 0.4)
    return NOTHING
