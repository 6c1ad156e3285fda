"""Storing one extracted record: a new project, another source of a known one, or nothing new."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, or_, select, text

from importers.record import amounts, uncertain_fields
from knowledge_platform.catalogue import stored_facets
from knowledge_platform.db import db, reads
from knowledge_platform.history import record_revision, snapshot
from knowledge_platform.ingest import matching
from knowledge_platform.ingest.addresses import address_key
from knowledge_platform.ingest.contacts import fill_implementer_contacts
from knowledge_platform.ingest.new_project import insert_new_project
from knowledge_platform.ingest.organisations import prefetch_organisations, resolve_organisation
from knowledge_platform.ingest.proposals import (
    is_protected,
    propose_organisations,
    propose_terms,
    propose_value,
    record_conflict,
)
from knowledge_platform.ingest.record_values import clip, organisation_names, scalar_values
from knowledge_platform.ingest.terms import current as current_term_cache
from knowledge_platform.models import (
    VOCABULARIES,
    Organisation,
    Precision,
    Project,
    ProjectOrganisation,
    RevisionKind,
    Role,
    SourceDocument,
    Status,
)
from knowledge_platform.text import match_key, slugify

# Advisory lock key ("kpim") that PostgreSQL imports hold while matching and storing a document.
IMPORT_LOCK = 0x6B70696D


@dataclass
class Source:
    """The document a record was extracted from."""

    location: str
    content_hash: str
    media_type: str = "text/plain"
    text: str = ""


@dataclass
class Outcome:
    """What storing one record did: ``new``, ``updated``, ``unchanged`` or ``skipped``."""

    status: str
    project_id: int | None
    message: str = ""

    @property
    def project(self) -> Project | None:
        """The project stored or matched (loaded when first asked for)."""
        return db.session.get(Project, self.project_id) if self.project_id else None


def store_record(record: dict[str, Any], source: Source, *, run_id: int | None = None,
                 actor: str = "", publish: bool = False) -> Outcome:
    """Store ``record`` in the current session (the caller commits or rolls back), as part of
    import run ``run_id`` started by ``actor``."""
    serialise_imports()
    known, previous = _stored_sources(source)
    if known is not None:
        return Outcome("unchanged", known.project_id, "unchanged")
    is_project = record.get("is_project", True)
    if is_project:
        prefetch_organisations([record.get("implementer") or "", *(record.get("partners") or [])])
    # Matched before the document is added: none of these queries can find it (it has no
    # project yet), and so they need not flush it first.
    previous = previous if is_project else None
    project = previous.project if previous else matching.same_project(record) \
        if is_project else None
    values = {
        "location": clip(source.location, SourceDocument.location),
        "url": clip(record.get("source_url"), SourceDocument.url),
        "url_key": clip(address_key(record.get("source_url")), SourceDocument.url_key),
        "media_type": source.media_type,
        "language": record.get("language"),
        "content_hash": source.content_hash,
        "text": source.text,
        "extraction": record,
        "uncertain_count": len(uncertain_fields(record)),
        "import_run_id": run_id,
    }
    if is_project and project is None:
        project_id = insert_new_project(record, values, publish=publish, actor=actor,
                                        note=source.location)
        return Outcome("new", project_id, _with(fill_implementer_contacts(record, project_id),
                                                "new"))
    document = SourceDocument(**values)
    db.session.add(document)
    if not is_project:
        document.outcome = "skipped"
        return Outcome("skipped", None, "not a project description")

    assert project is not None  # a new project went in above
    status, before = "updated", snapshot(project)
    document.project = project
    document.outcome = status
    protected = is_protected(project)
    _apply(project, record, document, replacing=previous is not None)
    if publish:
        project.status = Status.PUBLISHED
    db.session.flush()  # ids and column defaults in place before the revision's snapshot
    if protected:
        proposed = [conflict.field for conflict in project.conflicts
                    if conflict.resolved_at is None and any(
                        entry.get("source_document_id") == document.id
                        for entry in conflict.candidates)]
        document.awaiting_review = bool(proposed)
        matching.link_related(project)
        # A curated project's organisations change by review only: no contacts from here.
        return Outcome(status, project.id, f"proposed for review: {', '.join(proposed)}"
                       if proposed else "nothing new")
    record_revision(project, before, RevisionKind.IMPORT, actor=actor, note=source.location,
                    import_run_id=run_id)
    db.session.flush()
    matching.link_related(project)
    return Outcome(status, project.id, _with(fill_implementer_contacts(record, project.id),
                                             status))


def _with(problems: list[str], message: str) -> str:
    """An outcome's message with the problems met on the way."""
    return "; ".join([message, *problems])


def serialise_imports() -> None:
    """Hold the import lock until the caller's commit, so concurrent imports match against
    each other's stored documents instead of both storing the same one.

    PostgreSQL takes a transaction-scoped advisory lock; SQLite takes its one write lock
    now (waiting the busy timeout) rather than at the first INSERT, after the checks.
    """
    if db.session().in_nested_transaction():
        return  # a dry run's savepoint: nothing it stores is ever committed
    connection = db.session.connection()
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": IMPORT_LOCK})
    elif connection.dialect.name == "sqlite":
        dbapi_connection = connection.connection.dbapi_connection
        assert dbapi_connection is not None  # the connection is checked out: it has one
        if not dbapi_connection.in_transaction:
            connection.exec_driver_sql("BEGIN IMMEDIATE")


