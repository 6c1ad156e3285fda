"""Places near a town, for the site, the API and ``kp``: projects ranked by closeness
(places like mine) and, for a place with no project, what is near it with counts."""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from math import ceil
from typing import Any

from flask_babel import format_number, gettext

from importers.extract.municipalities import common_word
from importers.gazetteer import Place, gazetteer, place_key
from knowledge_platform.db import db
from knowledge_platform.places import ranking
from knowledge_platform.search import bitmap_cache
from knowledge_platform.search.bitmaps import FacetIndex
from knowledge_platform.search.hits import hits
from knowledge_platform.search.params import SearchParams
from knowledge_platform.search.result_set import resolve

_REASONS = {tier.name: tier.reason for tier in ranking.TIERS}


@dataclass
class Nearby:
    """A page of projects near ``origin``: hits with their reasons, and counts per tier."""

    origin: Place
    params: SearchParams
    total: int
    counts: dict[str, int]
    hits: list[dict[str, Any]] = field(default_factory=list)

    @property
    def pages(self) -> int:
        return max(1, ceil(self.total / self.params.per_page))


def _projects(index: FacetIndex, allowed: int) -> ranking.Projects:
    return ranking.Projects(at_place=lambda code: index.get("municipality", code),
                            in_region=lambda code: index.get("region", code),
                            allowed=allowed, good_practice=index.get("good_practice", True))


def places_like(origin: Place, params: SearchParams, language: str) -> Nearby:
    """Projects matching ``params`` ranked by how close their places are to ``origin``."""
    index = bitmap_cache.current(db.session.connection())
    found = resolve(params, index, with_facets=False)
    projects = _projects(index, found.counted.bitmap)
    counts = ranking.count(gazetteer(), origin, projects)
    start = (params.page - 1) * params.per_page
    page = list(itertools.islice(ranking.rank(gazetteer(), origin, projects),
                                 start, start + params.per_page))
    return Nearby(origin, params, sum(counts.values()), counts,
                  _shown(page, found.match, origin, language))


def nearest_elsewhere(origin: Place, limit: int, language: str) -> list[dict[str, Any]]:
    """The ``limit`` published projects nearest ``origin`` outside it, as hits."""
    index = bitmap_cache.current(db.session.connection())
    found = resolve(SearchParams.of(), index, with_facets=False)
    ranked = ranking.rank(gazetteer(), origin, _projects(index, found.counted.bitmap))
    page = list(itertools.islice((hit for hit in ranked if hit.tier != "here"), limit))
    return _shown(page, found.match, origin, language)


def _shown(page: list[ranking.Hit], match, origin: Place, language: str) -> list[dict[str, Any]]:
    shown = hits([hit.project_id for hit in page], match, language)
    for hit, ranked in zip(shown, page, strict=True):
        hit["nearness"] = {"tier": ranked.tier,
                           "place": ranked.place.code if ranked.place else None,
                           "km": ranked.km, "reason": reason(ranked, origin)}
    return shown


def reason(hit: ranking.Hit, origin: Place) -> str:
    """Why a hit is near, in the page's language ("neighbouring district (okres Třebíč), 27 km
    away")."""
    if hit.place is None:
        return gettext(ranking.REGION_ONLY)
    places = gazetteer().places
    orp = places[origin.orp].name if origin.orp in places else origin.orp
    return gettext(_REASONS[hit.tier], place=hit.place.name, orp=orp,
                   okres=gazetteer().okres_names.get(hit.place.okres, hit.place.okres),
                   km=format_number(round(hit.km or 0)))


@dataclass(frozen=True)
class Area:
    """A place or somewhere near it, with how many projects it has: the place itself, its
    okres, a neighbouring okres or its region; ``places`` are the codes of its towns that
    have any."""

    kind: str  # "here", "okres", "neighbour" or "region"
    code: str
    name: str
    count: int
    places: tuple[str, ...]


def areas_near(origin: Place, params: SearchParams) -> list[Area]:
    """The origin, and when it has no project matching ``params``, its okres, each
    neighbouring okres and its region, with their numbers of such projects, largest
    neighbours first."""
    index = bitmap_cache.current(db.session.connection())
    allowed = resolve(params, index, with_facets=False).counted.bitmap
    here = index.get("municipality", origin.code) & allowed
    areas = [Area("here", origin.code, origin.name, here.bit_count(), (origin.code,))]
    if here:
        return areas  # what is near is offered only for a place without projects
    okresy = [("okres", origin.okres),
              *(("neighbour", code) for code in gazetteer().neighbours.get(origin.okres, ()))]
    for kind, okres in okresy:
        members, places = 0, []
        for place in gazetteer().in_okres(okres):
            found = index.get("municipality", place.code) & allowed
            if found:
                members |= found
                places.append(place.code)
        areas.append(Area(kind, okres, gazetteer().okres_names.get(okres, okres),
                          members.bit_count(), tuple(places)))
    region = (index.get("region", origin.region) | _region_places(index, origin.region)) & allowed
    areas.append(Area("region", origin.region, origin.region, region.bit_count(), ()))
    # The place, its own okres, then its neighbours with the most projects first.
    areas[2:-1] = sorted(areas[2:-1], key=lambda area: (-area.count, area.name))
    return areas


def _region_places(index: FacetIndex, region: str) -> int:
    members = 0
    for place in gazetteer().in_region(region):
        members |= index.get("municipality", place.code)
    return members


def place_in_words(words: str) -> Place | None:
    """The place a query names, in any case form and with or without diacritics: the whole
    query or its longest run of words that names exactly one place ("kurzy v Jihlave")."""
    tokens = place_key(words).split()
    for size in range(min(len(tokens), 5), 0, -1):
        for start in range(len(tokens) - size + 1):
            run = " ".join(tokens[start:start + size])
            found = gazetteer().find(run)
            # "tábor pro děti" is a camp: a town that is a common word only as the whole query
            if len(found) == 1 and not (common_word(run) and size < len(tokens)):
                return found[0]
    return None

