"""How complete the published records are: per key field, the share of records that have it.

One GROUP BY query over the start year counts, per field, the records where it is filled.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext
from sqlalchemy import ColumnElement, case, exists, extract, func, or_, select

from knowledge_platform.caching import per_generation
from knowledge_platform.catalogue import FACETS, N_
from knowledge_platform.db import db
from knowledge_platform.models import LINKS, Project, ProjectOrganisation, Role, SourceDocument
from knowledge_platform.statistics import PUBLISHED

# Facets a record always has (its kind, given by default) say nothing of its completeness,
# nor do those the catalogue does not count as key.
_FILLED_BY_HAND = tuple(facet for facet in FACETS if facet.key and not facet.default)
# The key fields a complete record has, in the order the about page shows them: each
# catalogue facet among fields that span columns (a title in either language, say).
_LABELS = {
    "title": N_("Title"),
    "summary": N_("Summary"),
    "implementer": N_("Implementer"),
    "partners": N_("Partners"),
    **{facet.field: facet.plural for facet in _FILLED_BY_HAND},
    "start_date": N_("Start date"),
    "end_date": N_("End date"),
    "budget": N_("Budget"),
    "registration_number": N_("Registration number"),
    "source_url": N_("Source URL"),
}
FIELDS = tuple(_LABELS)


def labels() -> dict[str, str]:
    """Every key field's label in the current language, in order."""
    return {name: gettext(label) for name, label in _LABELS.items()}


def _text(column) -> ColumnElement[bool]:
    return func.coalesce(column, "") != ""


def _linked(facet: str) -> ColumnElement[bool]:
    link = LINKS[facet]
    return exists().where(link.c.project_id == Project.id)


def _role(role: Role) -> ColumnElement[bool]:
    return exists().where(ProjectOrganisation.project_id == Project.id,
                          ProjectOrganisation.role == role)


def filled_conditions() -> dict[str, ColumnElement[bool]]:
    """Per key field, the condition under which a project has it filled."""
    return {
        # A text counts in either language.
        "title": or_(_text(Project.title_cs), _text(Project.title_en)),
        "summary": or_(_text(Project.summary_cs), _text(Project.summary_en)),
        "implementer": _role(Role.IMPLEMENTER),
        "partners": _role(Role.PARTNER),
        **{facet.field: _linked(facet.name) for facet in _FILLED_BY_HAND},
        "start_date": Project.start_date.is_not(None),
        "end_date": Project.end_date.is_not(None),
        "budget": Project.budget_total.is_not(None),
        "registration_number": _text(Project.registration_number),
        "source_url": exists().where(SourceDocument.project_id == Project.id,
                                     _text(SourceDocument.url)),
    }


@dataclass
class Completeness:
    """How many published records (of one start year, or all) have each key field filled."""

    year: int | None
    projects: int = 0
    filled: dict[str, int] = field(default_factory=dict)

    def share(self, name: str) -> float:
        """The share (0 to 1) of the records that have ``name`` filled; 0 when there are none."""
        return self.filled.get(name, 0) / self.projects if self.projects else 0.0


@per_generation
def by_start_year() -> tuple[Completeness, list[Completeness]]:
    """Completeness over all published records, and per start year (unknown year last)."""
    conditions = filled_conditions()
    year = extract("year", Project.start_date).label("year")
    rows = db.session.execute(
        select(year, func.count(Project.id).label("projects"),
               *(func.sum(case((condition, 1), else_=0)).label(name)
                 for name, condition in conditions.items()))
        .where(PUBLISHED)
        .group_by(year)
    ).all()
    years = [
        Completeness(year=None if row.year is None else int(row.year), projects=row.projects,
                     filled={name: int(getattr(row, name) or 0) for name in conditions})
        for row in rows
    ]
    years.sort(key=lambda item: (item.year is None, item.year or 0))
    overall = Completeness(
        year=None,
        projects=sum(item.projects for item in years),
        filled={name: sum(item.filled[name] for item in years) for name in conditions},
    )
    return overall, years
