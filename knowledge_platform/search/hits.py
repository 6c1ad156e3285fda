"""Search hits as plain data: what the site, the API and the CLI show of a project.

A page is read with a few column queries rather than as ORM objects with their
relationships: building twenty mapped projects cost more than finding them.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import UTC
from typing import Any

from sqlalchemy import func, select

from knowledge_platform.catalogue import FACETS
from knowledge_platform.db import db
from knowledge_platform.models import (
    LINKS,
    VOCABULARIES,
    Organisation,
    Project,
    ProjectOrganisation,
    Role,
    SourceDocument,
)
from knowledge_platform.search.text_match import TextMatch

# The text a snippet is cut from, per language: the summary, else the description.
_SNIPPET_TEXT = {
    lang: func.coalesce(func.nullif(getattr(Project, f"summary_{lang}"), ""),
                        getattr(Project, f"description_{lang}")).label(f"text_{lang}")
    for lang in ("cs", "en")
}
_COLUMNS = (Project.id, Project.slug, Project.language, Project.title_cs, Project.title_en,
            Project.start_date, Project.start_precision, Project.end_date,
            Project.end_precision, Project.budget_total, Project.currency,
            Project.good_practice, Project.updated_at, *_SNIPPET_TEXT.values())


def hits(ids: list[int], match: TextMatch, language: str) -> list[dict[str, Any]]:
    """The projects ``ids`` as hits in that order, snippets highlighted for ``match``,
    labels in ``language``."""
    if not ids:
        return []
    rows = {row.id: row for row in db.session.execute(
        select(*_COLUMNS).where(Project.id.in_(ids)))}
    terms = {facet.field: _terms(LINKS[facet.name], VOCABULARIES[facet.name], ids, language)
             for facet in FACETS if facet.in_hits}
    implementers = _implementers(ids)
    sources = defaultdict(list)
    for project_id, url, location in db.session.execute(
            select(SourceDocument.project_id, SourceDocument.url, SourceDocument.location)
            .where(SourceDocument.project_id.in_(ids), SourceDocument.awaiting_review.is_(False))
            .order_by(SourceDocument.captured_at)):
        sources[project_id].append(url or location)
    return [_hit(rows[pid], match, language, {field: found[pid] for field, found in terms.items()},
                 implementers.get(pid), sources[pid]) for pid in ids if pid in rows]


def _hit(row, match: TextMatch, language: str, terms: dict[str, list],
         implementer: str | None, sources: list[str]) -> dict[str, Any]:
    own, other = ("en", "cs") if language == "en" else ("cs", "en")
    return {
        "id": row.id,
        "slug": row.slug,
        "title": getattr(row, f"title_{own}") or getattr(row, f"title_{other}"),
        "language": row.language,
        "implementer": implementer,
        **terms,
        "period": {
            "start": row.start_date.isoformat() if row.start_date else None,
            "start_precision": row.start_precision and row.start_precision.value,
            "end": row.end_date.isoformat() if row.end_date else None,
            "end_precision": row.end_precision and row.end_precision.value,
        },
        "budget": float(row.budget_total) if row.budget_total is not None else None,
        "currency": row.currency,
        "good_practice": row.good_practice,
        # SQLite hands back naive datetimes; they are stored in UTC.
        "updated": row.updated_at.replace(tzinfo=row.updated_at.tzinfo or UTC).isoformat(),
        "snippet": match.snippet({"cs": row.text_cs, "en": row.text_en}, language),
        "sources": sources,
    }


def _terms(link, model, ids: list[int], language: str) -> dict[int, list[dict[str, str]]]:
    """Each project's terms of one vocabulary as {code, label}, in vocabulary order."""
    label = model.label_en if language == "en" else model.label_cs
    found: dict[int, list[dict[str, str]]] = defaultdict(list)
    rows = select(link.c.project_id, model.code, label).join(model, model.code == link.c.code)
    for project_id, code, text in db.session.execute(
            rows.where(link.c.project_id.in_(ids)).order_by(model.position)):
        found[project_id].append({"code": code, "label": text})
    return found


def _implementers(ids: list[int]) -> dict[int, str]:
    """The first implementing organisation's name of each project that has one."""
    rows = (select(ProjectOrganisation.project_id, Organisation.name)
            .join(Organisation, Organisation.id == ProjectOrganisation.organisation_id)
            .where(ProjectOrganisation.project_id.in_(ids),
                   ProjectOrganisation.role == Role.IMPLEMENTER)
            .order_by(ProjectOrganisation.position.desc()))
    # Later rows overwrite earlier ones: the lowest position wins.
    return dict(db.session.execute(rows).all())
