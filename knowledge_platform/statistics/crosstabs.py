"""Projects and budgets over time (by start year or by every year a project ran) and
cross-tabulated by two dimensions (funder × year, region × activity type, …)."""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, extract, func, select

from knowledge_platform.caching import per_generation
from knowledge_platform.db import db
from knowledge_platform.models import LINKS, VOCABULARIES, Project
from knowledge_platform.statistics import (
    EVERYTHING,
    PARTS,
    Figures,
    collect,
    per_key_and_currency,
)
from knowledge_platform.statistics.scope import Scope

# How a project counts over time: in the year it started, or in every year it ran.
BASES = ("start", "period")
YEAR = "year"
# The cross-tabulations the statistics page, its downloads and the API offer: (rows, columns).
CROSSTABS = (("funder", YEAR), ("region", "activity"), ("target_group", YEAR))


@dataclass
class CrossTab:
    """Counts and budgets per (row, column); a project with several terms of a dimension
    counts under each of them."""

    rows: str
    columns: str
    row_labels: list[tuple[str | int, str]]  # (key, label) in display order
    column_labels: list[tuple[str | int, str]]
    cells: dict[tuple, Figures] = field(default_factory=dict)
    part_of: dict = field(default_factory=dict)  # row key -> the row it is a part of

    @property
    def name(self) -> str:
        return f"{self.rows}-by-{self.columns}"

    def cell(self, row, column) -> Figures:
        """The figures of one cell (zero when no project is in it)."""
        return self.cells.get((row, column)) or Figures(key=f"{row}|{column}", label="")


@per_generation
def by_year(basis: str, scope: Scope = EVERYTHING) -> list[Figures]:
    """Projects and budgets per year on ``basis``; the years between the first and the last
    with projects are all listed, zeros included."""
    counts, budgets = _figures(scope, (YEAR,), basis)
    years = range(min(counts), max(counts) + 1) if counts else range(0)
    return [Figures(key=year, label=str(year), projects=counts.get(year, 0),
                    budgets=budgets.get(year, [])) for year in years]


@per_generation
def crosstab(rows: str, columns: str, basis: str, language: str,
             scope: Scope = EVERYTHING) -> CrossTab:
    """The cross-tabulation of ``rows`` by ``columns`` (catalogue facets or "year")."""
    counts, budgets = _figures(scope, (rows, columns), basis)
    found_rows = {row for row, _ in counts}
    found_columns = {column for _, column in counts}
    parts = {key: whole for key, whole in PARTS.get(rows, {}).items() if key in found_rows}
    table = CrossTab(rows, columns, _parts_after_wholes(_labels(rows, found_rows, language), parts),
                     _labels(columns, found_columns, language), part_of=parts)
    for (row, column), projects in counts.items():
        table.cells[(row, column)] = Figures(key=f"{row}|{column}", label="", projects=projects,
                                             budgets=budgets.get((row, column), []))
    return table


def _parts_after_wholes(labels: list[tuple], parts: dict) -> list[tuple]:
    """(key, label) pairs with each part (a programme) right after its whole (its fund)."""
    ordered = [pair for whole in labels if whole[0] not in parts
               for pair in (whole, *(part for part in labels if parts.get(part[0]) == whole[0]))]
    return ordered + [pair for pair in labels if pair not in ordered]


_FIRST = func.coalesce(Project.start_date, Project.end_date)
_LAST = func.coalesce(Project.end_date, Project.start_date)


def _figures(scope: Scope, dimensions: tuple[str, ...], basis: str) -> tuple[dict, dict]:
    """``collect``'s counts and budgets keyed by ``dimensions`` (facet names or "year").

    On the period basis a year is grouped as the (first, last) years a project ran and
    spread over them here: a join to every year would compare each project with each year.
    """
    keys: list[ColumnElement] = []
    joins, conditions = [], []
    for name in dimensions:
        if name != YEAR:
            keys.append(LINKS[name].c.code)
            joins.append(LINKS[name])
        elif basis == "start":
            keys.append(extract(YEAR, Project.start_date))
            conditions.append(Project.start_date.is_not(None))
        else:
            keys += [extract(YEAR, _FIRST), extract(YEAR, _LAST)]
            conditions.append(_FIRST.is_not(None))
    query = per_key_and_currency(scope, *keys).select_from(Project).where(*conditions)
    for link in joins:
        query = query.join(link, link.c.project_id == Project.id)
    return collect(_spread(db.session.execute(query), dimensions, basis))


def _spread(rows, dimensions: tuple[str, ...], basis: str):
    """Rows keyed by each dimension's value: a year as an int, a period spread over its years."""
    for row in rows:
        values, rest = list(row[:-4]), tuple(row[-4:])
        keys: list[list] = [[]]
        for name in dimensions:
            if name != YEAR:
                value = values.pop(0)
                keys = [[*key, value] for key in keys]
            elif basis == "start":
                year = int(values.pop(0))  # an int on SQLite, a Decimal on PostgreSQL
                keys = [[*key, year] for key in keys]
            else:
                first, last = int(values.pop(0)), int(values.pop(0))
                keys = [[*key, year] for key in keys for year in range(first, last + 1)]
        for key in keys:
            yield (*key, *rest)


def _labels(name: str, keys: set, language: str) -> list[tuple[str | int, str]]:
    if name == YEAR:
        years = [int(key) for key in keys]
        return [(year, str(year)) for year in range(min(years), max(years) + 1)] if years else []
    model = VOCABULARIES[name]
    terms = db.session.scalars(select(model).where(model.code.in_(keys))
                               .order_by(model.position, model.code)).all()
    return [(term.code, term.label(language)) for term in terms]
