"""/places-like-mine: the search's projects ranked by how close their places are to a town."""
from __future__ import annotations

from typing import Any

from flask import request, url_for
from flask_babel import force_locale
from marshmallow import fields
from marshmallow.validate import Length

from importers.gazetteer import Place, gazetteer
from knowledge_platform.api.arguments import search_params, validated
from knowledge_platform.api.blueprint import bp
from knowledge_platform.api.http import fail, json_response
from knowledge_platform.api.projects import project_items
from knowledge_platform.api.schemas import NearbyPageSchema
from knowledge_platform.places.nearby import places_like
from knowledge_platform.search.schema import ProjectsQuery


class PlacesQuery(ProjectsQuery):
    """The search's parameters and the place to start from."""

    place = fields.String(required=True, validate=Length(min=1, max=200), metadata={
        "description": "A town or city district: its code (see /municipalities) or its name "
                       "in any case form, with or without diacritics (\"Jihlavě\", \"kolin\")."})


def place_dict(place: Place) -> dict[str, Any]:
    """What the API says of a gazetteer place."""
    return {"code": place.code, "name": place.name, "kind": place.kind,
            "city": place.city or None, "region": place.region, "okres": place.okres,
            "okres_name": gazetteer().okres_names.get(place.okres, place.okres),
            "orp": place.orp, "population": place.population,
            "population_year": place.year, "size_band": place.size_band,
            "lat": place.lat, "lon": place.lon}


@bp.get("/places-like-mine")
def places_like_mine():
    """Projects near a town first: there, the same ORP, okres, neighbouring okresy, the
    region, towns of the same size elsewhere; good practice first among equals."""
    data = validated(PlacesQuery(), request.args)
    typed = data["place"].strip()
    found = gazetteer().lookup(typed)
    if not found:
        fail(404, {"place": f"no town or city district called {typed!r}"})
    if len(found) > 1:
        fail(404, {"place": "more places have this name; use one of the codes "
                            + ", ".join(place.code for place in found)})
    params = search_params(data)
    with force_locale(data["locale"]):
        nearby = places_like(found[0], params, data["locale"])
    items = [{**item, "nearness": hit["nearness"]}
             for item, hit in zip(project_items(nearby.hits), nearby.hits, strict=True)]
    return json_response(NearbyPageSchema().dump({
        "origin": place_dict(nearby.origin), "counts": nearby.counts,
        "total": nearby.total, "page": params.page, "per_page": params.per_page,
        "pages": nearby.pages, "links": _links(params.page, nearby.pages), "items": items}))


def _links(page: int, pages: int) -> dict[str, str | None]:
    args: dict[str, Any] = request.args.to_dict(flat=False)

    def at(number: int) -> str:
        return url_for("api.places_like_mine", _external=True, **{**args, "page": number})
    return {"self": at(page), "next": at(page + 1) if page < pages else None,
            "previous": at(min(page - 1, pages)) if page > 1 else None}
