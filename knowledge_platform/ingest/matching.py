"""Deciding whether a record describes a project we already have, or one related to it."""
from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import or_, select

from knowledge_platform.db import db
from knowledge_platform.ingest.aliases import known_aliases
from knowledge_platform.ingest.organisations import find_organisation
from knowledge_platform.models import (
    Project,
    ProjectOrganisation,
    ProjectRelation,
    RelationKind,
    Role,
)
from knowledge_platform.text import match_key

SIMILAR_TITLE = 0.6


def same_project(record: dict[str, Any]) -> Project | None:
    """The stored project ``record`` describes: same registration number, or same
    normalised title and implementer with overlapping or unknown periods."""
    number = record.get("registration_number")
    if number:
        found = db.session.scalar(select(Project).where(Project.registration_number == number))
        if found:
            return found
    title = match_key(record.get("title") or "")
    if not title or not record.get("implementer"):
        return None
    period = (_date(record.get("start")), _date(record.get("end")))
    for candidate in _implemented_by(record["implementer"]):
        if number and candidate.registration_number and candidate.registration_number != number:
            continue
        if title in _known_titles(candidate) and _overlap(
                period, (candidate.start_date, candidate.end_date)):
            return candidate
    return None


def _known_titles(project: Project) -> set[str]:
    """The project's titles, and those of the projects a curator merged into it."""
    merged = db.session.execute(
        select(Project.title_cs, Project.title_en).where(Project.merged_into_id == project.id)
    ).all()
    return {match_key(title) for row in [(project.title_cs, project.title_en), *merged]
            for title in row if title}


def link_related(project: Project) -> None:
    """Link ``project`` to projects of the same implementer with a similar title.

    Different known periods make a series; otherwise a curator decides whether
    they are duplicates. Nothing is merged here.
    """
    implementer = project.implementer
    if implementer is None:
        return
    words = _title_words(project)
    for other in _implemented_by(implementer.name):
        if other.id == project.id or _similarity(words, _title_words(other)) < SIMILAR_TITLE:
            continue
        if _related(project, other):
            continue
        periods = ((project.start_date, project.end_date), (other.start_date, other.end_date))
        known = all(start or end for start, end in periods)
        kind = (
            RelationKind.SAME_SERIES
            if known and not _overlap(*periods)
            else RelationKind.POSSIBLE_DUPLICATE
        )
        earlier, later = sorted((other, project), key=lambda p: (p.start_date or date.min, p.id))
        db.session.add(ProjectRelation(from_project=earlier, to_project=later, kind=kind))


def _implemented_by(name: str) -> list[Project]:
    organisations = [find_organisation(n) for n in (name, *known_aliases(name))]
    ids = {organisation.id for organisation in organisations if organisation}
    if not ids:
        return []
    return list(
        db.session.scalars(
            select(Project)
            .join(ProjectOrganisation)
            .where(
                ProjectOrganisation.organisation_id.in_(ids),
                ProjectOrganisation.role == Role.IMPLEMENTER,
            )
        )
    )


def _related(first: Project, second: Project) -> bool:
    pair = (ProjectRelation.from_project_id.in_([first.id, second.id])) & (
        ProjectRelation.to_project_id.in_([first.id, second.id])
    )
    return db.session.scalar(select(ProjectRelation.id).where(or_(pair)).limit(1)) is not None


def _title_words(project: Project) -> set[str]:
    return set(match_key(project.title_cs or project.title_en).split())


def _similarity(first: set[str], second: set[str]) -> float:
    if not first or not second:
        return 0.0
    return len(first & second) / len(first | second)


def _overlap(first: tuple, second: tuple) -> bool:
    """Whether two (start, end) periods overlap; an unknown period overlaps anything."""
    (start1, end1), (start2, end2) = first, second
    if not (start1 or end1) or not (start2 or end2):
        return True
    return (start1 or date.min) <= (end2 or date.max) and (start2 or date.min) <= (end1 or date.max)


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None
