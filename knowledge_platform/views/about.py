"""The about page: what the platform is, what the data covers and how complete it is."""
from __future__ import annotations

from flask import g, render_template, url_for
from flask_babel import format_percent, get_locale, gettext
from markupsafe import Markup, escape

from knowledge_platform import completeness, statistics
from knowledge_platform.views.public import bp

# The vocabulary's two regions that are not one of the 14 kraje.
NOT_A_KRAJ = {"CZ", "ABROAD"}


@bp.app_template_filter("percent")
def percent(share: float) -> str:
    """A share (0 to 1) as a percentage for the locale, one decimal when it has one."""
    pattern = get_locale().percent_formats[None].pattern
    # "#,##0 %" -> "#,##0.# %": 2/3 reads "66,7 %" rather than a rounded "67 %".
    return format_percent(share, format=pattern.replace("#,##0", "#,##0.#", 1))


def _code(text: str) -> Markup:
    return Markup("<code>%s</code>") % escape(text)


@bp.get("/about")
def about():
    """What the platform is, who it is for, where the data comes from, how complete it is."""
    regions = statistics.by_term("region", g.lang, with_empty=True)
    kraje = [row for row in regions if row.key not in NOT_A_KRAJ]
    overall, years = completeness.by_start_year()
    languages = statistics.languages()
    return render_template(
        "public/about.html",
        totals=statistics.totals(),
        kraje_with_projects=sum(1 for row in kraje if row.projects),
        kraje=len(kraje),
        languages=[(gettext("Czech"), languages.get("cs", 0)),
                   (gettext("English"), languages.get("en", 0))],
        unknown_language=sum(count for code, count in languages.items()
                             if code not in ("cs", "en")),
        fields=completeness.labels(),
        overall=overall,
        years=years,
        example_url=_code(url_for("public.project", project_id=123, slug="project-name",
                                  _external=True)),
    )
