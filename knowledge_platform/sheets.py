"""The good-practice sheet (catalogue.SHEET): its parts, which of them a record lacks, and
the same test in SQL for the review queue."""
from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import ColumnElement, and_, func

from knowledge_platform import catalogue
from knowledge_platform.models import Project


class Part(NamedTuple):
    """One part of the sheet: a text kept in each language, or a single field."""

    name: str  # the pair's name ("results") or the field's ("participants")
    label: str  # English message id, translated where shown
    fields: tuple[catalogue.Field, ...]


def _parts() -> tuple[Part, ...]:
    fields = catalogue.part_fields(catalogue.SHEET)
    pairs = {pair.name: pair for pair in catalogue.language_pairs(fields)}
    parts: list[Part] = []
    for scalar in fields:
        if not scalar.pair:
            parts.append(Part(scalar.name, scalar.label, (scalar,)))
            continue
        pair = pairs[scalar.name.rpartition("_")[0]]
        if not parts or parts[-1].name != pair.name:
            parts.append(Part(pair.name, pair.label, tuple(pair.fields.values())))
    return tuple(parts)


PARTS = _parts()


def _filled(scalar: catalogue.Field, value) -> bool:
    if scalar.kind == catalogue.COUNT:
        return value is not None and value > 0
    return bool(value.strip() if isinstance(value, str) else value)


def missing_parts(project: Project) -> list[Part]:
    """The parts of ``project``'s sheet not yet filled (a text needs both languages)."""
    return [part for part in PARTS
            if not all(_filled(scalar, getattr(project, scalar.name)) for scalar in part.fields)]


def has_sheet(project: Project) -> bool:
    """Whether ``project`` has anything of a sheet to show (a text in either language)."""
    return any(_filled(scalar, getattr(project, scalar.name))
               for part in PARTS for scalar in part.fields)


def _filled_sql(scalar: catalogue.Field) -> ColumnElement[bool]:
    column = getattr(Project, scalar.name)
    if scalar.kind == catalogue.COUNT:
        return func.coalesce(column, 0) > 0
    if scalar.kind == catalogue.LINKS:
        return func.coalesce(func.json_array_length(column), 0) > 0
    return func.trim(func.coalesce(column, "")) != ""


def complete() -> ColumnElement[bool]:
    """The condition under which a project's sheet has every part, in both languages."""
    return and_(*(_filled_sql(scalar) for part in PARTS for scalar in part.fields))
