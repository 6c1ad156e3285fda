"""The statistics page of every published project or of one search's: projects and budgets
by year, funder, region and activity type, and cross-tabulations, each as SVG charts, a
table and a CSV download."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal

from flask import Response, abort, g, render_template, request
from flask_babel import format_number, gettext, ngettext
from markupsafe import Markup

from knowledge_platform import statistics
from knowledge_platform.formatting import money
from knowledge_platform.search.params import ParameterError, SearchParams
from knowledge_platform.search.schema import load_query, search_params
from knowledge_platform.statistics import Figures
from knowledge_platform.statistics.crosstabs import by_year
from knowledge_platform.statistics.query import StatisticsQuery
from knowledge_platform.statistics.scope import Scope
from knowledge_platform.views.charts import PALETTE, Bar, bar_chart
from knowledge_platform.views.crosstab_tables import crosstab_csv, crosstab_sections
from knowledge_platform.views.public import bp

# URL name -> vocabulary facet ("years" are the projects' start years).
SECTIONS = {"years": None, "funders": "funder", "regions": "region", "activities": "activity"}


@dataclass
class Texts:
    heading: str
    column: str
    caption: str
    count_title: str
    budget_title: str  # with %(currency)s
    note: str = ""


@dataclass
class Section:
    name: str
    texts: Texts
    rows: list[Figures]
    missing: str = ""
    charts: list[tuple[str, Markup]] = field(default_factory=list)  # (title, SVG)


def _texts(name: str, basis: str) -> Texts:
    # Whole sentences per section rather than pieces glued together: Czech inflects them.
    if name == "years" and basis == "period":
        return Texts(gettext("Projects by year active"), gettext("Year"),
                     gettext("Projects running and their budgets in each year"),
                     gettext("Projects running in each year"),
                     gettext("Budgets in %(currency)s of the projects running in each year"),
                     gettext("A project counts in every year it ran, with its whole budget, "
                             "so the rows add up to more than the number of projects."))
    if name == "years":
        return Texts(gettext("Projects by start year"), gettext("Start year"),
                     gettext("Published projects and their budgets by start year"),
                     gettext("Published projects by start year"),
                     gettext("Budgets in %(currency)s by start year"),
                     gettext("Years in which no project started are shown as zero."))
    if name == "funders":
        return Texts(gettext("Projects by funding source"), gettext("Funding source"),
                     gettext("Published projects and their budgets by funding source"),
                     gettext("Published projects by funding source"),
                     gettext("Budgets in %(currency)s by funding source"),
                     gettext("A project with several funding sources counts once under each, "
                             "so the rows add up to more than the number of projects. A programme "
                             "of a fund (OPZ of the ESF) is listed under its fund: its "
                             "projects are among the fund's, and the charts show the fund "
                             "once."))
    if name == "regions":
        return Texts(gettext("Projects by region"), gettext("Region"),
                     gettext("Published projects and their budgets by region"),
                     gettext("Published projects by region"),
                     gettext("Budgets in %(currency)s by region"),
                     gettext("A project in several regions counts once in each, so the rows "
                             "add up to more than the number of projects."))
    return Texts(gettext("Projects by activity type"), gettext("Activity type"),
                 gettext("Published projects and their budgets by activity type"),
                 gettext("Published projects by activity type"),
                 gettext("Budgets in %(currency)s by activity type"),
                 gettext("A project with several activity types counts once under each, so "
                         "the rows add up to more than the number of projects."))


def _missing(name: str, count: int) -> str:
    if not count:
        return ""
    if name == "years":
        return ngettext("%(count)s published project has no start date and is not counted here.",
                        "%(count)s published projects have no start date and are not counted here.",
                        count, count=format_number(count))
    if name == "funders":
        return ngettext("%(count)s published project has no funding source recorded.",
                        "%(count)s published projects have no funding source recorded.",
                        count, count=format_number(count))
    if name == "regions":
        return ngettext("%(count)s published project has no region recorded.",
                        "%(count)s published projects have no region recorded.",
                        count, count=format_number(count))
    return ngettext("%(count)s published project has no activity type recorded.",
                    "%(count)s published projects have no activity type recorded.",
                    count, count=format_number(count))


def _rows(name: str, basis: str, scope: Scope) -> list[Figures]:
    facet = SECTIONS[name]
    if facet is None:
        return by_year(basis, scope)
    # All regions, empty ones too (a region without projects is worth seeing); the other
    # vocabularies are long, so only their terms with projects, most first.
    return statistics.by_term(facet, g.lang, with_empty=facet == "region", scope=scope)


def budget_text(row: Figures, currency: str) -> str:
    """The row's budget sum in ``currency`` for the locale, whole units; "–" when none."""
    budget = row.budget(currency)
    return money(budget.total.quantize(Decimal(1)), currency) if budget else "–"