def _stored_sources(source: Source) -> tuple[SourceDocument | None, SourceDocument | None]:
    """A stored document with the same content, and the latest earlier capture of the same
    location that made a project (its content has changed since); one query for both."""
    # Not the same web address: one news item or programme page often describes several
    # projects, so a shared address is a sign of a duplicate (matching.py), not proof.
    # Columns first: nearly every document is new, and loading none spares the ORM's work.
    rows = reads().execute(_STORED_SOURCES, {"hash": source.content_hash,
                                             "location": source.location}).all()
    known = next((row.id for row in rows if row.content_hash == source.content_hash), None)
    previous = next((row.id for row in rows if row.location == source.location
                     and row.project_id is not None), None)
    return tuple(None if found is None else db.session.get(SourceDocument, found)
                 for found in (known, previous))  # type: ignore[return-value]


_STORED_SOURCES = (
    select(SourceDocument.id, SourceDocument.content_hash, SourceDocument.location,
           SourceDocument.project_id)
    .where(or_(SourceDocument.content_hash == bindparam("hash"),
               (SourceDocument.location == bindparam("location"))
               & SourceDocument.project_id.isnot(None)))
    .order_by(SourceDocument.captured_at.desc(), SourceDocument.id.desc()))


def _apply(
    project: Project, record: dict[str, Any], document: SourceDocument, replacing: bool = False
) -> None:
    """Fill the project from the record; where a filled field disagrees, keep a conflict.

    A new capture of a document already imported (``replacing``) simply updates its values;
    a published project keeps every value, and what the record would change is proposed.
    """
    protected = is_protected(project)
    is_new = project.id is None or replacing
    if is_new and not protected:
        project.language = record.get("language")
    # Precision first: recording a conflict flushes, and a date needs its precision.
    for side in ("start", "end"):
        if record.get(side) and not protected:
            precision = record.get(f"{side}_precision") or "day"
            setattr(project, f"{side}_precision", Precision(precision))
    for name, value in scalar_values(record).items():
        current = getattr(project, name)
        if _same(current, value):
            continue
        if name.startswith("summary_") and current and not is_new:
            continue  # summaries differ by nature; the first one written stays
        if protected:
            propose_value(project, name, value, document, record)
            continue
        if current not in (None, "") and not is_new:
            record_conflict(project, name, current, value, document)
        setattr(project, name, value)
    if amounts(record)[0] is not None and not protected:
        project.currency = record.get("currency") or "CZK"
        project.budget_approximate = bool(record.get("budget_approximate"))
    if not project.slug:
        project.slug = slugify(project.title_cs or project.title_en or "")
    for facet in stored_facets():
        _add_terms(project, facet.field, VOCABULARIES[facet.name], record.get(facet.field) or [],
                   document)
    _add_organisations(project, record, document)


def _add_terms(project: Project, attribute: str, model, codes: list[str],
               document: SourceDocument) -> None:
    linked = getattr(project, attribute)
    present = {term.code for term in linked}
    wanted = [code for code in dict.fromkeys(codes) if code not in present]
    if wanted:
        terms = _terms(model, wanted)
        for code in wanted:
            if code not in terms:
                raise ValueError(
                    f"unknown {model.__tablename__.replace('_', ' ')} code {code!r}")
        if is_protected(project):
            propose_terms(project, attribute, wanted, document)
            return
        linked.extend(terms[code] for code in wanted)
    # The index row is analysed from this list: keep the order it loads in (by position),
    # or `kp index check` finds the row stale as soon as the project is read back.
    linked.sort(key=lambda term: term.position)


def _terms(model, codes: list[str]) -> dict:
    """The terms of ``model`` with any of ``codes``, by code (unknown codes left out)."""
    cache = current_term_cache()
    if cache is not None:
        return cache.terms(model, codes)
    # One query for the record's terms rather than one each (a commit expires them all).
    with db.session.no_autoflush:  # a term is never pending: flushing first finds nothing
        return {term.code: term
                for term in db.session.scalars(select(model).where(model.code.in_(codes)))}


def _add_organisations(project: Project, record: dict[str, Any],
                       document: SourceDocument) -> None:
    from knowledge_platform.ingest.aliases import known_aliases

    proposed: dict[Role, list[Organisation]] = {}
    for role, name in organisation_names(record):
        organisation = resolve_organisation(name, known_aliases(name))
        taken = {(link.organisation, link.role) for link in project.organisations}
        taken |= {(organisation, role) for role, added in proposed.items()
                  for organisation in added}
        if (organisation, Role.IMPLEMENTER) in taken or (organisation, role) in taken:
            continue
        if is_protected(project):
            proposed.setdefault(role, []).append(organisation)
            continue
        position = sum(1 for link in project.organisations if link.role == role)
        project.organisations.append(
            ProjectOrganisation(organisation=organisation, role=role, position=position)
        )
    project.organisations.sort(key=lambda link: (str(link.role), link.position))
    if proposed:
        db.session.flush()  # the ids of organisations met for the first time
    for role, organisations in proposed.items():
        propose_organisations(project, role, [
            {"id": organisation.id, "name": organisation.name} for organisation in organisations
        ], document)


def _same(current: Any, new: Any) -> bool:
    """Equal values, or texts that differ only in case, diacritics-free spelling or punctuation."""
    if isinstance(current, str) and isinstance(new, str):
        return match_key(current) == match_key(new)
    return current == new
