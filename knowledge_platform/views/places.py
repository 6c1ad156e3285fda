"""Places like mine: projects near a town, closest first, and the typeahead's choices."""
from __future__ import annotations

from flask import g, render_template, request
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from importers.gazetteer import gazetteer
from knowledge_platform.catalogue import facet
from knowledge_platform.db import db
from knowledge_platform.models import VOCABULARIES
from knowledge_platform.places import ranking
from knowledge_platform.places.nearby import places_like
from knowledge_platform.search.params import ParameterError
from knowledge_platform.search.schema import parse_params
from knowledge_platform.views.public import bp

# The filters the page offers beside the place: one activity, one target group.
FILTERS = ("activity", "target_group")


@bp.get("/places-like-mine")
def places_like_mine():
    """Pick a town; see what was done there, then nearby, then in towns like it."""
    typed = request.args.get("place", "").strip()
    found = gazetteer().lookup(typed) if typed else []
    args = MultiDict([(name, value) for name, value in request.args.items(multi=True)
                      if name in (*FILTERS, "page") and value])
    problems: dict[str, str] = {}
    try:
        params = parse_params(args)
    except ParameterError as error:
        problems, params = error.problems, parse_params(MultiDict())
    nearby = places_like(found[0], params, g.lang) if len(found) == 1 else None
    return render_template(
        "public/places.html", typed=typed, found=found, nearby=nearby, params=params,
        problems=problems, tiers=ranking.TIERS, choices=_choices(),
        facet_labels={name: facet(name).label for name in FILTERS},
        gazetteer_places=gazetteer().by_name,
        okres_names=gazetteer().okres_names,
        suggestions=[] if found or not typed else gazetteer().starting_with(typed),
    ), 400 if problems else 200


def _choices() -> dict[str, list[tuple[str, str]]]:
    """(code, label) of each filter's terms in the page's language."""
    result = {}
    for name in FILTERS:
        model = VOCABULARIES[name]
        label = model.label_en if g.lang == "en" else model.label_cs
        result[name] = [(code, text) for code, text in db.session.execute(
            select(model.code, label).order_by(model.position))]
    return result
