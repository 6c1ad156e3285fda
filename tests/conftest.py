"""Shared fixtures: an app on a real, migrated database (SQLite file, or PostgreSQL)."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from flask_migrate import upgrade
from sqlalchemy import text

from knowledge_platform import create_app
from knowledge_platform.db import MIGRATIONS, db

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
SEEDS = SHARED / "seeds"
POSTGRES_URL = os.environ.get("TEST_DATABASE_URL")
# Every table that holds data rather than vocabulary, emptied between PostgreSQL tests.
DATA_TABLES = ("project, organisation, import_run, source_document, user_account, rate_limit, "
               "bitmap_snapshot")


def make_app(database_url: str, instance: Path, **config):
    """An app for tests on ``database_url`` with its instance folder at ``instance``."""
    os.environ["KP_INSTANCE_PATH"] = str(instance)
    try:
        return create_app(
            {"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_url, **config}
        )
    finally:
        del os.environ["KP_INSTANCE_PATH"]


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory) -> Path:
    """A SQLite file migrated to the latest revision once, copied for each test."""
    folder = tmp_path_factory.mktemp("template")
    path = folder / "template.db"
    app = make_app(f"sqlite:///{path}", folder / "instance")
    with app.app_context():
        upgrade(directory=MIGRATIONS)
        db.engine.dispose()
    return path


@pytest.fixture(scope="session")
def migrated_postgres(tmp_path_factory) -> str | None:
    if not POSTGRES_URL:
        return None
    app = make_app(POSTGRES_URL, tmp_path_factory.mktemp("pg-instance"))
    with app.app_context():
        db.session.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        db.session.commit()
        upgrade(directory=MIGRATIONS)
        db.engine.dispose()
    return POSTGRES_URL


@pytest.fixture
def database_url(tmp_path, migrated_sqlite, migrated_postgres) -> str:
    """The test database: PostgreSQL when TEST_DATABASE_URL is set, else a SQLite file."""
    if migrated_postgres:
        return migrated_postgres
    path = tmp_path / "kp.db"
    shutil.copy(migrated_sqlite, path)
    return f"sqlite:///{path}"


@pytest.fixture
def app(database_url, tmp_path):
    app = make_app(database_url, tmp_path / "instance")
    yield app
    with app.app_context():
        if database_url.startswith("postgresql"):
            db.session.rollback()
            db.session.execute(text(f"TRUNCATE {DATA_TABLES} RESTART IDENTITY CASCADE"))
            # Ids start again: facet bitmaps cached by the tests' process must be re-read.
            db.session.execute(text("UPDATE search_state SET generation = generation + 1, "
                                    "reset_generation = generation + 1"))
            db.session.commit()
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def seeds() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"the shared seed documents are not beside this clone ({SEEDS})")
    return SEEDS
