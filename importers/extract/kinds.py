"""What a record describes: a project, a programme or grant call, a continuing service, or a
network or platform (rules in importers/data/kinds.tsv)."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from importers.extract.finding import Finding
from importers.extract.text import lines, read_tsv
from search_index.text import fold

# The kinds of record (the codes of the platform's record_kind vocabulary).
KINDS = ("PROJECT", "PROGRAMME", "SERVICE", "NETWORK")
# Weak signs a programme needs at least this many different ones of.
WEAK_NEEDED = 2


@lru_cache(maxsize=1)
def _rules() -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    return tuple((code, strength, re.compile(pattern, re.MULTILINE))
                 for code, strength, pattern in read_tsv("kinds.tsv"))


def find_kind(text: str, record: dict[str, Any]) -> Finding | None:
    """The record's kind when it shows a sign of one other than a project, with the line that
    decided it; None otherwise (the store takes such a record for a project)."""
    folded = fold("\n".join([record.get("title") or "", *lines(text)]))
    strong: dict[str, str] = {}
    weak: dict[str, list[str]] = {}
    announcer = _name_words(record.get("implementer"))
    for code, strength, pattern in _rules():
        found = pattern.search(folded)
        if found is None:
            continue
        if strength == "announced" and announcer and not announcer & set(
                re.findall(r"\w+", folded[folded.rfind("\n", 0, found.start()) + 1:
                                           found.start()])):
            continue  # another body's programme, under which this one ran
        if strength in ("strong", "announced"):
            strong.setdefault(code, _line_of(folded, found.start()))
        else:
            weak.setdefault(code, []).append(_line_of(folded, found.start()))
    has_period = bool(record.get("start") or record.get("end"))
    if "PROGRAMME" in strong:
        return Finding("PROGRAMME", strong["PROGRAMME"], 0.75)
    if len(weak.get("PROGRAMME", [])) >= WEAK_NEEDED:
        return Finding("PROGRAMME", "; ".join(weak["PROGRAMME"][:WEAK_NEEDED]), 0.6)
    if "NETWORK" in strong:
        return Finding("NETWORK", strong["NETWORK"], 0.65)
    if "SERVICE" in strong and not has_period:
        return Finding("SERVICE", strong["SERVICE"], 0.65)
    return None


def kind_of_value(value: str) -> str | None:
    """The kind a bulk row's cell names ("PROGRAMME", "['PROJECT']"), None if none."""
    return next((word for word in re.findall(r"[A-Z]+", value.upper()) if word in KINDS), None)


def _name_words(name: str | None) -> set[str]:
    # The words of a name that can stand for it as a subject ("ministry", "nadace").
    return {word for word in re.findall(r"\w+", fold(name or "")) if len(word) >= 4}


def _line_of(folded: str, position: int) -> str:
    start = folded.rfind("\n", 0, position) + 1
    end = folded.find("\n", position)
    return folded[start:end if end >= 0 else None][:300]
