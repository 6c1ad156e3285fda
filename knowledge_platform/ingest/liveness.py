"""Import runs whose process died: telling them from live ones, and closing them as interrupted.

``serialise_imports`` holds the import lock only while one document is stored, so the runs of
several processes interleave document by document: holding that lock says nothing about
whether another run's process is alive. So each run holds a lock of its own for its whole
life, one that goes away with its process however that ends (SIGKILL included):

- PostgreSQL: a session-level advisory lock on (IMPORT_LOCK, run id) on a connection of its
  own, which the server drops with the connection; ``pg_locks`` shows it to every process of
  every application server on the database;
- SQLite (one host): ``flock()`` on a file beside the database ("kp.db-import-7.lock"), which
  the kernel drops with the process; ``flock()`` locks taken through two ``open()`` calls
  exclude each other even inside one process.

A run takes its lock before its row is committed and gives it up only after its finish is
committed, so a run that others can see unfinished without its lock has died.
"""
from __future__ import annotations

import fcntl
import logging
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import CursorResult, func, select, text, update
from sqlalchemy.exc import SQLAlchemyError

from knowledge_platform.db import db
from knowledge_platform.ingest.store import IMPORT_LOCK
from knowledge_platform.models import ImportRun, Revision, SourceDocument

# The reason of the one ImportRun.errors entry of a run whose process died mid-way.
INTERRUPTED = "interrupted"
log = logging.getLogger(__name__)


@contextmanager
def hold_run(run_id: int) -> Iterator[None]:
    """Hold run ``run_id``'s liveness lock until the block ends or the process dies."""
    if db.engine.dialect.name == "postgresql":
        # Not the session's connection: that one goes back to the pool after every commit.
        connection = db.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        key = {"key": IMPORT_LOCK, "run": run_id}
        try:
            connection.execute(text("SELECT pg_advisory_lock(CAST(:key AS integer), "
                                    "CAST(:run AS integer))"), key)
            yield
        finally:
            try:  # at once: a closed connection's lock goes only when its server process ends
                connection.execute(text("SELECT pg_advisory_unlock(CAST(:key AS integer), "
                                        "CAST(:run AS integer))"), key)
            except SQLAlchemyError:
                connection.invalidate()  # never back to the pool while it may hold the lock
            connection.close()
        return
    path = _lock_file(run_id)
    if path is None:
        yield
        return
    # Readable by all: the web server's user may check a run that `kp import` started.
    handle = os.open(path, os.O_RDONLY | os.O_CREAT, 0o644)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        yield
    finally:
        # Removed while locked: a checker that opened it just before finds it free only
        # after the run's finish is committed, and then leaves the run alone.
        _remove(path)
        os.close(handle)


def close_interrupted_runs() -> list[int]:
    """Mark each unfinished run whose process has died as interrupted; their ids.

    Its counts become what it stored (unchanged and failed files never were, so they count
    0), and its errors one entry whose reason is INTERRUPTED.
    """
    unfinished = db.session.scalars(
        select(ImportRun.id).where(ImportRun.finished_at.is_(None))).all()
    live = _live_runs(unfinished) if unfinished else set()
    dead = [run_id for run_id in unfinished if run_id not in live]
    if not dead:
        return []
    closed = []
    for run_id in dead:
        # "finished_at IS NULL" once more: a run that finished between the read and the
        # check gave up its lock only after committing its own results, which must stay.
        # An UPDATE's result is a CursorResult; scoped_session types it as a plain Result.
        result = cast(CursorResult[Any], db.session.execute(update(ImportRun).where(
            ImportRun.id == run_id, ImportRun.finished_at.is_(None)).values(
            **_stored_counts(run_id), finished_at=datetime.now(UTC),
            errors=[{"source": "", "reason": INTERRUPTED,
                     "problem": "interrupted: the import's process ended before it finished"}])))
        if result.rowcount:
            closed.append(run_id)
    db.session.commit()
    for run_id in dead:
        _remove(_lock_file(run_id))
    if closed:
        log.warning("import runs interrupted", extra={"run_ids": closed})
    return closed


def was_interrupted(run: ImportRun) -> bool:
    """Whether ``run`` was closed by close_interrupted_runs."""
    return any(error.get("reason") == INTERRUPTED for error in run.errors or [])


def _lock_file(run_id: int) -> str | None:
    """The SQLite liveness file of a run; None for a database that is not a file."""
    database = db.engine.url.database
    if db.engine.dialect.name != "sqlite" or database in (None, "", ":memory:"):
        return None
    return f"{database}-import-{run_id}.lock"


def _remove(path: str | None) -> None:
    if path:
        with suppress(FileNotFoundError, PermissionError):
            os.unlink(path)


def _live_runs(run_ids: Sequence[int]) -> set[int]:
    """Which of ``run_ids`` a live process holds (for a database in memory: all of them)."""
    if db.engine.dialect.name == "postgresql":
        return set(db.session.scalars(text(
            "SELECT objid::bigint FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 2 "
            "AND classid::bigint = :key AND database = "
            "(SELECT oid FROM pg_database WHERE datname = current_database())"),
            {"key": IMPORT_LOCK}))
    return {run_id for run_id in run_ids if _file_held(_lock_file(run_id))}


def _file_held(path: str | None) -> bool:
    if path is None:
        return True  # a database in memory belongs to this process alone: never close a run
    try:
        handle = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return False  # a live run's file exists from before its run was committed
    except PermissionError:
        return True  # cannot tell, so never close it
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(handle)
    return False


def _stored_counts(run_id: int) -> dict[str, int]:
    """Counts from a run's stored documents: new where the project's first revision is the
    run's, updated for the others with a project, skipped for those without one."""
    documents = select(SourceDocument.project_id).where(SourceDocument.import_run_id == run_id)
    project_ids = db.session.scalars(documents).all()
    firsts = (select(func.min(Revision.id)).where(Revision.project_id.in_(documents))
              .group_by(Revision.project_id))
    new = db.session.scalar(select(func.count(Revision.id)).where(
        Revision.id.in_(firsts), Revision.import_run_id == run_id)) or 0
    stored = sum(1 for project_id in project_ids if project_id is not None)
    return {"new_count": new, "updated_count": stored - new,
            "skipped_count": len(project_ids) - stored, "unchanged_count": 0, "failed_count": 0}
