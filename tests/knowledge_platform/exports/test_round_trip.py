"""An export re-imported into an empty database reproduces the same projects."""
from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import delete, func, select

from importers import ReadError
from knowledge_platform.db import db
from knowledge_platform.ingest.bulk import BulkLoader
from knowledge_platform.ingest.runs import extract_all, import_paths
from knowledge_platform.models import ImportRun, Organisation, Project, Role, SourceDocument
from tests.knowledge_platform.exports.conftest import published_projects

MAX_BYTES = 20_000_000


def _essentials(project: Project) -> dict:
    """What must survive the round trip, keyed so that ids (which change) do not matter."""
    return {
        "title_cs": project.title_cs if project.language == "cs" else "",
        "title_en": project.title_en if project.language == "en" else "",
        "language": project.language,
        # The importer joins a summary's lines into one paragraph.
        "summary": " ".join((project.summary_cs if project.language == "cs"
                             else project.summary_en).split()),
        "implementer": project.implementer.name if project.implementer else None,
        "partners": sorted(o.name for o in project.organisations_in(Role.PARTNER)),
        "registration_number": project.registration_number,
        "regions": sorted(t.code for t in project.regions),
        "funders": sorted(t.code for t in project.funders),
        "activities": sorted(t.code for t in project.activities),
        "target_groups": sorted(t.code for t in project.target_groups),
        "start": project.start_date,
        "end": project.end_date,
        "budget_total": project.budget_total,
        "subsidy": project.subsidy,
        "currency": project.currency,
    }


def _snapshot() -> list[dict]:
    return sorted((_essentials(p) for p in published_projects()),
                  key=lambda e: e["title_cs"] or e["title_en"])


def _differences(after: list[dict], before: list[dict]) -> list:
    """(field, before, after) of every value that did not survive; [] when all did."""
    assert len(after) == len(before)
    return [(name, old[name], new[name]) for new, old in zip(after, before, strict=True)
            for name in old if old[name] != new[name]]


def _empty_database() -> None:
    for model in (SourceDocument, Project, Organisation, ImportRun):
        db.session.execute(delete(model))
    db.session.commit()
    assert db.session.scalar(select(func.count(Project.id))) == 0


def _download(client, path: str, target: Path) -> Path:
    response = client.get(path)
    assert response.status_code == 200
    target.write_bytes(response.get_data())
    return target


@pytest.mark.parametrize("path, name", [
    ("/api/v1/projects.csv", "projects.csv"),
    ("/api/v1/projects.csv?dialect=semicolon", "projects-semicolon.csv"),
    ("/api/v1/projects.jsonl", "projects.jsonl"),
    ("/api/v1/projects.xlsx", "projects.xlsx"),
])
def test_export_imported_into_an_empty_database_gives_the_same_projects(
        app, client, stored, tmp_path, path, name):
    exported = _download(client, path, tmp_path / name)
    with app.app_context():
        before = _snapshot()
        assert len(before) == 8
        _empty_database()
        report = import_paths([str(exported)], max_bytes=MAX_BYTES, publish=True)
        assert report.counts["new"] == 8, [(r.source, r.status, r.message)
                                          for r in report.results]
        assert _differences(_snapshot(), before) == []


def test_jsonl_export_loads_through_the_bulk_loader(app, client, stored, tmp_path):
    exported = _download(client, "/api/v1/projects.jsonl", tmp_path / "projects.jsonl")
    with app.app_context():
        before = _snapshot()
        _empty_database()
        records = list(extract_all([str(exported)], MAX_BYTES))
        assert not [r for r in records if isinstance(r, ReadError)]
        assert BulkLoader().load(records) == 8
        assert _differences(_snapshot(), before) == []
