"""`kp import` and `kp extract` on real documents: the seeds, fixtures and bad input."""
from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from knowledge_platform.db import db
from knowledge_platform.models import (
    FieldConflict,
    ImportRun,
    Organisation,
    Project,
    ProjectRelation,
    SourceDocument,
    Status,
)

FIXTURES = Path(__file__).resolve().parents[2] / "importers" / "readers" / "fixtures"


def _documents(seeds: Path) -> list[str]:
    """The seed documents (the folder also holds expected.json, which is no document)."""
    return sorted(str(path) for path in seeds.glob("*.txt"))


def _project_of(name: str) -> Project:
    document = db.session.scalars(
        select(SourceDocument).where(SourceDocument.location.endswith(name))
    ).one()
    return document.project


def test_seeds_import_with_the_expected_merges(seeds, runner, app):
    result = runner.invoke(args=["import", *_documents(seeds)])
    assert result.exit_code == 0, result.output
    assert "new 4, updated 1, unchanged 0, skipped 0, failed 0" in result.output
    expected = json.loads((seeds / "expected.json").read_text("utf-8"))
    with app.app_context():
        assert db.session.scalar(select(func.count(Project.id))) == 4
        for name, fields in expected.items():
            if name.startswith("_"):
                continue
            project = _project_of(name)
            assert project.status is Status.DRAFT
            titles = {project.title_cs, project.title_en}
            assert fields["title"] in titles, name
            for code_field in ("funders", "regions"):
                if code_field in fields:
                    assert {t.code for t in getattr(project, code_field)} >= set(
                        fields[code_field]), (name, code_field)
        # Same project: one record with both sources, the end dates kept as a conflict.
        first, second = expected["_merging"]["same_project"][0]
        merged = _project_of(first)
        assert _project_of(second).id == merged.id
        assert len(merged.sources) == 2
        conflict = db.session.scalars(
            select(FieldConflict).where(FieldConflict.project_id == merged.id)).one()
        assert conflict.field == "end_date"
        assert {c["value"] for c in conflict.candidates} == {"2020-07-31", "2020-12-31"}
        assert merged.end_date == date(2020, 7, 31)  # the later source's value shows
        # Related, not merged: the two JMK centre projects are linked for a curator.
        one, other = expected["_merging"]["related_not_merged"][0]
        pair = {_project_of(one).id, _project_of(other).id}
        assert len(pair) == 2
        relation = db.session.scalars(select(ProjectRelation)).one()
        assert {relation.from_project_id, relation.to_project_id} == pair
        # "Jihomoravský kraj" and "South Moravian Region" are one organisation.
        assert _project_of(one).implementer.id == _project_of(other).implementer.id
        run = db.session.scalars(select(ImportRun)).one()
        assert (run.new_count, run.updated_count, run.failed_count) == (4, 1, 0)


def test_reimport_is_unchanged_and_dry_run_stores_nothing(seeds, runner, app):
    dry = runner.invoke(args=["import", "--dry-run", *_documents(seeds)])
    assert dry.exit_code == 0
    assert "dry run, nothing stored: new 4" in dry.output
    with app.app_context():
        assert db.session.scalar(select(func.count(Project.id))) == 0
        assert db.session.scalar(select(func.count(ImportRun.id))) == 0
    runner.invoke(args=["import", "--publish", *_documents(seeds)])
    again = runner.invoke(args=["import", *_documents(seeds)])
    assert "new 0, updated 0, unchanged 5" in again.output
    with app.app_context():
        assert db.session.scalar(select(func.count(Project.id))) == 4
        assert {p.status for p in db.session.scalars(select(Project))} == {Status.PUBLISHED}


