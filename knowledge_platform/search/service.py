"""One search entry point for the site, the API and ``kp search``."""
from __future__ import annotations

from dataclasses import dataclass, field
from math import ceil
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from knowledge_platform.db import db
from knowledge_platform.models import VOCABULARIES, Project, ProjectOrganisation, SourceDocument
from knowledge_platform.search.facets import facet_counts, facets
from knowledge_platform.search.filters import conditions
from knowledge_platform.search.hits import hit
from knowledge_platform.search.params import SearchParams
from knowledge_platform.search.text_match import TextMatch, match_text


@dataclass
class SearchResult:
    params: SearchParams
    total: int
    hits: list[dict[str, Any]] = field(default_factory=list)
    facets: list[dict[str, Any]] = field(default_factory=list)
    fallback: str | None = None  # "or" when no project had every word
    suggestion: str | None = None  # "did you mean" for a query that found nothing

    @property
    def pages(self) -> int:
        return max(1, ceil(self.total / self.params.per_page))

    def as_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "page": self.params.page,
            "per_page": self.params.per_page,
            "pages": self.pages,
            "fallback": self.fallback,
            "suggestion": self.suggestion,
            "hits": self.hits,
            "facets": self.facets,
        }


def search(params: SearchParams, language: str = "cs", with_facets: bool = True) -> SearchResult:
    """Projects matching ``params``: a page of hits, the total, and facet counts."""
    match = match_text(params.q)
    match.materialize()
    total, counts = _totals(params, match, with_facets)
    fallback = None
    if total == 0 and match.has_or_fallback:
        broader = match.or_fallback()
        broader.materialize()
        broader_total, broader_counts = _totals(params, broader, with_facets)
        if broader_total:
            match, total, counts, fallback = broader, broader_total, broader_counts, "or"
        else:
            match.materialize()  # nothing either way: report the query as asked
    result = SearchResult(params=params, total=total, fallback=fallback)
    result.hits = [hit(project, match, language) for project in _page(params, match)] \
        if total else []
    if with_facets:
        result.facets = facets(params, counts, language)
    if total == 0 and params.q:
        result.suggestion = match.suggestion()
    return result


def known_codes() -> dict[str, set[str]]:
    """Every vocabulary's codes, for validating filter parameters."""
    return {
        name: set(db.session.scalars(select(model.code)))
        for name, model in VOCABULARIES.items()
    }


def _totals(params: SearchParams, match: TextMatch, with_facets: bool):
    """The total, and the facet counts when they are wanted (counted in the same pass)."""
    if with_facets:
        return facet_counts(params, match.conditions)
    query = select(func.count(Project.id)).where(*conditions(params), *match.conditions)
    return db.session.scalar(query), {}


def _page(params: SearchParams, match: TextMatch) -> list[Project]:
    query = select(Project).where(*conditions(params), *match.conditions)
    sort = params.sort if params.q or params.sort != "relevance" else "newest"
    if sort == "relevance":
        query, order = match.ranked(query)
    elif sort == "oldest":
        order = [Project.start_date.asc().nulls_last()]
    elif sort == "budget":
        order = [Project.budget_total.desc().nulls_last()]
    elif sort == "updated":
        order = [Project.updated_at.desc()]
    else:
        order = [Project.start_date.desc().nulls_last()]
    query = (
        query.order_by(*order, Project.id.desc())
        .limit(params.per_page)
        .offset((params.page - 1) * params.per_page)
        .options(
            selectinload(Project.regions),
            selectinload(Project.funders),
            # A hit names its sources; their text and extraction stay in the database.
            selectinload(Project.sources).load_only(SourceDocument.location,
                                                    SourceDocument.url,
                                                    SourceDocument.captured_at),
            selectinload(Project.organisations).selectinload(ProjectOrganisation.organisation),
        )
    )
    return list(db.session.scalars(query))
