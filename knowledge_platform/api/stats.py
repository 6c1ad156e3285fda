"""/stats: the figures behind the statistics page, over published projects only.

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
from knowledge_platform.api.schemas import StatsSchema
from knowledge_platform.api.vocabularies import term_counts
from knowledge_platform.catalogue import FACETS


@bp.get("/stats")
def stats():
    """Totals, counts per vocabulary term and per start year, budgets per year."""
    validated(NoQuery(), request.args)
    return json_response(StatsSchema().dump({
        "totals": totals(),
        **{facet.field: term_counts(facet.name) for facet in FACETS},
        "years": years(),
    }))


def totals() -> dict[str, Any]:
    """Projects, organisations, the years covered and the budget sum per currency."""
    found = statistics.totals()
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


def _budget(budget: statistics.Budget) -> dict[str, Any]:
    return {"currency": budget.currency, "total": round(float(budget.total), 2),
            "project_count": budget.project_count}
