"""The SQLAlchemy and Alembic wiring (SQLite connections get foreign keys and WAL), and the
record helpers every layer shares."""
from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flask import Flask
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import MetaData, event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import DeclarativeBase

MIGRATIONS = str(Path(__file__).resolve().parent / "migrations")

# Named constraints keep Alembic migrations identical on SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


db = SQLAlchemy(model_class=Base)

# The base class of every model. mypy cannot take the attribute ``db.Model`` as a base class
# (python/mypy#8603), so it checks the models against the declarative base ``db.Model`` is
# built from; at run time it is ``db.Model`` itself.
if TYPE_CHECKING:
    Model = Base
else:
    Model = db.Model

migrate = Migrate(directory=MIGRATIONS, render_as_batch=True)


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, _record) -> None:
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.close()


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Whether Alembic compares an object; the search index's engine-specific parts
    (FTS5 tables, the tsvector table and its index) live in migrations only."""
    return not (type_ == "table" and (name.startswith("search_fts") or name == "search_vector"))


def init_app(app: Flask) -> None:
    """Bind the database and migrations to the app."""
    db.init_app(app)
    migrate.init_app(app, db)


def describe_error(error: BaseException) -> str:
    """The first line of a database error, without SQLAlchemy's wrapping."""
    original = getattr(error, "orig", None) or error
    lines = [line.strip() for line in str(original).splitlines() if line.strip()]
    return lines[0] if lines else type(original).__name__


def merged_survivor(model: type, record: Any) -> Any:
    """The record that ``record`` (a project or organisation) was merged into, at the end of
    the chain; None when ``record`` is missing or was never merged."""
    seen = set()
    while record is not None and record.merged_into_id and record.id not in seen:
        seen.add(record.id)
        record = db.session.get(model, record.merged_into_id)
    return record if seen else None


def reads() -> Connection:
    """The session's connection, flushed, for plain column reads: it spares a hot path (an
    import's matching) the ORM's per-statement work, and sees what the session wrote."""
    db.session.flush()  # what autoflush would do before an ORM query
    return db.session.connection()