def _description(bars: list[Bar]) -> str:
    longest = max(bars, key=lambda bar: bar.value)
    return ngettext(
        "A bar chart with %(count)s bar. The longest: %(label)s, %(value)s. "
        "The table below gives every figure.",
        "A bar chart with %(count)s bars. The longest: %(label)s, %(value)s. "
        "The table below gives every figure.",
        len(bars), count=format_number(len(bars)), label=longest.label, value=longest.text)


def _charts(section: Section, currency: str | None) -> list[tuple[str, Markup]]:
    # A programme's projects are among its fund's: a bar of its own would count them twice.
    wholes = [row for row in section.rows if row.part_of is None]
    if not wholes:
        return []
    title = section.texts.count_title
    counts = [Bar(row.label, row.projects, format_number(row.projects)) for row in wholes]
    charts = [(title, bar_chart(counts, f"chart-{section.name}-projects", title,
                                _description(counts), PALETTE[0]))]
    if currency is not None:
        title = section.texts.budget_title % {"currency": currency}
        budgets = [Bar(row.label, found.total if (found := row.budget(currency)) else 0,
                       budget_text(row, currency)) for row in wholes]
        charts.append((title, bar_chart(budgets, f"chart-{section.name}-budget", title,
                                        _description(budgets), PALETTE[1])))
    return charts


def _section(name: str, currency: str | None, basis: str, scope: Scope) -> Section:
    section = Section(name, _texts(name, basis), _rows(name, basis, scope),
                      _missing(name, statistics.without(SECTIONS[name] or "year", scope)))
    section.charts = _charts(section, currency)
    return section


def _request() -> tuple[SearchParams, Scope, str]:
    """The search and basis the request asks for; ParameterError names each bad one."""
    data = load_query(StatisticsQuery(), request.args)
    params = search_params(data)
    return params, Scope.of(params), data["basis"]


@bp.get("/statistics")
def statistics_page():
    """Projects and budgets by year, funder, region and activity type, and cross-tabulated,
    of every published project or of those a search finds."""
    try:
        params, scope, basis = _request()
    except ParameterError as error:
        return render_template("public/statistics.html", problems=error.problems), 400
    currencies = statistics.currencies(scope)
    # Sums in different currencies cannot share an axis: the chart shows the main one
    # (CZK when present), the table every currency.
    main = currencies[0] if currencies else None
    sections = [_section(name, main, basis, scope) for name in SECTIONS]
    return render_template(
        "public/statistics.html", sections=sections, currencies=currencies,
        totals=statistics.totals(scope), budget_text=budget_text, params=params, scope=scope,
        basis=basis, crosstabs=crosstab_sections(basis, scope, main), main_currency=main,
        query=_query(scope, basis), other_basis_query=_query(
            scope, "start" if basis == "period" else "period"))


def _query(scope: Scope, basis: str) -> str:
    """The query string of the page for ``scope`` on ``basis``, for its links."""
    pairs = [scope.query] if scope.query else []
    if basis != "start":
        pairs.append(f"basis={basis}")
    return "?" + "&".join(pairs) if pairs else ""



@bp.get("/statistics/<name>.csv")
def statistics_csv(name: str):
    """One table of the statistics page as CSV (UTF-8 with BOM), labelled in the page language."""
    try:
        _params, scope, basis = _request()
    except ParameterError as error:
        return Response("\n".join(f"{key}: {problem}" for key, problem in error.problems.items()),
                        400, mimetype="text/plain")
    csv_text = crosstab_csv(name, basis, scope)
    if csv_text is not None:
        return _csv_response(csv_text, name)
    if name not in SECTIONS:
        abort(404)
    texts = _texts(name, basis)
    currencies = statistics.currencies(scope)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    budget_headers = [gettext("Budget (%(currency)s)", currency=c) for c in currencies]
    keyed = SECTIONS[name] is not None
    writer.writerow([*([gettext("Code")] if keyed else []), texts.column, gettext("Projects"),
                     gettext("Projects with a budget"), *budget_headers])
    for row in _rows(name, basis, scope):
        budgets = [row.budget(currency) for currency in currencies]
        writer.writerow([*([row.key] if keyed else []), row.label, row.projects, row.budgeted,
                         *(f"{budget.total:.2f}" if budget else "" for budget in budgets)])
    return _csv_response(buffer.getvalue(), name)


def _csv_response(text: str, name: str) -> Response:
    # The BOM makes Excel read the file as UTF-8 (Czech labels have diacritics).
    return Response("\ufeff" + text, mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="statistics-{name}-{g.lang}.csv"'})
