"""Database checks shared by ``kp serve``, ``/healthz`` and ``kp restore``: can we reach the
database, and is its schema the one this code was written for?"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from alembic.script import ScriptDirectory
from flask import current_app
from sqlalchemy import inspect, text
from sqlalchemy.engine import URL, Connection
from sqlalchemy.exc import SQLAlchemyError

from knowledge_platform.db import MIGRATIONS, db, describe_error

# Schema states: "current" (at the code's head revision), "behind" (run `kp db upgrade`),
# "ahead" (migrated by newer code, e.g. mid rolling upgrade), "missing" (never migrated).
CURRENT, BEHIND, AHEAD, MISSING = "current", "behind", "ahead", "missing"


@lru_cache
def _script(directory: str = MIGRATIONS) -> ScriptDirectory:
    # Parsed once per process: /healthz must not read the migration files on every call.
    return ScriptDirectory(directory)


def head_revisions() -> frozenset[str]:
    """The revisions this code's migrations end at."""
    return frozenset(_script().get_heads())


def current_revisions(connection: Connection) -> frozenset[str] | None:
    """The revisions the database is at, or None when it has no ``alembic_version`` table.

    One query; only when it fails does a second one tell a missing table from a broken
    database (whose error is raised).
    """
    try:
        rows = connection.execute(text("SELECT version_num FROM alembic_version"))
        return frozenset(row[0] for row in rows)
    except SQLAlchemyError:
        connection.rollback()
        if inspect(connection).has_table("alembic_version"):
            raise
        return None


def schema_state(revisions: frozenset[str] | None) -> str:
    """CURRENT, BEHIND, AHEAD or MISSING for the database's ``revisions``."""
    if not revisions:
        return MISSING
    if revisions == head_revisions():
        return CURRENT
    if all(_known(revision) for revision in revisions):
        return BEHIND
    return AHEAD


def _known(revision: str) -> bool:
    try:
        return _script().get_revision(revision) is not None
    except Exception:  # alembic raises for an id it has never heard of
        return False


def safe_url(url: URL) -> str:
    """The database URL as an operator wrote it, without the password."""
    bare = URL.create(url.get_backend_name(), url.username, None, url.host, url.port,
                      url.database, url.query)
    return bare.render_as_string(hide_password=False)


def startup_problem() -> str | None:
    """Why the site should not start on the app's database, or None when it can."""
    url = db.engine.url
    where = safe_url(url)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        path = Path(url.database)
        if not path.parent.is_dir():
            return f"cannot reach the database at {where}: no folder {path.parent}"
        if not path.exists():
            return (f"cannot reach the database at {where}: the file does not exist "
                    "(run 'kp db upgrade' to create it)")
    try:
        with db.engine.connect() as connection:
            revisions = current_revisions(connection)
    except SQLAlchemyError as error:
        return f"cannot reach the database at {where}: {describe_error(error)}"
    state = schema_state(revisions)
    if state == MISSING:
        return f"the database at {where} has no schema: run 'kp db upgrade'"
    if state == BEHIND:
        return (f"the database schema at {where} is at revision {_list(revisions)} but this "
                f"code needs {_list(head_revisions())}: run 'kp db upgrade'")
    if state == AHEAD:
        return (f"the database schema at {where} is at revision {_list(revisions)}, newer "
                f"than this code ({_list(head_revisions())}): upgrade the code")
    return None


def _list(revisions: frozenset[str] | None) -> str:
    return ", ".join(sorted(revisions or ()))


def limits_problem(workers: int) -> str | None:
    """Why ``workers`` processes would not enforce the login limits, or None."""
    storage = str(current_app.config.get("RATELIMIT_STORAGE_URI") or "memory://")
    if workers > 1 and storage.startswith("memory://"):
        return (f"login limits are counted in each process's memory ({storage}), so {workers} "
                "workers would allow each account and address that many times the attempts "
                "set: use RATELIMIT_STORAGE_URI=database:// (the default) or redis://…, serve "
                "with --workers 1, or accept it with --per-worker-limits")
    return None
