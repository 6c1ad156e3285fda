"""Public pages, each under a language prefix (/cs/..., /en/...)."""
from __future__ import annotations

from flask import Blueprint, g, redirect, render_template, url_for

from knowledge_platform import statistics
from knowledge_platform.catalogue import FACETS
from knowledge_platform.i18n import add_language, preferred_language, pull_language
from knowledge_platform.views import home_figures

bp = Blueprint("public", __name__, url_prefix="/<lang>")
bp.url_value_preprocessor(pull_language)
bp.url_defaults(add_language)


# A facet of hundreds of terms (towns) lists only its busiest on the home page.
HOME_TERMS = 12


def _browse_terms(facet, language: str) -> list:
    terms = statistics.by_term(facet.name, language)
    if facet.typed:
        terms = sorted(terms, key=lambda term: -term.projects)[:HOME_TERMS]
    return terms


def root():
    """Send a visitor to their language's home page."""
    return redirect(url_for("public.home", lang=preferred_language()))


def favicon():
    """The site's icon, where browsers look for it without being told."""
    return redirect(url_for("static", filename="favicon.svg"), 301)


@bp.get("/")
def home():
    """The home page: search, headline figures, the region map, browse lists, short lists."""
    language = g.lang
    # All regions, empty ones too, for the map; the other facets list their terms in use.
    regions = statistics.by_term("region", language, with_empty=True)
    map_regions, legend = home_figures.map_regions(regions)
    return render_template(
        "public/home.html",
        figures=statistics.totals(),
        regions=regions,
        map_regions=map_regions,
        legend=legend,
        region_map=home_figures.region_map(),
        browse_lists=[(facet, _browse_terms(facet, language))
                      for facet in FACETS if facet.name != "region"],
        recent=home_figures.recent_projects(),
        good_practices=home_figures.good_practices(),
    )