def test_bad_files_are_reported_and_the_rest_goes_on(runner, app, tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    for name in ("empty.txt", "garbage.txt", "kurzy_plzen_truncated.pdf", "bez_textu.html",
                 "spatna_castka.csv", "kurzy_plzen_cp1250.txt", "integracni_centrum.html"):
        shutil.copy(FIXTURES / name, folder / name)
    (folder / "notes.xyz").write_text("unknown type")
    result = runner.invoke(args=["import", str(folder)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    failed = [line for line in lines if line.startswith("failed")]
    for name in ("empty.txt", "garbage.txt", "kurzy_plzen_truncated.pdf", "bez_textu.html",
                 "spatna_castka.csv#row-3", "notes.xyz"):
        assert any(name in line for line in failed), (name, failed)
    assert all(line.count(":") >= 1 and len(line) < 400 for line in failed)
    assert "Traceback" not in result.output
    with app.app_context():
        run = db.session.scalars(select(ImportRun)).one()
        assert run.failed_count == len(failed)
        assert {error["source"].split("/")[-1] for error in run.errors} >= {
            "empty.txt", "garbage.txt", "notes.xyz"}
        stored = db.session.scalar(select(func.count(SourceDocument.id)))
        assert stored == run.new_count + run.updated_count + run.skipped_count
        assert run.new_count >= 4  # two texts, and the readable CSV rows


def test_file_over_the_size_limit_is_refused(runner, app, tmp_path):
    app.config["IMPORT_MAX_BYTES"] = 100
    big = tmp_path / "big.txt"
    big.write_text("Projekt Kurzy češtiny v Brně. " * 20)
    result = runner.invoke(args=["import", str(big)])
    assert result.exit_code == 1
    assert "big.txt" in result.output and "limit" in result.output
    with app.app_context():
        assert db.session.scalar(select(func.count(Project.id))) == 0


def test_a_failing_record_rolls_back_alone(runner, app, tmp_path, monkeypatch):
    from knowledge_platform.ingest import new_project

    original = new_project._organisations

    def explode_for_one(record):
        if "Plzn" in (record.get("title") or "") or "Plzeň" in (record.get("title") or ""):
            raise RuntimeError("disk on fire")
        return original(record)

    monkeypatch.setattr(new_project, "_organisations", explode_for_one)
    shutil.copy(FIXTURES / "kurzy_plzen_cp1250.txt", tmp_path / "a.txt")
    shutil.copy(FIXTURES / "integracni_centrum.html", tmp_path / "b.html")
    result = runner.invoke(args=["import", str(tmp_path)])
    assert "a.txt: RuntimeError: disk on fire" in result.output
    with app.app_context():
        projects = db.session.scalars(select(Project)).all()
        assert len(projects) == 1
        assert all("Plz" not in (p.title_cs + p.title_en) for p in projects)
        documents = db.session.scalars(select(SourceDocument)).all()
        assert [d.location.endswith("b.html") for d in documents] == [True]
        assert db.session.scalar(select(func.count(Organisation.id))) >= 1


def test_extract_prints_records_without_touching_the_database(seeds, runner, app):
    result = runner.invoke(args=["extract", str(seeds / "001_3feebe292964d5a1.txt"),
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    (record,) = json.loads(result.output)
    assert record["source"].endswith("001_3feebe292964d5a1.txt")
    assert record["registration_number"] == "AMIF/28/04"
    assert record["start"] == "2021-01-01" and record["end"] == "2022-12-31"
    assert record["evidence"]["registration_number"]
    with app.app_context():
        assert db.session.scalar(select(func.count(SourceDocument.id))) == 0


def test_extract_gives_one_record_per_bulk_row_and_reports_errors(runner):
    result = runner.invoke(args=["extract", str(FIXTURES / "spatna_castka.csv"),
                                 str(FIXTURES / "empty.txt")])
    assert result.exit_code == 1
    records = json.loads(result.stdout)
    assert [r["source"].split("#")[1] for r in records] == ["row-1", "row-2", "row-4"]
    assert "spatna_castka.csv#row-3" in result.stderr
    assert "empty.txt" in result.stderr


def test_source_url_is_stored_shown_and_searched(runner, app, client, tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "tlumoceni.txt").write_text(
        "Tlumočení pro rodiny v Liberci\n\nRealizátor: Diecézní charita Litoměřice\n"
        "Doba realizace: 2023\n\nProjekt nabízí tlumočení rodinám s dětmi v Liberci.\n\n"
        "Zdroj: https://www.dchltm.cz/tlumoceni\n", encoding="utf-8")
    assert runner.invoke(args=["import", "--publish", str(folder)]).exit_code == 0
    with app.app_context():
        source = db.session.scalars(select(SourceDocument)).one()
        assert source.url == "https://www.dchltm.cz/tlumoceni"
        assert source.location.endswith("tlumoceni.txt")
        project_id = source.project_id
    page = client.get(f"/en/projects/{project_id}", follow_redirects=True)
    assert b'href="https://www.dchltm.cz/tlumoceni"' in page.data
    found = json.loads(runner.invoke(args=["search", "tlumočení", "--format", "json"]).output)
    assert found["hits"][0]["sources"] == ["https://www.dchltm.cz/tlumoceni"]
