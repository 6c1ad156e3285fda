"""Figures over published projects, shared by the statistics page, the about page and /stats.

Every figure is one aggregate or GROUP BY query; a project linked to several terms of a
vocabulary (several funders, say) counts once under each of them.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Select, exists, extract, func, select

from knowledge_platform.caching import per_generation
from knowledge_platform.db import db
from knowledge_platform.models import LINKS, VOCABULARIES, Project, ProjectOrganisation
from knowledge_platform.statistics.scope import PUBLISHED, Scope

EVERYTHING = Scope()
HAS_BUDGET = Project.budget_total.is_not(None)


@dataclass
class Budget:
    currency: str
    total: Decimal
    project_count: int

    @property
    def whole(self) -> Decimal:
        """The total rounded to whole units, as headline figures show it."""
        return self.total.quantize(Decimal(1))


@dataclass
class Figures:
    """The published projects under one key (a start year or a term code) and their budgets."""

    key: int | str
    label: str
    projects: int = 0
    budgets: list[Budget] = field(default_factory=list)

    @property
    def budgeted(self) -> int:
        """How many of the projects have a budget (in any currency)."""
        return sum(budget.project_count for budget in self.budgets)

    def budget(self, currency: str) -> Budget | None:
        """The budget sum in ``currency``, or None when no project has one in it."""
        return next((b for b in self.budgets if b.currency == currency), None)


@dataclass
class Totals:
    projects: int
    organisations: int
    first_year: int | None
    last_year: int | None
    budgets: list[Budget]

    def budget(self, currency: str) -> Budget:
        """The budget sum in ``currency`` (zero, of no projects, when none has one in it)."""
        return next((b for b in self.budgets if b.currency == currency),
                    Budget(currency, Decimal(0), 0))


@per_generation
def totals(scope: Scope = EVERYTHING) -> Totals:
    """Projects, organisations, the years covered and the budget sum per currency."""
    projects, first_start, first_end, last_start, last_end = db.session.execute(
        select(func.count(Project.id), func.min(Project.start_date), func.min(Project.end_date),
               func.max(Project.start_date), func.max(Project.end_date))
        .where(scope.condition())
    ).one()
    organisations = db.session.scalar(
        select(func.count(func.distinct(ProjectOrganisation.organisation_id)))
        .where(ProjectOrganisation.project_id.in_(select(Project.id).where(scope.condition())))
    )
    firsts = [_year(value) for value in (first_start, first_end) if value is not None]
    lasts = [_year(value) for value in (last_start, last_end) if value is not None]
    budgets = db.session.execute(
        select(Project.currency, func.sum(Project.budget_total), func.count(Project.id))
        .where(scope.condition(), HAS_BUDGET)
        .group_by(Project.currency).order_by(Project.currency)
    ).all()
    return Totals(
        projects=projects or 0,
        organisations=organisations or 0,
        first_year=min(firsts) if firsts else None,
        last_year=max(lasts) if lasts else None,
        budgets=[_budget(*row) for row in budgets],
    )


@per_generation
def currencies(scope: Scope = EVERYTHING) -> list[str]:
    """The currencies of published budgets, CZK first, then alphabetically."""
    found = db.session.scalars(
        select(Project.currency).where(scope.condition(), HAS_BUDGET).distinct()
    ).all()
    return sorted(found, key=lambda currency: (currency != "CZK", currency))


def per_key_and_currency(scope: Scope, *keys) -> Select:
    """Projects in ``scope``, those with a budget, and the budget sum per (keys, currency)."""
    return (
        select(*keys, Project.currency, func.count(Project.id),
               func.count(Project.budget_total), func.sum(Project.budget_total))
        .where(scope.condition())
        .group_by(*keys, Project.currency)
    )


def collect(query: Select) -> tuple[dict, dict[Any, list[Budget]]]:
    """{key: projects} and {key: [budget per currency]} from a ``per_key_and_currency``
    query; a key of several columns is their tuple."""
    counts: dict = defaultdict(int)
    budgets: dict = defaultdict(list)
    for *keys, currency, projects, budgeted, total in db.session.execute(query):
        key = keys[0] if len(keys) == 1 else tuple(keys)
        counts[key] += projects
        if budgeted:  # COUNT(budget_total) counts only the projects that have one
            budgets[key].append(_budget(currency, total, budgeted))
    for found in budgets.values():
        found.sort(key=lambda budget: budget.currency)
    return counts, budgets


@per_generation
def by_start_year(fill_gaps: bool = False, scope: Scope = EVERYTHING) -> list[Figures]:
    """Per start year: how many published projects started, and their budgets per currency.

    With ``fill_gaps`` the years between the first and the last without projects are
    included with zeros, so a chart of them reads as a timeline.
    """
    year = extract("year", Project.start_date)
    counts, budgets = collect(
        per_key_and_currency(scope, year).where(Project.start_date.is_not(None)))
    found = {int(value): count for value, count in counts.items()}
    budget_of = {int(value): found_budgets for value, found_budgets in budgets.items()}
    years = range(min(found), max(found) + 1) if fill_gaps and found else sorted(found)
    return [Figures(key=value, label=str(value), projects=found.get(value, 0),
                    budgets=budget_of.get(value, [])) for value in years]


@per_generation
def by_term(facet: str, language: str, with_empty: bool = False,
            scope: Scope = EVERYTHING) -> list[Figures]:
    """Per term of the catalogue facet ``facet``: published projects and their budgets.

    Terms with projects come most projects first; ``with_empty`` lists every term of the
    vocabulary in its own order instead, zeros included.
    """
    model, link = VOCABULARIES[facet], LINKS[facet]
    counts, budgets = collect(
        per_key_and_currency(scope, link.c.code)
        .select_from(link).join(Project, Project.id == link.c.project_id))
    terms = db.session.scalars(select(model).order_by(model.position, model.code)).all()
    rows = [Figures(key=term.code, label=term.label(language), projects=counts.get(term.code, 0),
                    budgets=budgets.get(term.code, [])) for term in terms]
    if with_empty:
        return rows
    # sorted() is stable: equal counts keep the vocabulary's order.
    return sorted((row for row in rows if row.projects), key=lambda row: -row.projects)


@per_generation
def without(facet: str, scope: Scope = EVERYTHING) -> int:
    """How many published projects have no start date ("year") or no term of ``facet``."""
    missing: ColumnElement[bool]
    if facet == "year":
        missing = Project.start_date.is_(None)
    else:
        link = LINKS[facet]
        missing = ~exists().where(link.c.project_id == Project.id)
    return db.session.scalar(select(func.count(Project.id)).where(scope.condition(),
                                                                 missing)) or 0


@per_generation
def languages() -> dict[str | None, int]:
    """Published projects per language of their record (None where it is not known)."""
    return dict(db.session.execute(
        select(Project.language, func.count(Project.id)).where(PUBLISHED)
        .group_by(Project.language)
    ).all())


def _budget(currency: str, total, count: int) -> Budget:
    return Budget(currency, Decimal(str(total or 0)), count)


def _year(value: date | str) -> int:
    return value.year if isinstance(value, date) else int(str(value)[:4])
