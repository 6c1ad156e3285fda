"""Projects and budgets over time (by start year or by every year a project ran) and
cross-tabulated by two dimensions (funder × year, region × activity type, …)."""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import CTE, ColumnElement, Select, extract, func, literal_column, select

from knowledge_platform.caching import per_generation
from knowledge_platform.db import db
from knowledge_platform.models import LINKS, VOCABULARIES, Project
from knowledge_platform.search.bitmaps import FIRST_YEAR, LAST_YEAR
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
def by_year(basis: str, language: str, scope: Scope = EVERYTHING) -> list[Figures]:
    """Projects and budgets per year on ``basis``; the years between the first and the last
    with projects are all listed, zeros included."""
    _, query = _dimension(per_key_and_currency(scope, _year_key(basis)).select_from(Project),
                          YEAR, basis)
    counts, budgets = _keys_as_years(*collect(query), lambda key: int(key))
    years = range(min(counts), max(counts) + 1) if counts else range(0)
    return [Figures(key=year, label=str(year), projects=counts.get(year, 0),
                    budgets=budgets.get(year, [])) for year in years]


@per_generation
def crosstab(rows: str, columns: str, basis: str, language: str,
             scope: Scope = EVERYTHING) -> CrossTab:
    """The cross-tabulation of ``rows`` by ``columns`` (catalogue facets or "year")."""
    query = per_key_and_currency(scope, _key(rows, basis), _key(columns, basis))
    query = query.select_from(Project)
    for name in (rows, columns):
        _, query = _dimension(query, name, basis)
    counts, budgets = _keys_as_years(*collect(query), lambda key: tuple(
        int(part) if name == YEAR else part for name, part in zip((rows, columns), key,
                                                                   strict=True)))
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


def _keys_as_years(counts: dict, budgets: dict, convert) -> tuple[dict, dict]:
    # A year comes back as an int from SQLite and as a Decimal from PostgreSQL.
    return ({convert(key): value for key, value in counts.items()},
            {convert(key): value for key, value in budgets.items()})


def _years() -> CTE:
    # A recursive CTE works the same on SQLite and PostgreSQL (no generate_series).
    years = select(literal_column(str(FIRST_YEAR)).label(YEAR)).cte("years", recursive=True)
    return years.union_all(select(years.c.year + 1).where(years.c.year < LAST_YEAR))


_YEARS = _years()
_FIRST = func.coalesce(Project.start_date, Project.end_date)
_LAST = func.coalesce(Project.end_date, Project.start_date)


def _year_key(basis: str) -> ColumnElement:
    return extract(YEAR, Project.start_date) if basis == "start" else _YEARS.c.year


def _key(name: str, basis: str) -> ColumnElement:
    return _year_key(basis) if name == YEAR else LINKS[name].c.code


def _dimension(query: Select, name: str, basis: str) -> tuple[ColumnElement, Select]:
    """``query`` joined to what dimension ``name`` needs (a link table, or the years)."""
    if name != YEAR:
        link = LINKS[name]
        return link.c.code, query.join(link, link.c.project_id == Project.id)
    if basis == "start":
        return _year_key(basis), query.where(Project.start_date.is_not(None))
    return _YEARS.c.year, query.join(_YEARS, _YEARS.c.year.between(
        extract(YEAR, _FIRST), extract(YEAR, _LAST)))


def _labels(name: str, keys: set, language: str) -> list[tuple[str | int, str]]:
    if name == YEAR:
        years = [int(key) for key in keys]
        return [(year, str(year)) for year in range(min(years), max(years) + 1)] if years else []
    model = VOCABULARIES[name]
    terms = db.session.scalars(select(model).where(model.code.in_(keys))
                               .order_by(model.position, model.code)).all()
    return [(term.code, term.label(language)) for term in terms]
