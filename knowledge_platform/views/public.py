"""Public pages, each under a language prefix (/cs/..., /en/...)."""
from __future__ import annotations

from flask import Blueprint, abort, g, redirect, render_template, url_for

from knowledge_platform.config import LANGUAGES
from knowledge_platform.i18n import preferred_language
from knowledge_platform.views import home_figures

bp = Blueprint("public", __name__, url_prefix="/<lang>")


@bp.url_value_preprocessor
def pull_language(_endpoint, values):
    language = values.pop("lang")
    if language not in LANGUAGES:
        abort(404)
    g.lang = language


@bp.url_defaults
def add_language(_endpoint, values):
    values.setdefault("lang", g.get("lang") or preferred_language())


def root():
    """Send a visitor to their language's home page."""
    return redirect(url_for("public.home", lang=preferred_language()))


@bp.get("/")
def home():
    """The home page: search, headline figures, the region map, browse lists, short lists."""
    language = g.lang
    regions = home_figures.region_counts(language)
    map_regions, legend = home_figures.map_regions(regions)
    return render_template(
        "public/home.html",
        figures=home_figures.headline(),
        regions=regions,
        map_regions=map_regions,
        legend=legend,
        region_map=home_figures.region_map(),
        browse_lists=home_figures.browse_lists(language),
        recent=home_figures.recent_projects(),
        good_practices=home_figures.good_practices(),
    )
