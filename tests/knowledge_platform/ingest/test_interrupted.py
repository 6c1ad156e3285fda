"""Import runs whose process died are closed as interrupted by the next import or a curator's
page; a run whose process still holds its lock never is. (A real SIGKILL: resilience/test_crash.)
"""
from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select, update

from knowledge_platform.db import db
from knowledge_platform.ingest import liveness, runs
from knowledge_platform.ingest.liveness import (
    INTERRUPTED,
    close_interrupted_runs,
    hold_run,
    was_interrupted,
)
from knowledge_platform.ingest.runs import import_paths
from knowledge_platform.ingest.store import Source, store_record
from knowledge_platform.models import ImportRun
from tests.factories import record
from tests.knowledge_platform.accounts.conftest import login, make_user

TEXT = """Název projektu: Kurzy češtiny pro cizince v {town}
Realizátor: Centrum pro integraci cizinců {town}
Kraj: Jihomoravský kraj
Období: 2019–2021
"""

STORED = [
    dict(title="Tlumočení pro cizince v Brně", implementer="Diecézní charita Brno",
         regions=["CZ064"]),
    dict(title="Právní poradna pro uprchlíky v Ostravě", implementer="Poradna pro integraci",
         regions=["CZ080"], funders=["EEA_NORWAY"]),
]


@pytest.fixture
def curator(app, client):
    make_user(app, "curator@example.org", role="curator")
    assert login(client, "curator@example.org").status_code == 302
    return client


def _document(folder: Path, town: str) -> str:
    folder.mkdir(exist_ok=True)
    path = folder / f"{town.lower()}.txt"
    path.write_text(TEXT.format(town=town), encoding="utf-8")
    return str(path)


def _started_run(stored: int) -> int:
    """An unfinished run that stored ``stored`` new projects, as a run stores them."""
    run = ImportRun(started_by="kp import")
    db.session.add(run)
    db.session.commit()
    for fields in STORED[:stored]:
        data = record(**fields)
        outcome = store_record(data, Source(data["source"], content_hash=data["title"]),
                               run_id=run.id, actor=run.started_by)
        db.session.commit()
        assert outcome.status == "new"
    return run.id


def _die(run_id: int) -> None:
    """What SIGKILL leaves of a run's lock: nothing held, and on SQLite its file still there."""
    with hold_run(run_id):
        path = liveness._lock_file(run_id)
    if path:
        Path(path).touch()


def _dashboard_state(client, run_id: int) -> str:
    page = BeautifulSoup(client.get("/en/curate/").data, "html.parser")
    for row in page.select("tr.import-run"):
        if row.select_one("a")["href"].endswith(f"/imports/{run_id}"):
            return row.select("td")[-1].get_text(strip=True)
    raise AssertionError(f"run {run_id} is not on the dashboard")


def test_a_dead_run_is_closed_as_interrupted_by_the_next_import(app, curator, tmp_path):
    with app.app_context():
        dead = _started_run(stored=2)
        _die(dead)
        report = import_paths([_document(tmp_path / "in", "Brno")], max_bytes=1_000_000)
        assert report.counts["new"] == 1
        run = db.session.get(ImportRun, dead)
        assert run.finished_at is not None and was_interrupted(run)
        assert (run.new_count, run.updated_count, run.skipped_count, run.failed_count) == (
            2, 0, 0, 0)
        assert [error["reason"] for error in run.errors] == [INTERRUPTED]
        later = report.run_id
        db.session.remove()
    assert not list(tmp_path.glob("*.lock")), "lock files are left behind"
    assert _dashboard_state(curator, dead) == "interrupted"
    assert _dashboard_state(curator, later) not in ("interrupted", "not finished")
    page = BeautifulSoup(curator.get(f"/en/curate/imports/{dead}").data, "html.parser")
    assert page.select_one(".run-meta .run-interrupted").get_text(strip=True).startswith(
        "Interrupted:")
    # Its two stored projects are listed; the marker is no failed file.
    outcomes = [row.select_one(".file-outcome").get_text(strip=True)
                for row in page.select("tr.run-file")]
    assert outcomes == ["New", "New"]


def test_the_dashboard_closes_a_dead_run_without_an_import(app, curator):
    with app.app_context():
        dead = _started_run(stored=1)
        _die(dead)
        db.session.remove()
    assert _dashboard_state(curator, dead) == "interrupted"


def test_a_run_whose_process_holds_its_lock_is_never_closed(app, curator, tmp_path):
    with app.app_context():
        run = ImportRun(started_by="kp import on another server")
        db.session.add(run)
        db.session.flush()
        live = run.id
        with hold_run(live):  # as import_paths holds it, on its own connection or file
            db.session.commit()
            import_paths([_document(tmp_path / "in", "Zlin")], max_bytes=1_000_000)
            assert close_interrupted_runs() == []
            assert db.session.get(ImportRun, live).finished_at is None
            db.session.remove()
            assert _dashboard_state(curator, live) == "not finished"
            page = curator.get(f"/en/curate/imports/{live}").get_data(as_text=True)
            assert "Not finished." in page and "Interrupted" not in page
        # The lock went with its "process": now the run is known to be dead.
        assert close_interrupted_runs() == [live]


def test_a_run_that_finishes_during_the_check_keeps_its_results(app, monkeypatch):
    with app.app_context():
        run_id = _started_run(stored=0)

        def finish_meanwhile(run_ids):
            # The run commits its finish and gives up its lock between the read and the check.
            db.session.execute(update(ImportRun).where(ImportRun.id == run_id).values(
                finished_at=datetime.now(UTC), new_count=5, errors=[]))
            db.session.commit()
            return set()

        monkeypatch.setattr(liveness, "_live_runs", finish_meanwhile)
        assert close_interrupted_runs() == []
        run = db.session.scalars(select(ImportRun).where(ImportRun.id == run_id)).one()
        assert (run.new_count, run.errors) == (5, [])


def test_sqlite_lock_file_lives_as_long_as_the_run(app, tmp_path, monkeypatch):
    seen: list[Path] = []

    def look() -> list[int]:
        seen.extend(tmp_path.glob("*.lock"))  # while the run is going
        return close_interrupted_runs()

    monkeypatch.setattr(runs, "close_interrupted_runs", look)
    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            pytest.skip("SQLite's lock is a file; PostgreSQL's an advisory lock")
        report = import_paths([_document(tmp_path / "in", "Ostrava")], max_bytes=1_000_000)
    assert [path.name for path in seen] == [f"kp.db-import-{report.run_id}.lock"]
    assert not seen[0].exists()
