"""Crash safety: `kp import` killed with SIGKILL mid-folder leaves only whole projects behind,
and running it again closes the killed run as interrupted and finishes the rest without
duplicating anything."""
from __future__ import annotations

import signal
import sqlite3

from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from knowledge_platform.db import db
from knowledge_platform.ingest.liveness import close_interrupted_runs, was_interrupted
from knowledge_platform.models import ImportRun, Project, Role, SourceDocument
from knowledge_platform.search.index import check
from tests.knowledge_platform.resilience.conftest import (
    counting_engine,
    finish,
    kp_process,
    project_count,
    wait_for,
)
from tests.knowledge_platform.resilience.documents import registration_number, write_corpus

DOCUMENTS = 200
KILL_AFTER = 40  # committed projects before the kill: well into the folder, far from its end


def _assert_whole(app, expected_numbers: set[str]) -> int:
    """Every stored project has its source, implementer and a current index row; the count."""
    with app.app_context():
        projects = db.session.scalars(select(Project)).all()
        for project in projects:
            assert project.registration_number in expected_numbers
            assert len(project.sources) == 1, project.registration_number
            source = project.sources[0]
            assert source.text and source.content_hash and source.import_run_id
            assert source.extraction["registration_number"] == project.registration_number
            roles = {link.role for link in project.organisations}
            assert Role.IMPLEMENTER in roles, project.registration_number
            assert project.search_document is not None
        assert check() == []
        orphans = db.session.scalar(select(func.count(SourceDocument.id)).where(
            SourceDocument.project_id.is_(None)))
        assert orphans == 0
        db.session.rollback()
        return len(projects)


def _sqlite_integrity(url: str) -> None:
    connection = sqlite3.connect(make_url(url).database)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        connection.close()


def test_killed_import_keeps_whole_projects_and_resumes(scratch_url, scratch_app, tmp_path):
    folder = tmp_path / "documents"
    write_corpus(folder, DOCUMENTS)
    expected = {registration_number(index) for index in range(DOCUMENTS)}
    engine = counting_engine(scratch_url)

    importer = kp_process(scratch_url, tmp_path / "instance", "import", str(folder))
    reached = wait_for(lambda: project_count(engine) >= KILL_AFTER, timeout=240)
    with scratch_app.app_context():
        # Another process looking while the import runs: its run is alive, not interrupted.
        assert close_interrupted_runs() == []
        assert db.session.scalars(select(ImportRun.finished_at)).all() == [None]
        db.session.remove()
    still_running = importer.poll() is None
    importer.send_signal(signal.SIGKILL)
    finish(importer)
    engine.dispose()
    assert reached and still_running, "the import ended before it could be killed"
    assert importer.returncode == -signal.SIGKILL

    if scratch_url.startswith("sqlite"):
        _sqlite_integrity(scratch_url)
    committed = _assert_whole(scratch_app, expected)
    assert KILL_AFTER <= committed < DOCUMENTS

    rerun = kp_process(scratch_url, tmp_path / "instance", "import", str(folder))
    out, err = finish(rerun)
    assert rerun.returncode == 0, err
    new = DOCUMENTS - committed
    assert f"new {new}, updated 0, unchanged {committed}, skipped 0, failed 0" in out

    if scratch_url.startswith("sqlite"):
        _sqlite_integrity(scratch_url)
    assert _assert_whole(scratch_app, expected) == DOCUMENTS
    with scratch_app.app_context():
        assert db.session.scalar(select(func.count(SourceDocument.id))) == DOCUMENTS
        numbers = db.session.scalars(select(Project.registration_number)).all()
        assert set(numbers) == expected
        runs = db.session.scalars(select(ImportRun).order_by(ImportRun.id)).all()
        # The second run closed the killed one as interrupted, counting what it had stored,
        # then finished and counted what it found.
        assert [run.finished_at is not None for run in runs] == [True, True]
        assert [was_interrupted(run) for run in runs] == [True, False]
        assert (runs[0].new_count, runs[0].failed_count) == (committed, 0)
        assert (runs[1].new_count, runs[1].unchanged_count) == (new, committed)
    assert not list(tmp_path.glob("*.lock")), "the killed run's lock file is left behind"
