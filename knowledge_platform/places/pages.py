"""What the site says of a place: a town's facts and what is near it, and, for a search
that names a place with no project, where the nearest projects are."""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from importers.gazetteer import SIZE_BANDS, Place, gazetteer
from knowledge_platform.db import db
from knowledge_platform.models import Region
from knowledge_platform.places.nearby import Area, areas_near, nearest_elsewhere, place_in_words
from knowledge_platform.search.params import SearchParams

NEARBY_SHOWN = 5
_BANDS = {band.code: band for band in SIZE_BANDS}


@dataclass
class PlaceView:
    """A place with its labels, the nearest projects outside it and the areas around it."""

    place: Place
    orp: str
    okres: str
    region: str
    size_band: str
    nearby: list[dict[str, Any]]
    areas: list[Area]


def about_place(code: str, language: str) -> PlaceView | None:
    """The facts and surroundings of the place ``code`` for its page."""
    place = gazetteer().places.get(code)
    if place is None:
        return None
    return _view(place, language, nearest_elsewhere(place, NEARBY_SHOWN, language),
                 areas_near(place, SearchParams.of()))


def near_query(params: SearchParams, language: str) -> PlaceView | None:
    """For a search whose words name a place: that place and the areas around it, counted
    with the search's filters but not its words (the words name the place)."""
    place = place_in_words(params.q or "")
    if place is None:
        return None
    return _view(place, language, [], areas_near(place, replace(params, q="", page=1)))


def _view(place: Place, language: str, nearby: list[dict[str, Any]],
          areas: list[Area]) -> PlaceView:
    places = gazetteer().places
    region = db.session.get(Region, place.region)
    band = _BANDS[place.size_band]
    return PlaceView(place=place, orp=places[place.orp].name if place.orp in places else place.orp,
                     okres=gazetteer().okres_names.get(place.okres, place.okres),
                     region=region.label(language) if region else place.region,
                     size_band=band.label_en if language == "en" else band.label_cs,
                     nearby=nearby, areas=areas)
