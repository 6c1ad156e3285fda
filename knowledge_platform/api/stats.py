"""/stats: totals over every published project; /statistics: the statistics page's figures
of every published project or of a search's, with its cross-tabulations.

The queries live in knowledge_platform.statistics, shared with the site's statistics and
about pages; this module shapes them as the API shows them.
"""
from __future__ import annotations

from typing import Any

from flask import request

from knowledge_platform import statistics
from knowledge_platform.api.arguments import NoQuery, validated
from knowledge_platform.api.blueprint import bp
from knowledge_platform.api.http import json_response
from knowledge_platform.api.schemas import StatisticsSchema, StatsSchema
from knowledge_platform.api.vocabularies import term_counts
from knowledge_platform.catalogue import FACETS
from knowledge_platform.search.schema import search_params
from knowledge_platform.statistics import Figures
from knowledge_platform.statistics.crosstabs import CROSSTABS, by_year, crosstab
from knowledge_platform.statistics.query import StatisticsQuery
from knowledge_platform.statistics.scope import Scope


@bp.get("/stats")
def stats():
    """Totals, counts per vocabulary term and per start year, budgets per year."""
    validated(NoQuery(), request.args)
    return json_response(StatsSchema().dump({
        "totals": totals(),
        **{facet.field: term_counts(facet.name) for facet in FACETS},
        "years": years(),
    }))


@bp.get("/statistics")
def statistics_of_a_search():
    """The statistics page's figures of the projects a search finds (all without one)."""
    data = validated(StatisticsQuery(), request.args)
    scope, basis = Scope.of(search_params(data)), data["basis"]
    return json_response(StatisticsSchema().dump({
        "scope": {"query": scope.query, "basis": basis},
        "totals": totals(scope),
        "years": [_figures(row) for row in by_year(basis, scope)],
        **{facet.field: [_figures(row) for row in statistics.by_term(
            facet.name, "en", with_empty=True, scope=scope)] for facet in FACETS},
        "crosstabs": [_crosstab(rows, columns, basis, scope) for rows, columns in CROSSTABS],
    }))


def totals(scope: Scope = statistics.EVERYTHING) -> dict[str, Any]:
    """Projects, organisations, the years covered and the budget sum per currency."""
    found = statistics.totals(scope)
    return {
        "projects": found.projects,
        "organisations": found.organisations,
        "first_year": found.first_year,
        "last_year": found.last_year,
        "budget": [_budget(budget) for budget in found.budgets],
    }


def years() -> list[dict[str, Any]]:
    """Per start year: how many projects started, and their budgets per currency."""
    return [{"year": row.key, "project_count": row.projects,
             "budget": [_budget(budget) for budget in row.budgets]}
            for row in statistics.by_start_year()]


def _figures(row: Figures) -> dict[str, Any]:
    return {"key": row.key, "label": row.label, "project_count": row.projects,
            "budget": [_budget(budget) for budget in row.budgets]}


def _crosstab(rows: str, columns: str, basis: str, scope: Scope) -> dict[str, Any]:
    table = crosstab(rows, columns, basis, "en", scope)
    return {"name": table.name, "rows": rows, "columns": columns, "cells": [
        {"row": row, "column": column, "project_count": cell.projects,
         "budget": [_budget(budget) for budget in cell.budgets]}
        for (row, column), cell in sorted(table.cells.items(), key=lambda item: str(item[0]))]}


def _budget(budget: statistics.Budget) -> dict[str, Any]:
    return {"currency": budget.currency, "total": round(float(budget.total), 2),
            "project_count": budget.project_count}
