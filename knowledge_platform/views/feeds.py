"""Atom feeds: follow any search ("new Czech-language projects in my region")."""
from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from flask import Response, g, render_template, request, url_for
from flask_babel import gettext

from knowledge_platform.search.params import ParameterError
from knowledge_platform.search.schema import parse_params
from knowledge_platform.search.service import search
from knowledge_platform.views.public import bp

FEED_ENTRIES = 50
ATOM = "application/atom+xml; charset=utf-8"


@bp.get("/search.atom")
def search_feed():
    """The newest and most recently updated published projects matching a search."""
    try:
        params = parse_params(request.args)
    except ParameterError as error:
        body = "\n".join(f"{name}: {problem}" for name, problem in error.problems.items())
        return Response(body, status=400, mimetype="text/plain")
    search_url = url_for("public.search_page", _external=True) + params.query_string().rstrip("?")
    result = search(replace(params, sort="updated", page=1, per_page=FEED_ENTRIES),
                    language=g.lang, with_facets=False)
    updated = max((hit["updated"] for hit in result.hits),
                  default=datetime.now(UTC).isoformat())
    body = render_template(
        "feeds/search.atom.xml",
        hits=result.hits,
        # Built from the parameters as read, not echoed: a repeated or unknown parameter of
        # the request (a character XML cannot carry, say) never reaches the document.
        feed_url=url_for("public.search_feed", _external=True)
        + params.query_string().rstrip("?"),
        search_url=search_url,
        updated=updated,
        title=gettext("Integration projects: %(query)s", query=params.q) if params.q
        else gettext("Integration projects"),
    )
    return Response(body, mimetype=ATOM)
