"""SQL conditions for the search filters; each facet can be left out for its own counts."""
from __future__ import annotations

from datetime import date

from sqlalchemy import ColumnElement, Select, and_, func, or_, select

from knowledge_platform.models import LINKS, Project, Status
from knowledge_platform.search.params import SearchParams

# A project's period for overlap tests: a missing end means it is known to one point only.
PERIOD_START = func.coalesce(Project.start_date, Project.end_date)
PERIOD_END = func.coalesce(Project.end_date, Project.start_date)


def overlaps(first_year: int | None, last_year: int | None) -> ColumnElement[bool]:
    """Projects whose period overlaps the years ``first_year``..``last_year`` (either open)."""
    conditions: list[ColumnElement[bool]] = [PERIOD_START.isnot(None)]
    if last_year is not None:
        conditions.append(date(last_year, 12, 31) >= PERIOD_START)
    if first_year is not None:
        conditions.append(date(first_year, 1, 1) <= PERIOD_END)
    return and_(*conditions)


def with_term(facet: str, codes: tuple[str, ...]) -> Select:
    """Ids of projects linked to any of ``codes`` in ``facet``, read off the (code, id) index."""
    link = LINKS[facet]
    return select(link.c.project_id).where(link.c.code.in_(codes))


def has_term(facet: str, codes: tuple[str, ...]) -> ColumnElement[bool]:
    """Projects linked to any of ``codes`` in ``facet`` (OR within a facet)."""
    return Project.id.in_(with_term(facet, codes))


def conditions(params: SearchParams, without: str | None = None) -> list[ColumnElement[bool]]:
    """Every filter of ``params`` (ANDed by the caller), except the facet ``without``."""
    found: list[ColumnElement[bool]] = []
    if params.published_only:
        found.append(Project.status == Status.PUBLISHED)
    for facet in LINKS:
        if facet != without and params.selected(facet):
            found.append(has_term(facet, params.selected(facet)))
    if without != "decade" and params.decade:
        found.append(or_(*(overlaps(decade, decade + 9) for decade in params.decade)))
    if params.year_from is not None or params.year_to is not None:
        found.append(overlaps(params.year_from, params.year_to))
    if params.budget_min is not None:
        found.append(Project.budget_total >= params.budget_min)
    if params.budget_max is not None:
        found.append(Project.budget_total <= params.budget_max)
    if params.lang:
        found.append(Project.language == params.lang)
    if params.good_practice is not None:
        found.append(Project.good_practice.is_(params.good_practice))
    return found
