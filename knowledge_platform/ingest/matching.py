"""Deciding whether a record describes a project we already have, or one related to it."""
from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Row, bindparam, or_, select

from knowledge_platform.db import db, reads
from knowledge_platform.ingest import duplicates
from knowledge_platform.ingest.aliases import known_aliases
from knowledge_platform.ingest.organisations import find_organisation
from knowledge_platform.models import (
    Project,
    ProjectOrganisation,
    ProjectRelation,
    Role,
)
from knowledge_platform.text import match_key

# Built once: a statement costs more to build than to run, and an import runs these per file.
_BY_NUMBER = select(Project.id).where(Project.registration_number == bindparam("number"))
_IMPLEMENTED_BY = (
    select(Project.id, Project.title_cs, Project.title_en, Project.start_date, Project.end_date,
           Project.registration_number)
    .join(ProjectOrganisation)
    .where(ProjectOrganisation.organisation_id.in_(bindparam("ids", expanding=True)),
           ProjectOrganisation.role == Role.IMPLEMENTER))
_RELATED = select(ProjectRelation.from_project_id, ProjectRelation.to_project_id).where(
    or_(ProjectRelation.from_project_id == bindparam("id"),
        ProjectRelation.to_project_id == bindparam("id")))


def same_project(record: dict[str, Any]) -> Project | None:
    """The stored project ``record`` describes: same registration number, or same
    normalised title and implementer with overlapping or unknown periods."""
    number = record.get("registration_number")
    if number:
        # The id only: most numbers are new, and a whole row would be read for nothing.
        found = reads().scalar(_BY_NUMBER, {"number": number})
        if found:
            return db.session.get(Project, found)
    title = match_key(record.get("title") or "")
    if not title or not record.get("implementer"):
        return None
    period = (_date(record.get("start")), _date(record.get("end")))
    candidates = [candidate for candidate in _implemented_by(record["implementer"])
                  if not (number and candidate.registration_number
                          and candidate.registration_number != number)
                  and _overlap(period, (candidate.start_date, candidate.end_date))]
    titles = _known_titles(candidates)
    match = next((candidate.id for candidate in candidates if title in titles[candidate.id]), None)
    return db.session.get(Project, match) if match is not None else None


def _known_titles(candidates: list[Row]) -> dict[int, set[str]]:
    """Each candidate's titles, and those of the projects a curator merged into it."""
    titles = {candidate.id: {match_key(title) for title in (candidate.title_cs,
                                                              candidate.title_en) if title}
              for candidate in candidates}
    if titles:
        merged = select(Project.merged_into_id, Project.title_cs, Project.title_en).where(
            Project.merged_into_id.in_(list(titles)))
        for survivor, *merged_titles in reads().execute(merged):
            titles[survivor] |= {match_key(title) for title in merged_titles if title}
    return titles


def link_related(project: Project) -> None:
    """Link ``project`` to the projects that look like duplicates of it or like other
    phases of its series (``duplicates.judge``). Nothing is merged here: a curator decides."""
    link_profile(duplicates.profile_of(project))


def link_profile(profile: duplicates.Profile) -> None:
    """Link the project of ``profile`` to the projects that look related (see link_related)."""
    others = duplicates.profiles(duplicates.candidates(profile), like=profile)
    related = _related_ids(profile.id) if others else set()
    for other in others.values():
        verdict = duplicates.judge(profile, other)
        if verdict is None or other.id in related:
            continue
        earlier, later = sorted([(other.start or date.min, other.id),
                                 (profile.start or date.min, profile.id)])
        db.session.add(ProjectRelation(from_project_id=earlier[1], to_project_id=later[1],
                                       kind=verdict.kind))


def _implemented_by(name: str) -> list[Row]:
    """The projects an organisation of this name implements: the columns matching reads
    (a large implementer's hundreds of whole projects would cost more than the rest)."""
    organisations = [find_organisation(n) for n in (name, *known_aliases(name))]
    ids = {organisation.id for organisation in organisations if organisation}
    if not ids:
        return []
    return list(reads().execute(_IMPLEMENTED_BY, {"ids": list(ids)}))


def _related_ids(project_id: int) -> set[int]:
    """The projects ``project_id`` already has a relation with, either way."""
    rows = reads().execute(_RELATED, {"id": project_id})
    return {first if second == project_id else second for first, second in rows}


def _overlap(first: tuple, second: tuple) -> bool:
    """Whether two (start, end) periods overlap; an unknown period overlaps anything."""
    (start1, end1), (start2, end2) = first, second
    if not (start1 or end1) or not (start2 or end2):
        return True
    return (start1 or date.min) <= (end2 or date.max) and (start2 or date.min) <= (end1 or date.max)


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None
