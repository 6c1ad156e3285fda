"""`kp import --jobs N`: worker processes read and extract, the run stores in input order, so
records and outcomes are those of one process; a failing file fails alone, as it does there."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from knowledge_platform.db import db
from knowledge_platform.ingest import prepared, workers
from knowledge_platform.ingest.runs import prepared_documents
from knowledge_platform.ingest.workers import WorkerError, prepared_in_workers
from knowledge_platform.models import ImportRun, Organisation, Project, ProjectRelation
from tests.conftest import make_app

FIXTURES = Path(__file__).resolve().parents[2] / "importers" / "readers" / "fixtures"
DOCUMENTS = ("kurzy_plzen_cp1250.txt", "integracni_centrum.html", "tlumoceni_brno.docx",
             "kurzy_plzen.pdf", "spatna_castka.csv", "projekt_simi_styl.txt", "empty.txt",
             "garbage.txt", "amif_centrum_bom.txt", "tlumoceni_iso8859-2.txt")
MAX_BYTES = 1_000_000


@pytest.fixture
def inbox(tmp_path) -> Path:
    """More files than one task takes: readable, failing, a changed copy, hidden ones, a
    subfolder, and links that a folder walk refuses."""
    folder = tmp_path / "inbox"
    (folder / "more").mkdir(parents=True)
    for name in DOCUMENTS:
        shutil.copy(FIXTURES / name, folder / name)
    shutil.copy(FIXTURES / "projects_utf8.csv", folder / "more" / "projects.csv")
    changed = (FIXTURES / "kurzy_plzen_cp1250.txt").read_bytes() + b"\r\nDoba realizace: 2020\r\n"
    (folder / "more" / "kurzy_znovu.txt").write_bytes(changed)
    (folder / "notes.xyz").write_text("unknown type")
    (folder / ".hidden.txt").write_text("Projekt, který nikdo nemá vidět.")
    (folder / "link_to_more").symlink_to(folder / "more")
    (folder / "broken_link.txt").symlink_to(folder / "missing.txt")
    return folder


def _report(output: str) -> list[str]:
    """The command's line per file and its summary (not the log lines, which carry times)."""
    return [line for line in output.splitlines() if not line.startswith("{")]


def _stored(app) -> dict:
    """What an import left in the database, in a form two databases can compare."""
    with app.app_context():
        projects = [
            (p.id, p.title_cs, p.title_en, p.registration_number, p.start_date, p.end_date,
             p.budget_total, p.status, p.language,
             [link.organisation.name for link in p.organisations],
             [term.code for term in (*p.regions, *p.funders, *p.activities, *p.target_groups)],
             [(s.location, s.content_hash, s.media_type) for s in p.sources],
             sorted((c.field, str(c.candidates)) for c in p.conflicts))
            for p in db.session.scalars(select(Project).order_by(Project.id))]
        organisations = [
            (o.id, o.name, sorted(a.key for a in o.aliases))
            for o in db.session.scalars(select(Organisation).order_by(Organisation.id))]
        relations = [(r.from_project_id, r.to_project_id, r.kind)
                     for r in db.session.scalars(select(ProjectRelation))]
        run = db.session.scalars(select(ImportRun)).one()
        counts = (run.new_count, run.updated_count, run.unchanged_count, run.skipped_count,
                  run.failed_count, run.errors)
        db.session.remove()
    return {"projects": projects, "organisations": organisations, "relations": relations,
            "run": counts}


def test_jobs_store_the_same_records_with_the_same_outcomes(runner, app, inbox, tmp_path,
                                                            migrated_sqlite):
    parallel = runner.invoke(args=["import", "--jobs", "2", str(inbox)])
    shutil.copy(migrated_sqlite, tmp_path / "one.db")
    one = make_app(f"sqlite:///{tmp_path / 'one.db'}", tmp_path / "one-instance")
    sequential = one.test_cli_runner().invoke(args=["import", str(inbox)])

    assert parallel.exit_code == sequential.exit_code == 1  # some files fail in both
    assert _report(parallel.output) == _report(sequential.output)
    failed = [line for line in parallel.output.splitlines() if line.startswith("failed")]
    for name in ("empty.txt", "garbage.txt", "notes.xyz", "spatna_castka.csv#row-3",
                 "link_to_more", "broken_link.txt"):
        assert any(name in line for line in failed), (name, failed)
    assert ".hidden" not in parallel.output
    assert "updated" in parallel.output  # the changed copy met its first version
    stored = _stored(app)
    assert stored == _stored(one)
    assert len(stored["projects"]) >= 6
    with one.app_context():
        db.engine.dispose()


@pytest.mark.parametrize("start_method", ["fork", "spawn", "forkserver"])
def test_workers_hand_back_what_one_process_reads(inbox, start_method):
    paths = [str(inbox), str(FIXTURES / "kurzy_plzen.pdf"), str(inbox / "nothing-here")]
    expected = list(prepared_documents(paths, MAX_BYTES))
    got = list(prepared_in_workers(paths, MAX_BYTES, 2, start_method=start_method))
    assert got == expected
    assert [item.location for item in got][-1].endswith("nothing-here")
    assert got[-1].problem == "no such file or folder"


def test_an_extraction_error_in_a_worker_is_reported_as_in_one_process(inbox, monkeypatch):
    original = prepared.extract

    def fail_for_html(document):
        if document.source.endswith(".html"):
            raise RuntimeError("extractor bug\nsecond line")
        return original(document)

    monkeypatch.setattr(prepared, "extract", fail_for_html)
    expected = list(prepared_documents([str(inbox)], MAX_BYTES))
    got = list(prepared_in_workers([str(inbox)], MAX_BYTES, 2, start_method="fork"))
    assert got == expected  # the error objects aside: those do not compare
    (failed,) = [item for item in got if item.location.endswith(".html")]
    assert failed.record is None and failed.problem == "RuntimeError: extractor bug"
    assert isinstance(failed.error, WorkerError)
    assert "fail_for_html" in str(failed.error)  # the worker's traceback goes to the log


def test_a_worker_that_dies_fails_its_file_alone(inbox, monkeypatch):
    original = workers.prepare

    def die_on_pdf(item):
        if item.source.endswith(".pdf"):
            os._exit(3)  # as a crash in a native library would end the process
        return original(item)

    monkeypatch.setattr(workers, "prepare", die_on_pdf)
    expected = list(prepared_documents([str(inbox)], MAX_BYTES))
    got = list(prepared_in_workers([str(inbox)], MAX_BYTES, 2, start_method="fork"))
    assert [item.location for item in got] == [item.location for item in expected]
    for item, before in zip(got, expected, strict=True):
        if item.location.endswith(".pdf"):
            assert item.record is None
            assert "ended abruptly" in item.problem
        else:
            assert item == before


def test_jobs_must_be_at_least_one(runner, inbox):
    result = runner.invoke(args=["import", "--jobs", "0", str(inbox)])
    assert result.exit_code == 2
    assert "--jobs" in result.output
