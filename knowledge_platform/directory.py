"""The directory of organisations with published projects: listed by name or by number of
projects, found by any of their names, their type and the regions they work in. The site's
directory page and the API's /organisations list both read it."""
from __future__ import annotations

from sqlalchemy import Select, false, func, or_, select

from knowledge_platform.caching import per_generation
from knowledge_platform.db import db
from knowledge_platform.models import (
    LINKS,
    Organisation,
    OrganisationAlias,
    Project,
    ProjectOrganisation,
    Status,
)
from knowledge_platform.text import match_key

SORTS = ("name", "projects")


def _project_counts() -> Select:
    """(organisation_id, n) for organisations with published projects; n counts each once."""
    return (
        select(ProjectOrganisation.organisation_id,
               func.count(func.distinct(ProjectOrganisation.project_id)).label("n"))
        .join(Project, Project.id == ProjectOrganisation.project_id)
        .where(Project.status == Status.PUBLISHED)
        .group_by(ProjectOrganisation.organisation_id)
    )


@per_generation
def listed(sort: str) -> list[tuple[int, int]]:
    """(organisation id, published projects) of every organisation with published projects,
    in list order: counting them takes a scan of every link, so once per generation."""
    counts = _project_counts().subquery()
    order = [counts.c.n.desc()] if sort == "projects" else []
    rows = db.session.execute(
        select(Organisation.id, counts.c.n)
        .join(counts, counts.c.organisation_id == Organisation.id)
        .order_by(*order, Organisation.name, Organisation.id))
    return [(organisation_id, n) for organisation_id, n in rows]


def _pattern(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def named(text: str) -> set[int]:
    """Ids of organisations whose name or another name contains ``text``, in any case and
    with or without diacritics ("usti" finds "Ústí")."""
    pattern, key = _pattern(text), match_key(text)
    aliases = select(OrganisationAlias.organisation_id).where(or_(
        OrganisationAlias.name.ilike(pattern, escape="\\"),
        # A text of punctuation alone has no key, and an empty key would match them all.
        OrganisationAlias.key.like(_pattern(key), escape="\\") if key else false()))
    return set(db.session.scalars(select(Organisation.id).where(or_(
        Organisation.name.ilike(pattern, escape="\\"), Organisation.id.in_(aliases)))))


def of_type(kind: str) -> set[int]:
    """Ids of the organisations of one type."""
    return set(db.session.scalars(select(Organisation.id).where(Organisation.type == kind)))


def working_in(regions: list[str]) -> set[int]:
    """Ids of organisations with a published project in any of ``regions``."""
    link = LINKS["region"]
    return set(db.session.scalars(
        select(ProjectOrganisation.organisation_id)
        .join(Project, Project.id == ProjectOrganisation.project_id)
        .join(link, link.c.project_id == Project.id)
        .where(Project.status == Status.PUBLISHED, link.c.code.in_(regions))))


def found(sort: str, text: str = "", kind: str = "", regions: list[str] | None = None
          ) -> list[tuple[int, int]]:
    """``listed(sort)`` narrowed to the organisations matching every criterion given."""
    criteria = [named(text.strip()) if text.strip() else None,
                of_type(kind) if kind else None,
                working_in(regions) if regions else None]
    return [entry for entry in listed(sort)
            if all(ids is None or entry[0] in ids for ids in criteria)]
