"""Figures over published projects, shared by the statistics page, the about page and /stats.

Every figure is one aggregate or GROUP BY query; a project linked to several terms of a
vocabulary (several funders, say) counts once under each of them. Money counts projects
only: a programme's allocation or a grant call's budget is never added to the money of the
projects it paid for.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from statistics import quantiles
from typing import Any

from sqlalchemy import ColumnElement, Select, case, exists, extract, func, select

from importers.extract.funders import PROGRAMME_FUNDS
from knowledge_platform.caching import per_generation
from knowledge_platform.catalogue import facet
from knowledge_platform.db import db
from knowledge_platform.models import LINKS, VOCABULARIES, Project, ProjectOrganisation
from knowledge_platform.statistics.scope import PUBLISHED, Scope

EVERYTHING = Scope()
HAS_BUDGET = Project.budget_total.is_not(None)
# Terms that are parts of another term of the same facet, per facet: a programme's projects
# are among its fund's, so a chart shows the fund once and the programme inside it.
PARTS = {"funder": PROGRAMME_FUNDS}
# The kind of record whose budgets figures add up (the kind facet's default).
PROJECT_KIND = facet("kind").default[0]
# An alias: figures per kind read the same link table in their own FROM.
_KIND = LINKS["kind"].alias("kind_of_record")
IS_PROJECT = exists().where(_KIND.c.project_id == Project.id, _KIND.c.code == PROJECT_KIND)
# A budget that counts: a project's; other kinds of record add nothing to sums.
PROJECT_BUDGET = case((IS_PROJECT, Project.budget_total))


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
    part_of: str | None = None  # a programme's fund: its projects are among the fund's

    @property
    def budgeted(self) -> int:
        """How many of the projects have a budget (in any currency)."""
        return sum(budget.project_count for budget in self.budgets)

    def budget(self, currency: str) -> Budget | None:
        """The budget sum in ``currency``, or None when no project has one in it."""
        return next((b for b in self.budgets if b.currency == currency), None)


@dataclass
class Totals:
    projects: int  # every published record in scope, whatever its kind
    organisations: int
    first_year: int | None
    last_year: int | None
    budgets: list[Budget]  # of projects only
    kinds: dict[str, int] = field(default_factory=dict)  # records per kind
    # Of the projects' budgets in CZK: the first quartile, the median and the third.
    quartiles: tuple[Decimal, Decimal, Decimal] | None = None

    @property
    def of_kind_project(self) -> int:
        """How many of the records are projects (those whose budgets count)."""
        return self.kinds.get(PROJECT_KIND, 0)

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
        .where(scope.condition(), HAS_BUDGET, IS_PROJECT)
        .group_by(Project.currency).order_by(Project.currency)
    ).all()
    kind = LINKS["kind"]
    kinds: dict[str, int] = dict(db.session.execute(
        select(kind.c.code, func.count()).join(Project, Project.id == kind.c.project_id)
        .where(scope.condition()).group_by(kind.c.code)).all())
    return Totals(
        projects=projects or 0,
        organisations=organisations or 0,
        first_year=min(firsts) if firsts else None,
        last_year=max(lasts) if lasts else None,
        budgets=[_budget(*row) for row in budgets],
        kinds=kinds,
        quartiles=_quartiles(scope),
    )


def _quartiles(scope: Scope) -> tuple[Decimal, Decimal, Decimal] | None:
    amounts = [Decimal(str(value)) for value in db.session.scalars(
        select(Project.budget_total).where(scope.condition(), HAS_BUDGET, IS_PROJECT,
                                           Project.currency == "CZK"))]
    if len(amounts) < 2:
        return (amounts[0].quantize(Decimal(1)),) * 3 if amounts else None
    first, median, third = (value.quantize(Decimal(1))
                            for value in quantiles(amounts, n=4, method="inclusive"))
    return first, median, third


@per_generation
def currencies(scope: Scope = EVERYTHING) -> list[str]:
    """The currencies of published budgets, CZK first, then alphabetically."""
    found = db.session.scalars(
        select(Project.currency).where(scope.condition(), HAS_BUDGET, IS_PROJECT).distinct()
    ).all()
    return sorted(found, key=lambda currency: (currency != "CZK", currency))


def per_key_and_currency(scope: Scope, *keys) -> Select:
    """Projects in ``scope``, those with a budget, and the budget sum per (keys, currency)."""
    return (
        select(*keys, Project.currency, func.count(Project.id),
               func.count(PROJECT_BUDGET), func.sum(PROJECT_BUDGET))
        .where(scope.condition())
        .group_by(*keys, Project.currency)
    )


def collect(rows: Select | Iterable[Sequence]) -> tuple[dict, dict[Any, list[Budget]]]:
    """{key: projects} and {key: [budget per currency]} from a ``per_key_and_currency``
    query or rows shaped like its; a key of several columns is their tuple."""
    counts: dict = defaultdict(int)
    sums: dict = defaultdict(lambda: [0, Decimal(0)])  # (key, currency) -> [projects, total]
    for *keys, currency, projects, budgeted, total in (
            db.session.execute(rows) if isinstance(rows, Select) else rows):
        key = keys[0] if len(keys) == 1 else tuple(keys)
        counts[key] += projects
        if budgeted:  # COUNT(budget_total) counts only the projects that have one
            found = sums[(key, currency)]
            found[0] += budgeted
            found[1] += Decimal(str(total or 0))
    budgets: dict = defaultdict(list)
    for (key, currency), (budgeted, total) in sorted(sums.items(), key=lambda item: item[0][1]):
        budgets[key].append(Budget(currency, total, budgeted))
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
    parents = PARTS.get(facet, {})
    rows = [Figures(key=term.code, label=term.label(language), projects=counts.get(term.code, 0),
                    budgets=budgets.get(term.code, []), part_of=parents.get(term.code))
            for term in terms]
    if not with_empty:
        # sorted() is stable: equal counts keep the vocabulary's order.
        rows = sorted((row for row in rows if row.projects), key=lambda row: -row.projects)
    return _parts_after_their_whole(rows)


def _parts_after_their_whole(rows: list[Figures]) -> list[Figures]:
    """``rows`` with each part (a programme) right after the whole it belongs to (its fund)."""
    parts = [row for row in rows if row.part_of is not None]
    ordered = []
    for row in rows:
        if row.part_of is None:
            ordered += [row, *(part for part in parts if part.part_of == row.key)]
    placed = {id(row) for row in ordered}
    return ordered + [row for row in parts if id(row) not in placed]


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
