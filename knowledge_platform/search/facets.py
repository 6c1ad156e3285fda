"""Filters and facet counts over bitmaps: each facet counts under every other filter.

One shape everywhere (site, API, CLI): ``{"name", "values": [{"code", "label",
"count", "selected", "toggle"}]}``, where ``toggle`` is the query string that
switches the value on or off.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select

from knowledge_platform.db import db
from knowledge_platform.models import LINKS, VOCABULARIES, Status
from knowledge_platform.search.bitmaps import FacetIndex
from knowledge_platform.search.params import DECADE, SearchParams

FIRST_DECADE = 1990


def decades() -> range:
    return range(FIRST_DECADE, date.today().year + 1, 10)


@dataclass
class Counted:
    """A result set as a bitmap, its size, and the facet counts {facet: {code: count}}."""

    bitmap: int
    total: int
    counts: dict[str, dict[Any, int]]


def restrictions(params: SearchParams, index: FacetIndex) -> dict[str, int]:
    """One bitmap per active filter, keyed by the facet (or filter) it comes from."""
    found = {"status": index.get("status", str(Status.PUBLISHED)) if params.published_only
             else index.everyone()}
    for facet in LINKS:
        if params.selected(facet):
            found[facet] = index.any_of(facet, params.selected(facet))
    if params.decade:
        found[DECADE] = 0
        for decade in params.decade:
            found[DECADE] |= index.years(decade, decade + 9)
    if params.year_from is not None or params.year_to is not None:
        found["years"] = index.years(params.year_from, params.year_to)
    if params.budget_min is not None or params.budget_max is not None:
        found["budget"] = index.budget_between(
            None if params.budget_min is None else float(params.budget_min),
            None if params.budget_max is None else float(params.budget_max))
    if params.lang:
        found["lang"] = index.get("lang", params.lang)
    if params.good_practice is not None:
        found["good_practice"] = index.get("good_practice", params.good_practice)
    return found


def count(params: SearchParams, index: FacetIndex, text: int | None,
          with_facets: bool) -> Counted:
    """The projects matching ``text`` (None: any) and every filter, with facet counts."""
    filters = restrictions(params, index)
    result = _all(filters.values(), text)
    counts: dict[str, dict[Any, int]] = {name: {} for name in (*LINKS, DECADE)}
    if with_facets:
        for name in (*LINKS, DECADE):
            base = result if name not in filters else _all(
                (bitmap for key, bitmap in filters.items() if key != name), text)
            if name == DECADE:
                pairs = ((decade, index.years(decade, decade + 9)) for decade in decades())
            else:
                pairs = ((code, index.get(name, code)) for code in index.codes(name))
            for code, bitmap in pairs:
                n = (base & bitmap).bit_count()
                if n:
                    counts[name][code] = n
    return Counted(result, result.bit_count(), counts)


def _all(bitmaps, text: int | None) -> int:
    result = -1 if text is None else text  # -1: every bit set
    for bitmap in bitmaps:
        result &= bitmap
    return result


def facets(
    params: SearchParams, counts: dict[str, dict[Any, int]], language: str
) -> list[dict[str, Any]]:
    """All facets in their one shape, labelled in ``language``."""
    found = []
    for name in LINKS:
        model = VOCABULARIES[name]
        label = model.label_en if language == "en" else model.label_cs
        terms = db.session.execute(select(model.code, label).order_by(model.position))
        values = [
            _value(params, name, code, text, counts[name].get(code, 0))
            for code, text in terms
            if counts[name].get(code) or code in params.selected(name)
        ]
        values.sort(key=lambda value: -value["count"])
        found.append({"name": name, "values": values})
    values = [
        _value(params, DECADE, decade, f"{decade}–{decade + 9}", counts[DECADE].get(decade, 0))
        for decade in decades()
        if counts[DECADE].get(decade) or decade in params.decade
    ]
    found.append({"name": DECADE, "values": values})
    return found


def _value(params: SearchParams, name: str, code, label: str, count: int) -> dict[str, Any]:
    return {
        "code": code,
        "label": label,
        "count": int(count),
        "selected": code in params.selected(name),
        "toggle": params.toggled(name, code).query_string(),
    }
