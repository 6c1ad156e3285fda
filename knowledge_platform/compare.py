"""Projects side by side: which rows a comparison has, each project's value in each row,
and whether the values differ; and the choice of projects a visitor carries in the address.

The rows are one declaration, ``ROWS``: each names a catalogue facet, a catalogue field,
an organisation field or a computed value, so the page, its CSV and the tests loop over
it and a new row is one entry.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from flask_babel import format_number, gettext, ngettext
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from importers.readers.spreadsheets import FORMULA_MARK, formula_like
from knowledge_platform import catalogue
from knowledge_platform.catalogue import N_
from knowledge_platform.db import db, merged_survivor
from knowledge_platform.formatting import money, period, score
from knowledge_platform.labels import VALUE_LABELS
from knowledge_platform.models import Project, ProjectOrganisation, Role, Status
from knowledge_platform.models.evaluations import average_score
from knowledge_platform.routing import MAX_ID

MIN_PROJECTS, MAX_PROJECTS = 2, 4
# A project's value in a row: its items ("Prague", "South Moravian Region"), none if unknown.
Value = tuple[str, ...]


@dataclass(frozen=True)
class Row:
    """One line of the comparison: its name (CSS class, tests), its English label, and how
    a project's value in it reads in a language."""

    name: str
    label: str
    value: Callable[[Project, str], Value]


def facet_row(name: str) -> Row:
    """The terms of the catalogue facet ``name``, labelled as the facet's field."""
    found = catalogue.facet(name)
    return Row(found.name, found.plural,
               lambda project, language: tuple(term.label(language)
                                               for term in project.terms(name)))


def field_row(name: str, show: Callable[[Project], str] | None = None) -> Row:
    """The catalogue field ``name``, shown by ``show`` or as its kind reads."""
    scalar = next(found for found in catalogue.FIELDS if found.name == name)
    return Row(name, scalar.label,
               lambda project, _language: _items((show or _shown(scalar))(project)))


def organisations_row(name: str) -> Row:
    """The organisations of the catalogue's organisation field ``name``, in their order."""
    found = next(item for item in catalogue.ORGANISATION_FIELDS if item.name == name)
    return Row(name, found.label, lambda project, _language: tuple(
        organisation.name for organisation in project.organisations_in(Role(found.role))))


def computed(name: str, label: str, show: Callable[[Project], str]) -> Row:
    """A value computed from the project (its period, its evaluations' average)."""
    return Row(name, label, lambda project, _language: _items(show(project)))


def text_row(stem: str) -> Row:
    """A text kept in each language (``results_cs``, ``results_en``), in the page's language
    or else the other one."""
    pair = next(found for found in catalogue.language_pairs() if found.name == stem)
    return Row(stem, pair.label,
               lambda project, language: _items(project.text(stem, language)[0]))


def _items(text: str) -> Value:
    return (text,) if text else ()


def _shown(scalar: catalogue.Field) -> Callable[[Project], str]:
    """How a field of ``scalar``'s kind reads on the page."""
    def show(project: Project) -> str:
        value = getattr(project, scalar.name)
        if value is None:
            return ""
        if scalar.kind == catalogue.BOOLEAN:
            return gettext("Yes") if value else gettext("No")
        if scalar.kind == catalogue.MONEY:
            return money(value, project.currency)
        if scalar.kind in (catalogue.CHOICE, catalogue.PRECISION):
            return str(VALUE_LABELS[scalar.name][str(value)])
        if scalar.kind == catalogue.COUNT:
            return format_number(value)
        return str(value)
    return show


def _budget(project: Project) -> str:
    return money(project.budget_total, project.currency, project.budget_approximate)


def _cost(project: Project) -> str:
    cost = project.cost_per_participant
    return "" if cost is None else money(cost, project.currency, project.budget_approximate)


def _evaluation(project: Project) -> str:
    evaluations = project.evaluations
    if not evaluations:
        return ""
    return ngettext("Average score %(score)s out of 3 from %(num)d evaluation",
                    "Average score %(score)s out of 3 from %(num)d evaluations",
                    len(evaluations), score=score(average_score(evaluations)))


ROWS: tuple[Row, ...] = (
    organisations_row("implementers"),
    facet_row("kind"),
    facet_row("municipality"),
    facet_row("size_band"),
    facet_row("region"),
    computed("period", N_("Period"), period),
    facet_row("funder"),
    field_row("budget_total", _budget),
    field_row("participants"),
    computed("cost_per_participant", N_("Cost per participant"), _cost),
    facet_row("activity"),
    facet_row("target_group"),
    text_row("results"),
    text_row("requirements"),
    text_row("lessons"),
    field_row("good_practice"),
    computed("evaluation", N_("Evaluation"), _evaluation),
)


