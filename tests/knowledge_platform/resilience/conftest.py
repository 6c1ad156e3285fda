"""Scratch databases for tests that run `kp` in subprocesses: a SQLite file, or a PostgreSQL
database of their own (``kp_proof_*`` style names beside TEST_DATABASE_URL's), dropped after.

The suite's ``app`` fixture empties its database after each test, which would race with
subprocesses still writing; these tests never share that database.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from flask_migrate import upgrade
from sqlalchemy import create_engine, func, select
from sqlalchemy.engine import Engine, make_url

from knowledge_platform.db import MIGRATIONS, db
from knowledge_platform.models import Project
from tests.conftest import POSTGRES_URL, make_app

ROOT = Path(__file__).resolve().parents[3]
ENGINES = [
    "sqlite",
    pytest.param("postgresql", marks=[
        pytest.mark.postgres,
        pytest.mark.skipif(not POSTGRES_URL, reason="TEST_DATABASE_URL is not set")]),
]


def _postgres_admin_url(database: str) -> str:
    return make_url(POSTGRES_URL).set(drivername="postgresql", database=database) \
        .render_as_string(hide_password=False)


@pytest.fixture(params=ENGINES)
def scratch_url(request, tmp_path, migrated_sqlite) -> Iterator[str]:
    """A migrated, empty database no other test touches, on each engine in turn."""
    if request.param == "sqlite":
        path = tmp_path / "scratch.db"
        shutil.copy(migrated_sqlite, path)
        yield f"sqlite:///{path}"
        return
    base = make_url(POSTGRES_URL).database
    name = f"{base}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(_postgres_admin_url(base), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    url = _postgres_admin_url(name)
    app = make_app(url, tmp_path / "migrate-instance")
    with app.app_context():
        upgrade(directory=MIGRATIONS)
        db.engine.dispose()
    try:
        yield url
    finally:
        with psycopg.connect(_postgres_admin_url(base), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def scratch_app(scratch_url, tmp_path):
    """An app on the scratch database, for looking at what the subprocesses stored."""
    app = make_app(scratch_url, tmp_path / "check-instance")
    yield app
    with app.app_context():
        db.engine.dispose()


def kp_process(url: str, instance: Path, *args: str) -> subprocess.Popen:
    """`kp ARGS` (the venv's) on ``url`` with its own instance folder, output captured."""
    instance.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "KP_INSTANCE_PATH": str(instance), "DATABASE_URL": url}
    kp = Path(sys.executable).parent / "kp"
    return subprocess.Popen([str(kp), *args], cwd=ROOT, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def finish(process: subprocess.Popen, timeout: float = 300) -> tuple[str, str]:
    """Wait for ``process``; its (stdout, stderr). Killed and failed when it overruns."""
    try:
        return process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.communicate()
        pytest.fail(f"{process.args} ran longer than {timeout} s")


def counting_engine(url: str) -> Engine:
    """A bare engine for polling from the test while a subprocess writes."""
    return create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))


def project_count(engine: Engine) -> int:
    with engine.connect() as connection:
        return connection.scalar(select(func.count()).select_from(Project.__table__))


def wait_for(predicate, timeout: float, interval: float = 0.05) -> bool:
    """Poll ``predicate`` until it holds or ``timeout`` seconds pass."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return False
