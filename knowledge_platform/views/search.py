"""The search page and the browse pages (the search page with one filter preset)."""
from __future__ import annotations

from flask import abort, g, render_template, request
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict

from knowledge_platform.catalogue import FACETS, facet_of_slug
from knowledge_platform.db import db
from knowledge_platform.models import VOCABULARIES
from knowledge_platform.places.pages import about_place, near_query
from knowledge_platform.search.params import ParameterError
from knowledge_platform.search.schema import parse_params
from knowledge_platform.search.service import search
from knowledge_platform.views.public import bp

BROWSE_KINDS = ", ".join(f"'{facet.slug}'" for facet in FACETS)
# A bad parameter is named to the reader by what the form calls it.
PARAMETER_LABELS = {
    "q": _l("Search words"), "year_from": _l("From year"), "year_to": _l("To year"),
    "budget_min": _l("Budget from (CZK)"), "budget_max": _l("Budget to (CZK)"),
    "sort": _l("Sort by"), "decade": _l("Decade"), "lang": _l("Language"),
    "good_practice": _l("Good practice"), "page": _l("Page"), "per_page": _l("Per page"),
    **{facet.name: _l(facet.label) for facet in FACETS},
}
RANGES = ("year_from", "year_to", "budget_min", "budget_max")


@bp.get("/search")
def search_page():
    """Search with facets; every state of the page is its URL."""
    return _render_search(request.args)


@bp.get(f"/<any({BROWSE_KINDS}):kind>/<code>")
def browse(kind: str, code: str):
    """Projects of one term of a catalogue facet (a region, a funder, ...)."""
    facet = facet_of_slug(kind).name
    term = db.session.get(VOCABULARIES[facet], code)
    if term is None:
        abort(404)
    args = MultiDict(request.args)
    if code not in args.getlist(facet):
        args.add(facet, code)
    # A town's page also says what the town is and what is near it.
    place = about_place(code, g.lang) if facet == "municipality" else None
    return _render_search(args, heading=term.label(g.lang), browse_kind=facet, browse_term=term,
                          place=place)


@bp.get("/years/<int:year>")
def browse_year(year: int):
    """Projects running in ``year``."""
    if not 1990 <= year <= 2100:
        abort(404)
    args = MultiDict(request.args)
    args.setdefault("year_from", str(year))
    args.setdefault("year_to", str(year))
    return _render_search(args, heading=gettext("Projects running in %(year)d", year=year))


def _render_search(args, heading: str | None = None, **context):
    """The search page; a bad parameter is named and refused (400), and the page still shows
    the form and the results of the other parameters, so nothing else the reader set is lost."""
    problems: dict[str, str] = {}
    try:
        params = parse_params(args)
    except ParameterError as error:
        problems = error.problems
        kept = MultiDict([(name, value) for name, value in args.items(multi=True)
                          if name not in problems])
        try:
            params = parse_params(kept)
        except ParameterError:  # a problem between two parameters: start from none
            params = parse_params(MultiDict())
    result = search(params, language=g.lang)
    if "place" not in context and params.q:
        context["near"] = near_query(params, g.lang)
    return render_template("public/search.html", result=result, params=params,
                           problems=problems, parameter_labels=PARAMETER_LABELS,
                           ranges=_range_values(args, params, problems),
                           heading=heading, **context), 400 if problems else 200


def _range_values(args, params, problems: dict[str, str]) -> dict[str, str]:
    """What each year and budget box shows: the value read, or, beside its message, the
    refused text as typed (so the reader sees what to correct), if it is printable."""
    values = {}
    for name in RANGES:
        if name in problems:
            typed = args.get(name, "")
            values[name] = typed[:40] if typed.isprintable() else ""
        else:
            value = getattr(params, name)
            values[name] = "" if value is None else str(value)
    return values
