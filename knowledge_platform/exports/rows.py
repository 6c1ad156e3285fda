"""The projects of an export, read in batches so memory stays flat however many match.

Rows are read as plain database rows, not ORM objects: an export changes nothing, and
skipping the identity map and relationship collections makes it several times faster.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import Row, select

from knowledge_platform.catalogue import FACETS
from knowledge_platform.db import db
from knowledge_platform.exports.columns import Related, record_of
from knowledge_platform.models import (
    LINKS,
    VOCABULARIES,
    Organisation,
    Project,
    ProjectOrganisation,
    Role,
    SourceDocument,
)
from knowledge_platform.search.filters import conditions
from knowledge_platform.search.params import SearchParams
from knowledge_platform.search.service import matching_ids

BATCH_SIZE = 500
# The long descriptions are not exported; leaving them out keeps each batch small.
PROJECT_COLUMNS = [column for column in Project.__table__.c
                   if column.name not in ("description_cs", "description_en",
                                          "good_practice_reason_cs",
                                          "good_practice_reason_en",
                                          "good_practice_override_cs",
                                          "good_practice_override_en")]


def project_batches(params: SearchParams, batch_size: int = BATCH_SIZE) -> Iterator[list[Row]]:
    """Rows of the published projects matching ``params``, by ascending id, a batch at a time."""
    filters = conditions(params)
    query = select(*PROJECT_COLUMNS).order_by(Project.id)
    if params.q:
        ids = matching_ids(params)
        for start in range(0, len(ids), batch_size):
            chunk = ids[start:start + batch_size]
            # The filters again: a project may have changed since the search ran.
            yield list(db.session.execute(query.where(Project.id.in_(chunk), *filters)))
        return
    last = 0
    while True:
        # Keyset pagination: each batch starts after the last id, so no batch re-reads
        # the rows before it (an OFFSET would, making the whole export quadratic).
        batch = list(db.session.execute(
            query.where(*filters, Project.id > last).limit(batch_size)))
        if not batch:
            return
        yield batch
        last = batch[-1].id


def related_rows(ids: Sequence[int], base_url: str = "",
                 language: str = "en") -> dict[int, Related]:
    """Codes (with their labels in ``language``), organisation names and source addresses of
    the projects ``ids``, in site order."""
    related = {project_id: Related(base_url=base_url,
                                   codes={facet.field: [] for facet in FACETS},
                                   labels={facet.field: [] for facet in FACETS})
               for project_id in ids}
    for facet in FACETS:
        term, link = VOCABULARIES[facet.name], LINKS[facet.name]
        label = term.label_cs if language == "cs" else term.label_en
        query = (select(link.c.project_id, link.c.code, label)
                 .join(term, term.code == link.c.code)
                 .where(link.c.project_id.in_(ids))
                 .order_by(link.c.project_id, term.position, term.code))
        for project_id, code, text in db.session.execute(query):
            related[project_id].codes[facet.field].append(code)
            related[project_id].labels[facet.field].append(text)
    roles = (select(ProjectOrganisation.project_id, ProjectOrganisation.role, Organisation.name)
             .join(Organisation, Organisation.id == ProjectOrganisation.organisation_id)
             .where(ProjectOrganisation.project_id.in_(ids))
             .order_by(ProjectOrganisation.project_id, ProjectOrganisation.role,
                       ProjectOrganisation.position))
    for project_id, role, organisation in db.session.execute(roles):
        found = related[project_id]
        if role == Role.PARTNER:
            found.partners.append(organisation)
        elif found.implementer is None:
            found.implementer = organisation
    sources = (select(SourceDocument.project_id, SourceDocument.url)
               .where(SourceDocument.project_id.in_(ids), SourceDocument.url.isnot(None),
                      SourceDocument.awaiting_review.is_(False))
               .order_by(SourceDocument.project_id, SourceDocument.captured_at,
                         SourceDocument.id))
    for project_id, url in db.session.execute(sources):
        assert project_id is not None and url is not None  # the query asks for both
        # Only public addresses: a source's location may be a path on the importing machine.
        if url not in related[project_id].source_urls:
            related[project_id].source_urls.append(url)
    return related


def export_records(params: SearchParams, base_url: str = "", batch_size: int = BATCH_SIZE,
                   language: str = "en") -> Iterator[dict[str, Any]]:
    """Export records (``columns.record_of``) of every project matching ``params``, labels
    in ``language``."""
    for batch in project_batches(params, batch_size):
        related = related_rows([row.id for row in batch], base_url, language)
        for row in batch:
            yield record_of(row, related[row.id])
