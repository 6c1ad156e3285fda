"""Facet counts: each facet counts under every other filter but not its own.

One shape everywhere (site, API, CLI): ``{"name", "values": [{"code", "label",
"count", "selected", "toggle"}]}``, where ``toggle`` is the query string that
switches the value on or off.

Facets with no value selected all count over the same result set, so they are
counted together in one query over that set, computed once (with the total); each
facet with a selection needs its own set, without its own filter.
"""
from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, func, literal, select, union_all

from knowledge_platform.db import db
from knowledge_platform.models import VOCABULARIES, Project
from knowledge_platform.search.filters import LINKS, conditions, overlaps
from knowledge_platform.search.params import SearchParams

FIRST_DECADE = 1990
DECADE = "decade"


def decades() -> range:
    return range(FIRST_DECADE, date.today().year + 1, 10)


def facet_counts(
    params: SearchParams, matching: list[ColumnElement[bool]]
) -> tuple[int, dict[str, dict[Any, int]]]:
    """The total and per-facet counts {facet: {code: count}} for a result set."""
    counts: dict[str, dict[Any, int]] = {name: {} for name in (*LINKS, DECADE)}
    shared = [name for name in (*LINKS, DECADE) if not params.selected(name)]
    own = [name for name in (*LINKS, DECADE) if params.selected(name)]
    total = _count_into(counts, shared, params, matching, without=None, with_total=True)
    for name in own:
        _count_into(counts, [name], params, matching, without=name, with_total=False)
    return total, counts


def _count_into(counts, names, params, matching, without, with_total) -> int:
    base = (
        select(Project.id.label("id"))
        .where(*conditions(params, without=without), *matching)
        .cte("base")
        .prefix_with("MATERIALIZED")
    )
    parts = []
    if with_total:
        parts.append(select(literal("total"), literal("").label("code"),
                            func.count().label("n")).select_from(base))
    in_base = Project.id.in_(select(base.c.id))
    for name in names:
        if name == DECADE:
            # Decades as rows of the same query; codes travel as text for one column type.
            parts += [
                select(literal(DECADE), literal(str(decade)), func.count())
                .where(in_base, overlaps(decade, decade + 9))
                for decade in decades()
            ]
            continue
        link = LINKS[name]
        parts.append(
            select(literal(name), link.c.code, func.count())
            .where(link.c.project_id.in_(select(base.c.id)))
            .group_by(link.c.code)
        )
    total = 0
    for facet, code, count in db.session.execute(union_all(*parts)):
        if facet == "total":
            total = count
        elif facet == DECADE:
            counts[DECADE][int(code)] = count
        else:
            counts[facet][code] = count
    return total


def facets(
    params: SearchParams, counts: dict[str, dict[Any, int]], language: str
) -> list[dict[str, Any]]:
    """All facets in their one shape, labelled in ``language``."""
    found = []
    for name in LINKS:
        model = VOCABULARIES[name]
        terms = db.session.scalars(select(model).order_by(model.position)).all()
        values = [
            _value(params, name, term.code, term.label(language), counts[name].get(term.code, 0))
            for term in terms
            if counts[name].get(term.code) or term.code in params.selected(name)
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
