"""``kp backup`` and ``kp restore``: a round trip on each engine, refusals, and a backup
that stays consistent while another connection writes."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import psycopg
import pytest
from flask_migrate import upgrade
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from knowledge_platform.db import MIGRATIONS, db
from knowledge_platform.ops import checks
from knowledge_platform.ops.backup import BackupError, backup
from tests import factories
from tests.conftest import make_app

KP = Path(sys.executable).parent / "kp"
TITLES = ("Tlumočení v nemocnicích Zlínského kraje", "Adaptační kurzy pro cizince v Plzni")


@pytest.fixture
def seeded(app):
    """Two published projects with their organisations and index entries."""
    with app.app_context():
        for number, title in enumerate(TITLES):
            factories.store(factories.record(title=title, registration_number=f"REG-{number}"))
        db.session.remove()


@pytest.fixture
def empty_database(database_url, tmp_path):
    """A URL for a new, empty database on the same engine as the test database."""
    if database_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'restored.db'}"
        return
    base = make_url(database_url).set(drivername="postgresql")
    name = f"{base.database}_restore_{uuid.uuid4().hex[:8]}"
    admin_url = base.render_as_string(hide_password=False)
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _snapshot(app) -> dict:
    with app.app_context():
        run = db.session.execute
        snapshot = {
            "projects": run(text("SELECT id, title_cs, registration_number, status "
                                 "FROM project ORDER BY id")).all(),
            "organisations": run(text("SELECT id, name FROM organisation ORDER BY id")).all(),
            "links": run(text("SELECT project_id, organisation_id FROM project_organisation "
                              "ORDER BY 1, 2")).all(),
            "index": run(text("SELECT project_id, title FROM search_document ORDER BY 1")).all(),
        }
        db.session.remove()
        return snapshot


def _kp(app, *args):
    return app.test_cli_runner().invoke(args=list(args))


@pytest.mark.parametrize("migrated_first", [False, True], ids=["new", "after-db-upgrade"])
def test_round_trip_brings_back_projects_and_search(app, seeded, empty_database, tmp_path,
                                                    migrated_first):
    out = tmp_path / "site.backup"
    result = _kp(app, "backup", str(out))
    assert result.exit_code == 0, result.output
    assert "backed up" in result.output and out.stat().st_size > 0
    restored = make_app(empty_database, tmp_path / "restored-instance")
    if migrated_first:  # an operator who ran `kp db upgrade` before restoring
        with restored.app_context():
            upgrade(directory=MIGRATIONS)
    result = _kp(restored, "restore", str(out))
    assert result.exit_code == 0, result.output
    assert "search index is complete and current" in result.output
    original = _snapshot(app)
    assert len(original["projects"]) == 2
    assert _snapshot(restored) == original
    assert _kp(restored, "index", "check").exit_code == 0
    if empty_database.startswith("sqlite"):  # as an operator would, in a process of its own
        checked = subprocess.run([str(KP), "index", "check"], capture_output=True, text=True,
                                 env={**os.environ, "DATABASE_URL": empty_database,
                                      "KP_INSTANCE_PATH": str(tmp_path / "restored-instance")})
        assert checked.returncode == 0, checked.stderr
    for title in TITLES:
        found = _kp(restored, "search", title.split()[0], "--format", "json")
        assert [hit["title"] for hit in json.loads(found.output)["hits"]] == [title]
    with restored.app_context():
        db.engine.dispose()


def test_restore_refuses_a_database_with_data(app, seeded, tmp_path):
    out = tmp_path / "site.backup"
    assert _kp(app, "backup", str(out)).exit_code == 0
    before = _snapshot(app)
    result = _kp(app, "restore", str(out))
    assert result.exit_code == 1
    assert "already holds data; restore only into an empty database" in result.output
    assert "Traceback" not in result.output
    assert _snapshot(app) == before


def test_a_stale_index_in_the_backup_is_rebuilt(app, seeded, empty_database, tmp_path):
    with app.app_context():
        db.session.execute(text("UPDATE search_document SET body = 'zastaralé'"))
        db.session.commit()
    out = tmp_path / "site.backup"
    assert _kp(app, "backup", str(out)).exit_code == 0
    restored = make_app(empty_database, tmp_path / "restored-instance")
    result = _kp(restored, "restore", str(out))
    assert result.exit_code == 0, result.output
    assert "search index: 2 entries missing or stale; rebuilt 2 projects" in result.output
    assert _kp(restored, "index", "check").exit_code == 0
    with restored.app_context():
        db.engine.dispose()


def test_a_backup_from_an_older_schema_is_upgraded(tmp_path):
    old = make_app(f"sqlite:///{tmp_path / 'old.db'}", tmp_path / "old-instance")
    with old.app_context():
        upgrade(directory=MIGRATIONS, revision="0005")
    assert _kp(old, "backup", str(tmp_path / "old.backup")).exit_code == 0
    new = make_app(f"sqlite:///{tmp_path / 'new.db'}", tmp_path / "new-instance")
    result = _kp(new, "restore", str(tmp_path / "old.backup"))
    assert result.exit_code == 0, result.output
    assert "upgraded the schema from 0005 to" in result.output
    with new.app_context(), db.engine.connect() as connection:
        assert checks.schema_state(checks.current_revisions(connection)) == checks.CURRENT


def test_restore_names_a_file_that_is_no_backup(app, tmp_path):
    (tmp_path / "notes.txt").write_text("not a backup")
    result = _kp(app, "restore", str(tmp_path / "notes.txt"))
    assert result.exit_code == 1
    assert "is neither a SQLite database nor a pg_dump custom-format file" in result.output


def test_missing_pg_dump_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    engine = create_engine("postgresql+psycopg://kp@127.0.0.1:1/kp")  # never connected
    with pytest.raises(BackupError, match="pg_dump is not on PATH"):
        backup(engine, tmp_path / "out.dump")
    assert list(tmp_path.iterdir()) == []


ROW_BYTES = 64 * 1024


def _payload(number: int) -> bytes:
    return hashlib.sha256(str(number).encode()).digest() * (ROW_BYTES // 32)


def test_sqlite_backup_is_consistent_while_another_connection_writes(tmp_path):
    source = tmp_path / "busy.db"
    with sqlite3.connect(source) as setup:
        setup.execute("PRAGMA journal_mode=WAL")
        setup.execute("CREATE TABLE chunk (id INTEGER PRIMARY KEY, data BLOB, digest TEXT)")
        setup.executemany("INSERT INTO chunk VALUES (?, ?, ?)", (
            (n, _payload(n), hashlib.sha256(_payload(n)).hexdigest()) for n in range(1, 801)))
    setup.close()
    stop, commits = threading.Event(), []

    def write() -> None:
        with sqlite3.connect(source, timeout=30) as writer:
            number = 801
            while not stop.is_set():
                # Two rows per transaction: a torn copy would hold one without the other.
                for n in (number, number + 1):
                    writer.execute("INSERT INTO chunk VALUES (?, ?, ?)",
                                   (n, _payload(n), hashlib.sha256(_payload(n)).hexdigest()))
                writer.commit()
                commits.append(time.monotonic())
                number += 2
        writer.close()

    thread = threading.Thread(target=write)
    thread.start()
    try:
        while not commits:
            time.sleep(0.001)
        started = time.monotonic()
        backup(create_engine(f"sqlite:///{source}"), tmp_path / "copy.db")
        finished = time.monotonic()
        time.sleep(0.05)
    finally:
        stop.set()
        thread.join()
    assert any(started <= moment <= finished for moment in commits), "no write overlapped"
    with sqlite3.connect(tmp_path / "copy.db") as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        ids = [row[0] for row in copy.execute("SELECT id FROM chunk ORDER BY id")]
        assert ids == list(range(1, len(ids) + 1)) and len(ids) % 2 == 0 and len(ids) >= 802
        for data, digest in copy.execute("SELECT data, digest FROM chunk"):
            assert hashlib.sha256(data).hexdigest() == digest
    copy.close()
    assert not (tmp_path / "copy.db.partial").exists()
    shutil.rmtree(tmp_path)  # some 100 MB; pytest would keep them for three runs


def test_restore_refuses_a_sqlite_path_with_a_stray_journal(migrated_sqlite, tmp_path):
    shutil.copy(migrated_sqlite, tmp_path / "source.db")
    source = make_app(f"sqlite:///{tmp_path / 'source.db'}", tmp_path / "source-instance")
    assert _kp(source, "backup", str(tmp_path / "site.backup")).exit_code == 0
    (tmp_path / "kp.db-wal").write_bytes(b"frames of the database that was moved away")
    target = make_app(f"sqlite:///{tmp_path / 'kp.db'}", tmp_path / "instance")
    result = _kp(target, "restore", str(tmp_path / "site.backup"))
    assert result.exit_code == 1
    assert "is gone but its journal is still there" in result.output
    assert not (tmp_path / "kp.db").exists()
