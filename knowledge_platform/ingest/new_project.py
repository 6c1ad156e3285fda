"""A new project from an imported record, written with one plain INSERT per table.

The ORM's unit of work cost an import more than extraction itself. For a project that did
not exist, nothing needs comparing, so its rows are written directly, in the caller's
transaction: the project, its terms and organisations, the source document, the search row,
the search generation's log and the IMPORT revision, each as the ORM path and its hooks
write them (``kp index check`` and the history read them back the same way).
"""
from __future__ import annotations

from typing import Any, cast

from sqlalchemy import Table, insert, select

from knowledge_platform import catalogue
from knowledge_platform.catalogue import ORGANISATION_FIELDS, stored_facets
from knowledge_platform.db import db
from knowledge_platform.history import insert_revision_of
from knowledge_platform.history.snapshot import differences, snapshot_of_values
from knowledge_platform.ingest import duplicates, matching
from knowledge_platform.ingest.aliases import known_aliases
from knowledge_platform.ingest.organisations import resolve_organisation
from knowledge_platform.ingest.record_values import organisation_names, scalar_values
from knowledge_platform.ingest.terms import current as current_term_cache
from knowledge_platform.models import (
    LINKS,
    VOCABULARIES,
    Organisation,
    Precision,
    Project,
    ProjectOrganisation,
    RevisionKind,
    Role,
    SearchDocument,
    SourceDocument,
    Status,
)
from knowledge_platform.search import generations
from knowledge_platform.search.index import analysed_text, term_labels
from knowledge_platform.text import slugify

ROLE_FIELDS = {Role(entry.role): entry.name for entry in ORGANISATION_FIELDS}
TABLES = {model.__tablename__: cast(Table, model.__table__) for model in (
    Project, ProjectOrganisation, SourceDocument, SearchDocument)}


def insert_new_project(record: dict[str, Any], document: dict[str, Any], *, publish: bool,
                       actor: str, note: str) -> int:
    """Write a new project from ``record`` with its source document (``document``: the
    source_document row's values), index row and revision; return its id."""
    columns = _columns(record, publish)
    terms = {facet.field: _terms(facet.name, record.get(facet.field) or list(facet.default))
             for facet in stored_facets()}
    links = _organisations(record)
    # Plain Core statements on the session's connection: the ORM's bulk INSERT costs more.
    connection = db.session.connection()
    project_id = connection.execute(
        insert(TABLES["project"]).returning(TABLES["project"].c.id), columns).scalar_one()
    for facet in stored_facets():
        if terms[facet.field]:
            connection.execute(insert(LINKS[facet.name]), [
                {"project_id": project_id, "code": term.code} for term in terms[facet.field]])
    if links:
        connection.execute(insert(TABLES["project_organisation"]), [
            {"project_id": project_id, "organisation_id": organisation.id, "role": role,
             "position": position} for role, position, organisation in links])
    connection.execute(insert(TABLES["source_document"]), [
        {**document, "project_id": project_id, "outcome": "new"}])
    search_row = analysed_text(
        {"cs": columns.get("title_cs"), "en": columns.get("title_en")},
        {"cs": columns.get("summary_cs"), "en": columns.get("summary_en")}, {},
        [organisation.name for _role, _position, organisation in links],
        [term_labels(term) for facet in stored_facets() if facet.indexed
         for term in terms[facet.field]],
        columns.get("registration_number"))
    connection.execute(insert(TABLES["search_document"]),
                       [{"project_id": project_id, **search_row}])
    generations.log_changes(db.session(), {project_id})
    codes = {field: [term.code for term in found] for field, found in terms.items()}
    organisations = {field: [{"id": organisation.id, "name": organisation.name}
                             for role, _position, organisation in links
                             if ROLE_FIELDS[role] == field] for field in ROLE_FIELDS.values()}
    insert_revision_of(project_id, differences({}, snapshot_of_values(
        columns, codes, organisations)), RevisionKind.IMPORT, actor=actor, note=note,
        import_run_id=document.get("import_run_id"))
    matching.link_profile(duplicates.profile_of_values(
        project_id, columns,
        implementers=[org.id for role, _position, org in links if role == Role.IMPLEMENTER],
        addresses=[document["url_key"]] if document.get("url_key") else [],
        regions=codes["regions"], funders=codes["funders"]))
    return project_id


def _columns(record: dict[str, Any], publish: bool) -> dict[str, Any]:
    """The project row: what the record sets, the rest left to the columns' defaults."""
    columns: dict[str, Any] = {"language": record.get("language"), **scalar_values(record),
                               "status": Status.PUBLISHED if publish else Status.DRAFT}
    for side in ("start", "end"):
        if record.get(side):
            columns[f"{side}_precision"] = Precision(record.get(f"{side}_precision") or "day")
    if columns.get("budget_total") is not None:
        columns["currency"] = record.get("currency") or "CZK"
        columns["budget_approximate"] = bool(record.get("budget_approximate"))
    columns["slug"] = slugify(columns.get("title_cs") or columns.get("title_en") or "")
    return columns


def _terms(facet_name: str, codes: list[str]) -> list:
    """The terms of ``codes`` in the vocabulary's order; an unknown code is refused."""
    model = VOCABULARIES[facet_name]
    wanted = list(dict.fromkeys(codes))
    cache = current_term_cache()
    if cache is not None:
        found = cache.values(model, wanted)  # read only: the rows are plain INSERTs
    else:
        with db.session.no_autoflush:
            found = {term.code: term for term in db.session.scalars(
                select(model).where(model.code.in_(wanted)))} if wanted else {}
    for code in wanted:
        if code not in found:
            vocabulary = catalogue.facet(facet_name).table.replace("_", " ")
            raise ValueError(f"unknown {vocabulary} code {code!r}")
    return sorted(found.values(), key=lambda term: term.position)


def _organisations(record: dict[str, Any]) -> list[tuple[Role, int, Organisation]]:
    """(role, position, organisation) per organisation the record names, once each (an
    implementer is not also a partner), in the order a project loads them."""
    links: list[tuple[Role, int, Organisation]] = []
    for role, name in organisation_names(record):
        organisation = resolve_organisation(name, known_aliases(name))
        if any(organisation is linked and (linked_role == role or
                                           linked_role == Role.IMPLEMENTER)
               for linked_role, _position, linked in links):
            continue
        links.append((role, sum(1 for linked_role, *_ in links if linked_role == role),
                      organisation))
    if any(organisation.id is None for *_, organisation in links):
        db.session.flush()  # organisations met for the first time get their ids
    return sorted(links, key=lambda link: (str(link[0]), link[1]))
