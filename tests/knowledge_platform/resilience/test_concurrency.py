"""Concurrency: two `kp import` processes at once, and two writers editing one project.

Imports run as real processes on a scratch database of each engine (SQLite in WAL mode with a
busy timeout, PostgreSQL): neither may see "database is locked" or any other database error,
nothing may be lost, and documents both of them read are stored once.
"""
from __future__ import annotations

import re
import shutil

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from knowledge_platform.db import db
from knowledge_platform.models import Organisation, OrganisationAlias, Project, SourceDocument
from tests.factories import record, store
from tests.knowledge_platform.resilience.conftest import finish, kp_process
from tests.knowledge_platform.resilience.documents import registration_number, write_corpus

SUMMARY = re.compile(r"new (\d+), updated (\d+), unchanged (\d+), skipped (\d+), failed (\d+)")


def _import_together(url: str, tmp_path, *folders) -> list[tuple[int, ...]]:
    """Run one `kp import` per folder at the same time; each run's summary counts."""
    processes = [kp_process(url, tmp_path / f"instance-{n}", "import", str(folder))
                 for n, folder in enumerate(folders)]
    counts = []
    for process in processes:
        out, err = finish(process)
        assert "locked" not in err.lower() and "OperationalError" not in err, err
        assert process.returncode == 0, err
        counts.append(tuple(int(n) for n in SUMMARY.search(out).groups()))
    return counts


def _stored(app) -> tuple[list[str], int]:
    """(registration numbers of all projects, number of source documents)."""
    with app.app_context():
        numbers = db.session.scalars(select(Project.registration_number)).all()
        sources = db.session.scalar(select(func.count(SourceDocument.id)))
        db.session.rollback()
    return numbers, sources


def _assert_no_duplicate_organisations(app) -> None:
    with app.app_context():
        names = db.session.scalars(select(Organisation.name)).all()
        assert len(names) == len(set(names))
        keys = db.session.scalars(select(OrganisationAlias.key)).all()
        assert len(keys) == len(set(keys))
        db.session.rollback()


def test_two_imports_of_different_folders_lose_nothing(scratch_url, scratch_app, tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    write_corpus(first, 40)
    write_corpus(second, 40, start=40)  # shares implementers with the first folder
    counts = _import_together(scratch_url, tmp_path, first, second)
    assert counts == [(40, 0, 0, 0, 0), (40, 0, 0, 0, 0)]
    numbers, sources = _stored(scratch_app)
    assert sorted(numbers) == sorted(registration_number(i) for i in range(80))
    assert sources == 80
    _assert_no_duplicate_organisations(scratch_app)


def test_two_imports_of_the_same_documents_store_them_once(scratch_url, scratch_app, tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    write_corpus(first, 40)
    shutil.copytree(first, second)  # the same files in the same order: the closest race
    counts = _import_together(scratch_url, tmp_path, first, second)
    new = [count[0] for count in counts]
    unchanged = [count[2] for count in counts]
    assert sum(new) == 40 and sum(unchanged) == 40
    assert all(count[4] == 0 for count in counts)
    numbers, sources = _stored(scratch_app)
    assert sorted(numbers) == sorted(registration_number(i) for i in range(40))
    assert sources == 40
    _assert_no_duplicate_organisations(scratch_app)


def test_second_of_two_concurrent_edits_fails_instead_of_overwriting(app):
    with app.app_context():
        project_id = store(record(title="Adaptačně integrační kurzy")).project.id
        engine = db.engine
    # Two curators' sessions read the same version, then both change the project.
    with Session(engine) as alice, Session(engine) as bob:
        mine, theirs = alice.get(Project, project_id), bob.get(Project, project_id)
        assert mine.row_version == theirs.row_version
        read_version = mine.row_version
        mine.title_cs = "Adaptačně integrační kurzy v Brně"
        alice.commit()
        theirs.summary_cs = "Kurzy pro nově příchozí cizince."
        with pytest.raises(StaleDataError):
            bob.commit()
        bob.rollback()
    with app.app_context():
        project = db.session.get(Project, project_id)
        assert project.title_cs == "Adaptačně integrační kurzy v Brně"
        assert project.summary_cs != "Kurzy pro nově příchozí cizince."
        assert project.row_version == read_version + 1
        # Bob reads the project afresh and applies his change on top: both edits remain.
        project.summary_cs = "Kurzy pro nově příchozí cizince."
        db.session.commit()
        db.session.expire_all()
        project = db.session.get(Project, project_id)
        assert (project.title_cs, project.summary_cs, project.row_version) == (
            "Adaptačně integrační kurzy v Brně", "Kurzy pro nově příchozí cizince.",
            read_version + 2)
