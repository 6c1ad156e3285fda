"""The search index follows every change in the same transaction, and can be rebuilt."""
from __future__ import annotations

import pytest
from sqlalchemy import select, text

from knowledge_platform.db import db
from knowledge_platform.models import Organisation, Project, SearchDocument
from knowledge_platform.search.index import analysed_fields, check
from tests.factories import record, store


def _matches(term: str) -> set[int]:
    """Project ids whose index holds ``term``, asked of the engine's own full-text index."""
    if db.engine.dialect.name == "sqlite":
        sql = "SELECT rowid FROM search_fts WHERE search_fts MATCH :q"
        return set(db.session.scalars(text(sql), {"q": f'"{term}"'}))
    sql = "SELECT project_id FROM search_vector WHERE tsv @@ to_tsquery('simple', :q)"
    return set(db.session.scalars(text(sql), {"q": term}))


def test_new_project_is_indexed_with_analysed_terms(app):
    with app.app_context():
        project = store(record(title="Kurzy češtiny pro ukrajinské rodiny")).project
        row = db.session.get(SearchDocument, project.id)
        assert row.title.split()[0] == analysed_fields(project)["title"].split()[0]
        (term,) = {t for t in row.title.split() if t.startswith("rodin")}
        assert _matches(term) == {project.id}


def test_update_is_in_the_index_at_once(app):
    with app.app_context():
        project = store(record(title="Kurzy češtiny")).project
        project.title_cs = "Tlumočnické služby"
        db.session.commit()
        row = db.session.get(SearchDocument, project.id)
        assert "kurz" not in row.title
        new_term = row.title.split()[0]
        assert _matches(new_term) == {project.id}
        assert check() == []


def test_renaming_an_organisation_reindexes_its_projects(app):
    with app.app_context():
        project = store(record(implementer="Poradna Plzeň")).project
        organisation = db.session.scalars(select(Organisation)).one()
        organisation.name = "Integrační centrum Zlín"
        db.session.commit()
        assert "zlin" in db.session.get(SearchDocument, project.id).body
        assert check() == []


def test_deleting_a_project_removes_it_from_the_index(app):
    with app.app_context():
        project = store(record(title="Kurzy češtiny")).project
        term = db.session.get(SearchDocument, project.id).title.split()[0]
        db.session.delete(project)
        db.session.commit()
        assert _matches(term) == set()
        assert db.session.scalars(select(SearchDocument)).all() == []


def test_check_finds_missing_and_stale_rows_and_rebuild_repairs(app, runner):
    with app.app_context():
        first = store(record(title="Kurzy češtiny")).project
        second = store(record(title="Právní poradenství")).project
        db.session.execute(text("DELETE FROM search_document WHERE project_id = :id"),
                           {"id": first.id})
        db.session.execute(text("UPDATE search_document SET title = 'old' WHERE project_id = :id"),
                           {"id": second.id})
        db.session.commit()
        db.session.expire_all()
        assert sorted(check()) == [(first.id, "missing"), (second.id, "stale")]
    result = runner.invoke(args=["index", "check"])
    assert result.exit_code == 1
    assert f"project {first.id}: missing" in result.output
    result = runner.invoke(args=["index", "rebuild"])
    assert result.exit_code == 0
    assert "indexed 2 projects" in result.output
    assert runner.invoke(args=["index", "check"]).exit_code == 0
    with app.app_context():
        row = db.session.get(SearchDocument, first.id)
        assert _matches(row.title.split()[0]) == {first.id}
        assert db.session.scalar(select(Project.id).where(Project.id == second.id))


@pytest.mark.postgres
def test_check_finds_drifted_tsvectors_and_rebuild_repairs(app, runner):
    """On PostgreSQL the tsvector lives in its own table; check compares it with the text."""
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("the tsvector table is PostgreSQL's")
        first = store(record(title="Kurzy češtiny")).project
        second = store(record(title="Právní poradenství")).project
        term = db.session.get(SearchDocument, second.id).title.split()[0]
        db.session.execute(text("DELETE FROM search_vector WHERE project_id = :id"),
                           {"id": first.id})
        db.session.execute(text("UPDATE search_vector SET tsv = to_tsvector('simple', 'old') "
                                "WHERE project_id = :id"), {"id": second.id})
        db.session.commit()
        assert sorted(check()) == [(first.id, "tsvector missing"),
                                   (second.id, "tsvector stale")]
        assert _matches(term) == set()
    assert runner.invoke(args=["index", "check"]).exit_code == 1
    assert runner.invoke(args=["index", "rebuild"]).exit_code == 0
    assert runner.invoke(args=["index", "check"]).exit_code == 0
    with app.app_context():
        assert _matches(term) == {second.id}