@dataclass(frozen=True)
class Line:
    """A row of one comparison: each project's value, in the projects' order."""

    row: Row
    values: tuple[Value, ...]

    @property
    def differs(self) -> bool:
        """Whether the projects' values in this row are not all the same."""
        return len(set(self.values)) > 1


def lines(projects: Sequence[Project], language: str, rows: Iterable[Row] = ROWS) -> list[Line]:
    """The comparison of ``projects`` in ``language``: one line per row."""
    return [Line(row, tuple(row.value(project, language) for project in projects))
            for row in rows]


class ChoiceError(ValueError):
    """Projects that cannot be compared: too few, too many, or not published.

    ``status`` is the HTTP status the page answers with; the message is in the reader's
    language."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


def parse_ids(text: str) -> tuple[int, ...]:
    """The ids of a comma-separated list ("12,34"), each once, in their order."""
    parts = [part.strip() for part in text.split(",") if part.strip()]
    if not all(part.isascii() and part.isdigit() for part in parts):
        raise ChoiceError(_l("Projects are named by their numbers, separated by commas."))
    ids = tuple(dict.fromkeys(int(part) for part in parts))
    if len(ids) < MIN_PROJECTS:
        raise ChoiceError(_l("Choose at least %(num)d projects to compare.", num=MIN_PROJECTS))
    if len(ids) > MAX_PROJECTS:
        raise ChoiceError(_l("At most %(num)d projects can be compared at once.",
                             num=MAX_PROJECTS))
    return ids


def published_projects(ids: Sequence[int]) -> list[Project]:
    """The published projects of ``ids`` in that order, a merged one as the project it was
    merged into; an error naming none of them when one is unknown or not published."""
    # Every row's relationships in a few queries, not a few per project and row.
    found = {project.id: project for project in db.session.scalars(
        select(Project).where(Project.id.in_([i for i in ids if i <= MAX_ID])).options(
            *(selectinload(Project.link(facet.name)) for facet in catalogue.FACETS),
            selectinload(Project.organisations).selectinload(ProjectOrganisation.organisation),
            selectinload(Project.evaluations)))}
    projects = []
    for project_id in ids:
        project = found.get(project_id)
        project = merged_survivor(Project, project) or project
        # A draft is not said to exist: it reads as an unknown number.
        if project is None or project.status != Status.PUBLISHED:
            raise ChoiceError(_l("No published project has the number %(id)d.", id=project_id),
                              404)
        if project not in projects:
            projects.append(project)
    if len(projects) < MIN_PROJECTS:
        raise ChoiceError(_l("Choose at least %(num)d projects to compare.", num=MIN_PROJECTS))
    return projects


def chosen_ids(text: str | None) -> tuple[int, ...]:
    """The projects a visitor has picked (the ``compare`` parameter of any page), read
    leniently: what is not a number is dropped, and the first MAX_PROJECTS are kept."""
    numbers = (part.strip() for part in (text or "").split(","))
    ids = dict.fromkeys(int(part) for part in numbers
                        if part.isascii() and part.isdigit() and 0 < int(part) <= MAX_ID)
    return tuple(ids)[:MAX_PROJECTS]


def toggled(ids: Sequence[int], project_id: int) -> tuple[int, ...]:
    """``ids`` with ``project_id`` taken out, or added at the end when there is room."""
    if project_id in ids:
        return tuple(i for i in ids if i != project_id)
    return (*ids, project_id) if len(ids) < MAX_PROJECTS else tuple(ids)


def id_list(ids: Iterable[int]) -> str:
    """Ids as the address writes them: "12,34"."""
    return ",".join(str(i) for i in ids)


def csv_text(projects: Sequence[Project], language: str,
             address: Callable[[Project], str]) -> str:
    """The comparison as CSV text: a header of the projects' titles, their addresses, then
    one row per field with its label in ``language``; a list's items joined by "; "."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([gettext("Field"), *(_inert(project.title(language)) for project in projects)])
    writer.writerow([gettext("Address"), *(address(project) for project in projects)])
    for line in lines(projects, language):
        writer.writerow([gettext(line.row.label), *("; ".join(_inert(item) for item in value)
                                                     for value in line.values)])
    return buffer.getvalue()


def _inert(text: str) -> str:
    # Text a spreadsheet would run as a formula is marked, as in every export (OWASP).
    return FORMULA_MARK + text if formula_like(text) else text
