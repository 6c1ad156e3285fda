"""Facet counts: each facet counts under every other filter but not its own.

One shape everywhere (site, API, CLI): ``{"name", "values": [{"code", "label",
"count", "selected", "toggle"}]}``, where ``toggle`` is the query string that
switches the value on or off.
"""
from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, case, func, select

from knowledge_platform.db import db
from knowledge_platform.models import VOCABULARIES, Project
from knowledge_platform.search.filters import LINKS, conditions, overlaps
from knowledge_platform.search.params import SearchParams

FIRST_DECADE = 1990


def facets(
    params: SearchParams, matching: list[ColumnElement[bool]], language: str
) -> list[dict[str, Any]]:
    """All facets for a result set; ``matching`` are the text-query conditions."""
    found = [_vocabulary_facet(name, params, matching, language) for name in LINKS]
    found.append(_decade_facet(params, matching))
    return found


def _vocabulary_facet(name, params, matching, language) -> dict[str, Any]:
    link = LINKS[name]
    projects = select(Project.id).where(*conditions(params, without=name), *matching)
    counts = dict(
        db.session.execute(
            select(link.c.code, func.count())
            .where(link.c.project_id.in_(projects))
            .group_by(link.c.code)
        ).all()
    )
    model = VOCABULARIES[name]
    terms = db.session.scalars(select(model).order_by(model.position)).all()
    selected = params.selected(name)
    values = [
        _value(params, name, term.code, term.label(language), counts.get(term.code, 0))
        for term in terms
        if counts.get(term.code) or term.code in selected
    ]
    values.sort(key=lambda value: -value["count"])
    return {"name": name, "values": values}


def _decade_facet(params, matching) -> dict[str, Any]:
    decades = range(FIRST_DECADE, date.today().year + 1, 10)
    projects = select(Project.id).where(*conditions(params, without="decade"), *matching)
    sums = [
        func.coalesce(func.sum(case((overlaps(decade, decade + 9), 1), else_=0)), 0)
        for decade in decades
    ]
    row = db.session.execute(select(*sums).where(Project.id.in_(projects))).one()
    values = [
        _value(params, "decade", decade, f"{decade}–{decade + 9}", count)
        for decade, count in zip(decades, row, strict=True)
        if count or decade in params.decade
    ]
    return {"name": "decade", "values": values}


def _value(params: SearchParams, name: str, code, label: str, count: int) -> dict[str, Any]:
    return {
        "code": code,
        "label": label,
        "count": int(count),
        "selected": code in params.selected(name),
        "toggle": params.toggled(name, code).query_string(),
    }
