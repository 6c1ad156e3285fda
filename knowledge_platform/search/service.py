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
from knowledge_platform.search import bitmaps
from knowledge_platform.search.bitmaps import FacetIndex, ids_descending, ids_of
from knowledge_platform.search.contradictions import DEMOTION, demoted
from knowledge_platform.search.facets import Counted, count, facets
from knowledge_platform.search.hits import hits
from knowledge_platform.search.params import SearchParams
from knowledge_platform.search.ranking import most_relevant
from knowledge_platform.search.text_match import TextMatch, match_text


@dataclass
class SearchResult:
    params: SearchParams
    total: int
    hits: list[dict[str, Any]] = field(default_factory=list)
    facets: list[dict[str, Any]] = field(default_factory=list)
    fallback: str | None = None  # "or" when no project had every word
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
    index = bitmaps.current(db.session.connection())
    match = match_text(params.q)
    found = match.matches(index)
    counted = count(params, index, found and found[0], with_facets)
    fallback = None
    if counted.total == 0 and match.has_or_fallback:
        broader = match.or_fallback()
        broader_found = broader.matches(index)
        assert broader_found is not None  # the fallback is a text query too
        broader_counted = count(params, index, broader_found[0], with_facets)
        if broader_counted.total:
            match, found, counted, fallback = broader, broader_found, broader_counted, "or"
    result = SearchResult(params=params, total=counted.total, fallback=fallback,
                          also_searched=match.parsed.also_searched if match.parsed else [])
    result.hits = hits(_page(params, index, counted, match, found), match, language)
    if with_facets:
        result.facets = facets(params, counted.counts, language)
    if counted.total == 0 and params.q and not (found and found[0]):
        # Only when the words themselves found nothing: a misspelling, not narrow filters.
        result.suggestion = match.suggestion()
    return result


def _most_relevant(match: TextMatch, counted: Counted, text: int, wanted: int) -> list[int]:
    """The ``wanted`` best of the result set: ranked text matches, then the unranked
    (concept-only matches, exclusion-only queries), newest first."""
    assert match.parsed is not None  # relevance is kept only with a text match
    picked = demoted(most_relevant(match, counted.bitmap, text, wanted + DEMOTION),
                     match.parsed.ast)[:wanted]
    if len(picked) < wanted:
        chosen = set(picked)
        others = (pid for pid in ids_descending(counted.bitmap, wanted + len(chosen))
                  if pid not in chosen)
        picked += itertools.islice(others, wanted - len(picked))
    return picked


def matching_ids(params: SearchParams) -> list[int]:
    """Ids of every project ``search`` finds for ``params`` (with its OR fallback), ascending."""
    index = bitmaps.current(db.session.connection())
    match = match_text(params.q)
    found = match.matches(index)
    counted = count(params, index, found and found[0], with_facets=False)
    if counted.total == 0 and match.has_or_fallback:
        broader_found = match.or_fallback().matches(index)
        assert broader_found is not None  # the fallback is a text query too
        counted = count(params, index, broader_found[0], with_facets=False)
    return list(ids_of(counted.bitmap))


def known_codes() -> dict[str, set[str]]:
    """Every vocabulary's codes, for validating filter parameters."""
    return {
        name: set(db.session.scalars(select(model.code)))
        for name, model in VOCABULARIES.items()
    }


def _page(params: SearchParams, index: FacetIndex, counted: Counted, match: TextMatch,
          found: tuple[int, int] | None) -> list[int]:
    """Ids of the projects of the requested page, in the requested order."""
    if not counted.total:
        return []
    wanted = params.page * params.per_page
    sort = params.sort if found or params.sort != "relevance" else "newest"
    if sort == "relevance":
        assert found is not None  # relevance is kept only with a text match
        ids = _most_relevant(match, counted, found[1], wanted)
    else:
        ids = heapq.nsmallest(wanted, ids_of(counted.bitmap), key=index.sort_key(sort))
    return ids[wanted - params.per_page:]
