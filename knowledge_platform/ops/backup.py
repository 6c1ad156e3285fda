"""Backups: a consistent copy of the database while the site runs, and its restore.

SQLite uses the online backup API (one read snapshot, so writers carry on and the copy
is consistent); PostgreSQL uses pg_dump and pg_restore in their custom format.
"""
from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

from sqlalchemy import inspect, select, text, update
from sqlalchemy.engine import URL, Connection, Engine

from knowledge_platform.ops.checks import safe_url

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"
# Tables whose rows are the platform's data; vocabulary and bookkeeping rows come with the
# schema, so a database with none of these rows counts as empty.
DATA_TABLES = ("project", "organisation", "import_run", "source_document", "user_account")
# The schema's own functions (with their argument types), not those of extensions.
OWN_FUNCTIONS = (
    "SELECT p.oid::regprocedure::text FROM pg_proc p "
    "WHERE p.pronamespace = current_schema()::regnamespace AND NOT EXISTS ("
    "SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass "
    "AND d.objid = p.oid AND d.deptype = 'e')")


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why and what to do."""


def backup(engine: Engine, out: Path) -> None:
    """Write a copy of ``engine``'s database to ``out`` (replaced only once complete)."""
    partial = out.with_name(out.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        if engine.url.get_backend_name() == "sqlite":
            _backup_sqlite(_sqlite_path(engine.url), partial)
        else:
            _pg_tool(engine.url, "pg_dump", "--format=custom", f"--file={partial}")
        os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)


def restore(engine: Engine, source: Path) -> None:
    """Load the backup ``source`` into ``engine``'s database, which must hold no data.

    A schema without data (e.g. after ``kp db upgrade``) is replaced by the backup's.
    """
    backend = engine.url.get_backend_name()
    kind = _backup_kind(source)
    if kind != backend:
        raise BackupError(f"{source} is a {kind} backup, but the database is {backend}")
    if backend == "sqlite":
        _refuse_stray_journal(_sqlite_path(engine.url))
    with engine.connect() as connection:
        if not is_empty(connection):
            raise BackupError(
                f"the database at {safe_url(engine.url)} already holds data; restore only "
                "into an empty database (create a new one, or delete this one first)")
        previous = search_generation(connection)
    if backend == "sqlite":
        _restore_sqlite(source, _sqlite_path(engine.url))
    else:
        _drop_tables(engine)
        _pg_tool(engine.url, "pg_restore", "--no-owner", "--no-privileges",
                 "--single-transaction", "--exit-on-error", str(source))
    engine.dispose()  # pooled connections may have seen the empty database
    _renew_search_generation(engine, previous)


def is_empty(connection: Connection) -> bool:
    """Whether none of the data tables holds a row (or there are no tables at all)."""
    tables = set(inspect(connection).get_table_names())
    for table in DATA_TABLES:
        if table in tables and connection.execute(text(f"SELECT 1 FROM {table} LIMIT 1")).first():
            return False
    return True


def search_generation(connection: Connection) -> int:
    """The database's search generation (0 without the table)."""
    from knowledge_platform.models import SearchState

    if not inspect(connection).has_table(SearchState.__tablename__):
        return 0
    return connection.execute(select(SearchState.generation)).scalar() or 0


def _renew_search_generation(engine: Engine, previous: int) -> None:
    # Processes may cache facet bitmaps of the database as it was before the restore: a
    # reset generation beyond anything either database reached makes them read afresh.
    from knowledge_platform.models import SearchState

    with engine.begin() as connection:
        if not inspect(connection).has_table(SearchState.__tablename__):
            return
        generation = max(previous, search_generation(connection)) + 1
        connection.execute(update(SearchState).values(
            generation=generation, reset_generation=generation))


def _sqlite_path(url: URL) -> Path:
    if url.database in (None, "", ":memory:"):
        raise BackupError("an in-memory SQLite database cannot be backed up or restored")
    return Path(url.database)


def _refuse_stray_journal(database: Path) -> None:
    # SQLite would replay a -wal left beside a moved-away database into the new file.
    strays = [database.with_name(database.name + suffix) for suffix in ("-wal", "-journal")]
    if not database.exists() and any(stray.exists() for stray in strays):
        raise BackupError(f"{database} is gone but its journal is still there: move "
                          f"{database.name}-wal, -shm and -journal away too")


def _backup_kind(path: Path) -> str:
    with path.open("rb") as handle:
        head = handle.read(len(SQLITE_MAGIC))
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PG_DUMP_MAGIC):
        return "postgresql"
    raise BackupError(f"{path} is neither a SQLite database nor a pg_dump custom-format file")


def _backup_sqlite(database: Path, out: Path) -> None:
    if not database.exists():
        raise BackupError(f"there is no database file at {database}")
    with closing(sqlite3.connect(database, timeout=30)) as source, \
            closing(sqlite3.connect(out)) as copy:
        # One step (pages=-1) copies every page inside one read transaction: a snapshot.
        source.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal
        _check_integrity(copy, out)


def _restore_sqlite(source: Path, database: Path) -> None:
    with closing(sqlite3.connect(source.resolve().as_uri() + "?mode=ro", uri=True)) as backup_copy:
        _check_integrity(backup_copy, source)
        with closing(sqlite3.connect(database, timeout=30)) as target:
            backup_copy.backup(target)


def _check_integrity(connection: sqlite3.Connection, path: Path) -> None:
    result = connection.execute("PRAGMA integrity_check").fetchone()[0]
    if result != "ok":
        raise BackupError(f"{path} fails SQLite's integrity check: {result}")


def _drop_tables(engine: Engine) -> None:
    # An empty schema from `kp db upgrade` (tables, and the functions its triggers call)
    # would clash with the one pg_restore creates.
    with engine.begin() as connection:
        tables = inspect(connection).get_table_names()
        if tables:
            quote = connection.dialect.identifier_preparer.quote
            connection.execute(text(
                "DROP TABLE IF EXISTS " + ", ".join(quote(t) for t in tables) + " CASCADE"))
        for function in connection.scalars(text(OWN_FUNCTIONS)):
            connection.execute(text(f"DROP FUNCTION {function}"))


def _pg_tool(url: URL, tool: str, *args: str) -> None:
    """Run pg_dump or pg_restore on ``url``'s database; the password goes by environment."""
    program = shutil.which(tool)
    if program is None:
        raise BackupError(f"{tool} is not on PATH: install PostgreSQL's client programs "
                          "(e.g. 'apt install postgresql-client') of the server's version")
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    finished = subprocess.run([program, f"--dbname={safe_url(url)}", *args], env=env,
                              capture_output=True, text=True)
    if finished.returncode != 0:
        lines = [line for line in finished.stderr.splitlines() if line.strip()]
        raise BackupError(f"{tool} failed: {lines[0] if lines else f'exit {finished.returncode}'}")
