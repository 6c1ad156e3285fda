"""One search hit as plain data: what the site, the API and the CLI show of a project."""
from __future__ import annotations

from datetime import UTC
from typing import Any

from knowledge_platform.models import Project
from knowledge_platform.search.text_match import TextMatch


def _terms(terms, language: str) -> list[dict[str, str]]:
    return [{"code": term.code, "label": term.label(language)} for term in terms]


def hit(project: Project, match: TextMatch, language: str) -> dict[str, Any]:
    """``project`` as a hit, its snippet highlighted for ``match``, labels in ``language``."""
    implementer = project.implementer
    return {
        "id": project.id,
        "slug": project.slug,
        "title": project.title(language),
        "language": project.language,
        "implementer": implementer.name if implementer else None,
        "regions": _terms(project.regions, language),
        "funders": _terms(project.funders, language),
        "period": {
            "start": project.start_date.isoformat() if project.start_date else None,
            "start_precision": project.start_precision and project.start_precision.value,
            "end": project.end_date.isoformat() if project.end_date else None,
            "end_precision": project.end_precision and project.end_precision.value,
        },
        "budget": float(project.budget_total) if project.budget_total is not None else None,
        "currency": project.currency,
        "good_practice": project.good_practice,
        # SQLite hands back naive datetimes; they are stored in UTC.
        "updated": project.updated_at.replace(tzinfo=project.updated_at.tzinfo or UTC)
        .isoformat(),
        "snippet": match.snippet(project, language),
        "sources": [source.url or source.location for source in project.sources],
    }
