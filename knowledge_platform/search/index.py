"""Keeping each project's search row in step with the project, from one place.

A ``before_flush`` hook re-analyses every project the flush touches, so the index
row is written in the same transaction as the change and can never disagree with it.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence

from sqlalchemy import delete, event, insert, inspect, select, text
from sqlalchemy.orm import Session, selectinload

from knowledge_platform.catalogue import FACETS
from knowledge_platform.db import db
from knowledge_platform.models import (
    Organisation,
    Project,
    ProjectOrganisation,
    SearchDocument,
)
from knowledge_platform.search import generations
from search_index.analysis import analyse

# Bump when the analyser changes so `kp index check` reports every row as stale.
ANALYSER = "cs-en-2"
# PostgreSQL: rows whose tsvector is missing or not what the trigger would write now.
POSTGRESQL_VECTORS = (
    "SELECT d.project_id, CASE WHEN v.project_id IS NULL THEN 'tsvector missing' "
    "ELSE 'tsvector stale' END FROM search_document d "
    "LEFT JOIN search_vector v USING (project_id) "
    "WHERE v.tsv IS DISTINCT FROM search_vector_of(d.title, d.summary, d.body)")


def analysed_text(
    titles: dict[str, str | None],
    summaries: dict[str, str | None],
    descriptions: dict[str, str | None],
    organisation_names: list[str],
    labels: list[str],
    registration_number: str | None,
) -> dict[str, str]:
    """Index columns from plain values; texts are keyed by language ("cs", "en")."""

    def terms(*pairs: tuple[str | None, str | None]) -> str:
        return " ".join(
            term for value, language in pairs if value for term in analyse(value, language)
        )

    return {
        "title": terms((titles.get("cs"), "cs"), (titles.get("en"), "en")),
        "summary": terms((summaries.get("cs"), "cs"), (summaries.get("en"), "en")),
        "body": terms(
            (descriptions.get("cs"), "cs"),
            (descriptions.get("en"), "en"),
            (" ".join(organisation_names), None),
            (" ".join(labels), None),
            (registration_number, "cs"),
        ),
        "analyser": ANALYSER,
    }


def term_labels(term) -> str:
    """What the index holds of a vocabulary term: its labels in both languages."""
    return f"{term.label_cs} {term.label_en}"


def analysed_fields(project: Project) -> dict[str, str]:
    """The project's title, summary and body as space-separated index terms."""
    return analysed_text(
        {"cs": project.title_cs, "en": project.title_en},
        {"cs": project.summary_cs, "en": project.summary_en},
        {"cs": project.description_cs, "en": project.description_en},
        [link.organisation.name for link in project.organisations],
        [term_labels(term) for facet in FACETS if facet.indexed
         for term in project.terms(facet.name)],
        project.registration_number,
    )


def refresh(project: Project) -> None:
    """Write ``project``'s search row from its current state (in the current session)."""
    fields = analysed_fields(project)
    row = project.search_document
    if row is None:
        project.search_document = SearchDocument(**fields)
        return
    for name, value in fields.items():
        if getattr(row, name) != value:
            setattr(row, name, value)


def _touched_projects(session: Session) -> Iterator[Project]:
    seen: set[int] = set()
    for obj in (*session.new, *session.dirty):
        if isinstance(obj, Project):
            projects = [obj]
        elif isinstance(obj, ProjectOrganisation):
            projects = [obj.project] if obj.project else []
        elif isinstance(obj, Organisation) and obj in session.dirty and \
                inspect(obj).attrs.name.history.has_changes():
            # Only its name is in its projects' search text; a new link is the link's news.
            projects = [link.project for link in obj.roles if link.project is not None]
        else:
            continue
        for project in projects:
            if id(project) not in seen and project not in session.deleted:
                seen.add(id(project))
                yield project


@event.listens_for(Session, "before_flush")
def _reindex_before_flush(session: Session, _context, _instances) -> None:
    with session.no_autoflush:
        for project in list(_touched_projects(session)):
            refresh(project)


def write_rows(project_ids: Sequence[int]) -> None:
    """Insert the search rows of projects that have none (a bulk load's batch, a rebuild),
    analysed from the stored projects exactly as the flush hook does."""
    projects = select(Project).where(Project.id.in_(project_ids)).options(
        *(selectinload(Project.link(facet.name)) for facet in FACETS if facet.indexed),
        selectinload(Project.organisations).selectinload(ProjectOrganisation.organisation),
    )
    rows = [{"project_id": project.id, **analysed_fields(project)}
            for project in db.session.scalars(projects)]
    if rows:
        db.session.execute(insert(SearchDocument), rows)


def rebuild(batch_size: int = 1000) -> int:
    """Re-analyse every project in one transaction: readers see the old index until commit."""
    db.session.execute(delete(SearchDocument))
    db.session.expunge_all()  # forget the deleted rows so new ones can take their keys
    ids = db.session.scalars(select(Project.id).order_by(Project.id)).all()
    for start in range(0, len(ids), batch_size):
        write_rows(ids[start:start + batch_size])
        db.session.expunge_all()  # keep memory flat on large databases
    if db.engine.dialect.name == "sqlite":
        db.session.execute(text("INSERT INTO search_fts(search_fts) VALUES ('rebuild')"))
    # Every project's words may have changed: cached word bitmaps are read afresh.
    generations.bump(db.session.connection(), reset=True)
    db.session.commit()
    analyse_tables()
    return len(ids)


def analyse_tables() -> None:
    """Refresh the planner's statistics, so searches start from the full-text index.

    Without them SQLite guesses that the status index is selective and tests every
    published project against the match instead of looking the matches up.
    """
    db.session.commit()
    db.session.execute(text("ANALYZE"))
    db.session.commit()


def check() -> list[tuple[int, str]]:
    """(project id, problem) for every project whose index row is missing or stale."""
    problems = []
    if db.engine.dialect.name == "sqlite":
        try:
            db.session.execute(
                text("INSERT INTO search_fts(search_fts) VALUES ('integrity-check')")
            )
        except Exception as error:  # reported, not raised
            db.session.rollback()
            problems.append((0, f"full-text index damaged: {error}"))
    else:
        problems += [tuple(row) for row in db.session.execute(text(POSTGRESQL_VECTORS))]
    rows = select(Project).options(selectinload(Project.search_document))
    for project in db.session.scalars(rows.execution_options(yield_per=500)):
        row = project.search_document
        if row is None:
            problems.append((project.id, "missing"))
            continue
        expected = analysed_fields(project)
        if any(getattr(row, name) != value for name, value in expected.items()):
            problems.append((project.id, "stale"))
    return problems
