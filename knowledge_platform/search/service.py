"""One search entry point for the site, the API and ``kp search``."""
from __future__ import annotations

import heapq
import itertools
from dataclasses import dataclass, field
from math import ceil
from typing import Any

from sqlalchemy import select

from knowledge_platform.db import db
from knowledge_platform.models import VOCABULARIES
from knowledge_platform.search import bitmap_cache, contradictions
from knowledge_platform.search.bitmaps import FacetIndex, ids_descending, ids_of
from knowledge_platform.search.facets import facets
from knowledge_platform.search.hits import hits
from knowledge_platform.search.params import SearchParams
from knowledge_platform.search.ranking import most_relevant
from knowledge_platform.search.result_set import ResultSet, resolve


@dataclass
class SearchResult:
    params: SearchParams
    total: int
    hits: list[dict[str, Any]] = field(default_factory=list)
    facets: list[dict[str, Any]] = field(default_factory=list)
    # "most" when projects missing some words follow, "or" when any word was enough
    fallback: str | None = None
    suggestion: str | None = None  # "did you mean" for a query that found nothing
    also_searched: list[str] = field(default_factory=list)  # glossary equivalents

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
            "also_searched": self.also_searched,
            "hits": self.hits,
            "facets": self.facets,
        }


def search(params: SearchParams, language: str = "cs", with_facets: bool = True) -> SearchResult:
    """Projects matching ``params``: a page of hits, the total, and facet counts."""
    index = bitmap_cache.current(db.session.connection())
    found = resolve(params, index, with_facets)
    match, counted = found.match, found.counted
    result = SearchResult(params=params, total=counted.total, fallback=found.fallback,
                          also_searched=match.parsed.also_searched if match.parsed else [])
    result.hits = hits(_page(params, index, found), match, language)
    if with_facets:
        result.facets = facets(params, counted.counts, language)
    if counted.total == 0 and params.q and not (found.found and found.found[0]):
        # Only when the words themselves found nothing: a misspelling, not narrow filters.
        result.suggestion = match.suggestion()
    return result


def _most_relevant(found: ResultSet, wanted: int) -> list[int]:
    """The ``wanted`` best of the result set: ranked text matches tier by tier, then the
    unranked (concept-only matches, exclusion-only queries), newest first."""
    match, allowed = found.match, found.counted.bitmap
    assert match.parsed is not None  # relevance is kept only with a text match
    picked: list[int] = []
    for tier_match, text in found.tiers:
        if len(picked) >= wanted + contradictions.DEMOTION:
            break
        picked += most_relevant(tier_match, allowed & text, text,
                                wanted + contradictions.DEMOTION - len(picked))
    picked = contradictions.demoted(picked, match.parsed.ast)[:wanted]
    if len(picked) < wanted:
        chosen = set(picked)
        others = (pid for pid in ids_descending(allowed, wanted + len(chosen))
                  if pid not in chosen)
        picked += itertools.islice(others, wanted - len(picked))
    return picked


def matching_ids(params: SearchParams) -> list[int]:
    """Ids of every project ``search`` finds for ``params`` (with its relaxations), ascending."""
    index = bitmap_cache.current(db.session.connection())
    return list(ids_of(resolve(params, index, with_facets=False).counted.bitmap))


def known_codes() -> dict[str, set[str]]:
    """Every vocabulary's codes, for validating filter parameters."""
    return {
        name: set(db.session.scalars(select(model.code)))
        for name, model in VOCABULARIES.items()
    }


def _page(params: SearchParams, index: FacetIndex, found: ResultSet) -> list[int]:
    """Ids of the projects of the requested page, in the requested order."""
    if not found.counted.total:
        return []
    wanted = params.page * params.per_page
    sort = params.sort if found.found or params.sort != "relevance" else "newest"
    if sort == "relevance":
        ids = _most_relevant(found, wanted)
    else:
        ids = heapq.nsmallest(wanted, ids_of(found.counted.bitmap), key=index.sort_key(sort))
    return ids[wanted - params.per_page:]
