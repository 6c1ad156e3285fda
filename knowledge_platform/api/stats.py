"""/stats: the figures behind the statistics page, over published projects only."""
from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from flask import request
from sqlalchemy import extract, func, select

from knowledge_platform.api.arguments import NoQuery, validated
from knowledge_platform.api.blueprint import bp
from knowledge_platform.api.http import json_response
from knowledge_platform.api.schemas import StatsSchema
from knowledge_platform.api.vocabularies import term_counts
from knowledge_platform.db import db
from knowledge_platform.models import Project, ProjectOrganisation, Status

PUBLISHED = Project.status == Status.PUBLISHED


@bp.get("/stats")
def stats():
    """Totals, counts per vocabulary term and per start year, budgets per year."""
    validated(NoQuery(), request.args)
    return json_response(StatsSchema().dump({
        "totals": totals(),
        "regions": term_counts("region"),
        "funders": term_counts("funder"),
        "activities": term_counts("activity"),
        "target_groups": term_counts("target_group"),
        "years": years(),
    }))


def totals() -> dict[str, Any]:
    """Projects, organisations, the years covered and the budget sum per currency."""
    projects, first_start, first_end, last_start, last_end = db.session.execute(
        select(func.count(Project.id), func.min(Project.start_date), func.min(Project.end_date),
               func.max(Project.start_date), func.max(Project.end_date)).where(PUBLISHED)
    ).one()
    organisations = db.session.scalar(
        select(func.count(func.distinct(ProjectOrganisation.organisation_id)))
        .where(ProjectOrganisation.project_id.in_(select(Project.id).where(PUBLISHED)))
    )
    firsts = [_year(value) for value in (first_start, first_end) if value is not None]
    lasts = [_year(value) for value in (last_start, last_end) if value is not None]
    budgets = db.session.execute(
        select(Project.currency, func.sum(Project.budget_total), func.count(Project.id))
        .where(PUBLISHED, Project.budget_total.is_not(None))
        .group_by(Project.currency).order_by(Project.currency)
    ).all()
    return {
        "projects": projects,
        "organisations": organisations or 0,
        "first_year": min(firsts) if firsts else None,
        "last_year": max(lasts) if lasts else None,
        "budget": [_budget(*row) for row in budgets],
    }


def years() -> list[dict[str, Any]]:
    """Per start year: how many projects started, and their budgets per currency."""
    year = extract("year", Project.start_date).label("year")
    counts = db.session.execute(
        select(year, func.count(Project.id)).where(PUBLISHED, Project.start_date.is_not(None))
        .group_by(year).order_by(year)
    ).all()
    budgets: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row_year, currency, total, count in db.session.execute(
        select(year, Project.currency, func.sum(Project.budget_total), func.count(Project.id))
        .where(PUBLISHED, Project.start_date.is_not(None), Project.budget_total.is_not(None))
        .group_by(year, Project.currency).order_by(year, Project.currency)
    ):
        budgets[int(row_year)].append(_budget(currency, total, count))
    return [{"year": int(row_year), "project_count": count, "budget": budgets[int(row_year)]}
            for row_year, count in counts]


def _budget(currency: str, total, count: int) -> dict[str, Any]:
    return {"currency": currency, "total": round(float(total or 0), 2), "project_count": count}


def _year(value: date | str) -> int:
    return value.year if isinstance(value, date) else int(str(value)[:4])
