"""The search generation: a counter every change to public data bumps, with a log of the
projects changed.

Processes cache facet bitmaps (``bitmaps.py``); the generation tells them whether their
copy is current and, through the log, which projects to re-read when it is not. Caches of
anything the public sees (pages, figures) are valid for one generation, so a change to
an organisation or an evaluation bumps it too, with no project logged.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import cast

from flask import g, has_app_context
from sqlalchemy import Table, delete, event, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from knowledge_platform.db import db
from knowledge_platform.models import (
    FieldConflict,
    ImportRun,
    Project,
    RateLimitCounter,
    SearchChange,
    SearchDocument,
    SearchState,
)
from knowledge_platform.models.users import User

# What visitors never see: writing only these leaves the generation as it is.
PRIVATE = (User, RateLimitCounter, ImportRun, FieldConflict, SearchState, SearchChange,
           SearchDocument)
# Changes kept in the log; a cache further behind than this re-reads everything.
KEEP = 2000
# Session.info key: the generation this transaction bumped to (until it ends).
BUMPED = "search_generation_bumped"
# Session.info key: the projects logged under that generation.
LOGGED = "search_generation_logged"
# Mapped to tables (DeclarativeBase types ``__table__`` as any FromClause).
STATE = cast(Table, SearchState.__table__)
CHANGES = cast(Table, SearchChange.__table__)


# Built once: a statement costs more to build than to run, and every import bumps.
_BUMP = (update(STATE).where(STATE.c.id == 1).values(generation=STATE.c.generation + 1)
         .returning(STATE.c.generation))
_RESET = _BUMP.values(reset_generation=STATE.c.generation + 1)


def bump(connection: Connection, project_ids: Iterable[int] = (), reset: bool = False) -> int:
    """Start a new generation for ``project_ids`` (all projects when ``reset``); return it.

    The UPDATE takes the state row's lock until commit, so generations commit in order.
    """
    generation = connection.execute(_RESET if reset else _BUMP).scalar_one()
    if not reset:
        _log(connection, generation, project_ids)
    if has_app_context():
        g.pop("search_generation", None)
    if generation % 100 == 0:
        connection.execute(delete(CHANGES).where(CHANGES.c.generation <= generation - KEEP))
    return generation


def _log(connection: Connection, generation: int, project_ids: Iterable[int]) -> None:
    rows = [{"generation": generation, "project_id": pid} for pid in sorted(set(project_ids))]
    if rows:
        connection.execute(insert(CHANGES), rows)


def state(connection: Connection) -> tuple[int, int]:
    """(generation, reset_generation) as this transaction sees them."""
    row = connection.execute(
        select(STATE.c.generation, STATE.c.reset_generation).where(STATE.c.id == 1)).one()
    return row.generation, row.reset_generation


def request_generation() -> int:
    """The generation as this request first saw it (read once per request; a change the
    request itself makes forgets it)."""
    if has_app_context() and "search_generation" in g:
        return g.search_generation
    generation, _ = state(db.session.connection())
    if has_app_context():
        g.search_generation = generation
    return generation


def changed_since(connection: Connection, after: int, upto: int) -> set[int] | None:
    """Projects changed in generations ``after`` < g <= ``upto``; None when the log no
    longer reaches back that far."""
    if upto - after > KEEP // 2:
        return None
    rows = connection.execute(select(CHANGES.c.project_id).where(
        CHANGES.c.generation > after, CHANGES.c.generation <= upto))
    return {row.project_id for row in rows}


@event.listens_for(Session, "after_flush")
def _log_after_flush(session: Session, _context) -> None:
    # After a flush new projects have their ids; new/dirty/deleted still list what it wrote.
    written = (*session.new, *session.dirty, *session.deleted)
    # A project's search text changes without the project when an organisation it names
    # is renamed: its search row is written all the same.
    log_changes(session, {obj.id for obj in written
                          if isinstance(obj, Project) and obj.id is not None}
                | {obj.project_id for obj in written
                   if isinstance(obj, SearchDocument) and obj.project_id is not None})
    if BUMPED not in session.info and any(not isinstance(obj, PRIVATE) for obj in written):
        session.info[BUMPED] = bump(session.connection())
        session.info[LOGGED] = set()


def log_changes(session: Session, ids: set[int]) -> None:
    """Log the projects ``ids`` as changed by ``session``'s transaction: what a flush does for
    the projects it writes, for rows written past the unit of work."""
    if not ids:
        return
    # One generation per transaction: its changes become visible together at commit, so
    # later flushes of the same transaction only log their projects under it.
    generation = session.info.get(BUMPED)
    if generation is None:
        session.info[BUMPED] = bump(session.connection(), ids)
        session.info[LOGGED] = ids
    else:
        _log(session.connection(), generation, ids - session.info[LOGGED])
        session.info[LOGGED] |= ids
        if has_app_context():
            g.pop("search_generation", None)


def uncommitted(session: Session) -> bool:
    """True when ``session``'s transaction changed projects: what it sees is its own, so
    nothing it reads may go into a cache other transactions use."""
    return BUMPED in session.info


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _transaction_ended(session: Session) -> None:
    session.info.pop(BUMPED, None)
    session.info.pop(LOGGED, None)


@event.listens_for(Session, "after_soft_rollback")
def _savepoint_rolled_back(session: Session, _previous) -> None:
    # A rolled-back savepoint may have taken the bump with it: the next flush bumps again.
    _transaction_ended(session)
