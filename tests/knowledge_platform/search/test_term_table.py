"""PostgreSQL's search_term table: the lexemes of every tsvector, kept by triggers."""
from __future__ import annotations

import pytest
from sqlalchemy import text

from knowledge_platform.db import db
from knowledge_platform.models import Organisation, Project, SearchDocument
from knowledge_platform.search import bitmaps, term_table
from knowledge_platform.search.bitmaps import ids_of
from knowledge_platform.search.index import check, rebuild
from knowledge_platform.search.text_match import driver_rows
from search_index import parse_query, to_tsquery
from tests.factories import record, store

LEXEMES = ("SELECT DISTINCT project_id, unnest(tsvector_to_array(tsv)) "
           "FROM search_document ORDER BY 1, 2")
TERMS = "SELECT project_id, term FROM search_term ORDER BY 1, 2"


@pytest.fixture(autouse=True)
def _postgresql_only(database_url):
    if not database_url.startswith("postgresql"):
        pytest.skip("search_term exists on PostgreSQL only")


def _in_step() -> list:
    """The (project, term) rows, asserted equal to the lexemes of the tsvectors."""
    terms = db.session.execute(text(TERMS)).all()
    assert terms == db.session.execute(text(LEXEMES)).all()
    return terms


def _terms_of(project_id: int) -> set[str]:
    return set(db.session.scalars(
        text("SELECT term FROM search_term WHERE project_id = :id"), {"id": project_id}))


def test_terms_follow_insert_update_rename_and_delete(app):
    with app.app_context():
        first = store(record(title="Kurzy češtiny v Jihlavě", implementer="Charita Kolín"))
        second = store(record(title="Právní poradenství v Brně"))
        first_id, second_id = first.project.id, second.project.id
        assert "jihlav" in _terms_of(first_id) and _in_step()

        db.session.get(Project, first_id).title_cs = "Tlumočení v Ostravě"
        db.session.commit()
        assert "ostrav" in _terms_of(first_id) and "jihlav" not in _terms_of(first_id)
        _in_step()

        organisation = db.session.scalars(db.select(Organisation).where(
            Organisation.name == "Charita Kolín")).one()
        organisation.name = "Diakonie Třebíč"
        db.session.commit()
        assert "diakoni" in _terms_of(first_id) and "charit" not in _terms_of(first_id)
        _in_step()

        db.session.delete(db.session.get(Project, second_id))
        db.session.commit()
        assert _terms_of(second_id) == set()
        assert {pid for pid, _ in _in_step()} == {first_id}


def test_a_rolled_back_change_leaves_the_terms_as_they_were(app):
    with app.app_context():
        project_id = store(record(title="Kurzy češtiny v Jihlavě")).project.id
        before = _in_step()
        db.session.get(Project, project_id).title_cs = "Tlumočení v Ostravě"
        db.session.flush()
        assert "ostrav" in _terms_of(project_id)  # written in the same transaction
        db.session.rollback()
        assert _in_step() == before


def test_search_matches_what_the_tsvector_matches(app):
    """Every kind of query node answered from search_term agrees with ``tsv @@ tsquery``."""
    with app.app_context():
        for title in ("Kurzy češtiny v Jihlavě", "Kurzy angličtiny v Brně",
                      "Integrace cizinců v Praze", "Dočasná ochrana v Brně",
                      "Poradenství pro ukrajinské rodiny", "Ochrana dočasná, Brno"):
            store(record(title=title, implementer="Charita", regions=["CZ010"]))
        index = bitmaps.current(db.session.connection())
        sizes = set()
        for query in ("kurzy", "kurzy -Brno", "Brno OR Jihlava", "integr*", "ochran*",
                      '"dočasná ochrana"', "-Praha", "Praha kurzy", "Praha OR -Brno",
                      "ukrajinské rodiny poradenství", "nic takového"):
            ast = parse_query(query).ast
            found = set(ids_of(term_table.matching_bitmap(ast, driver_rows, index.everyone)))
            truth = set(db.session.scalars(text(
                "SELECT project_id FROM search_document WHERE tsv @@ to_tsquery('simple', :q)"),
                {"q": to_tsquery(ast)}))
            assert found == truth, query
            sizes.add(len(found))
        assert 0 in sizes and len(sizes) >= 4  # the queries are not all alike


def test_check_reports_drift_and_rebuild_repairs_it(app, runner):
    with app.app_context():
        kept = store(record(title="Kurzy češtiny v Jihlavě")).project.id
        changed = store(record(title="Právní poradenství v Brně")).project.id
        db.session.execute(text("DELETE FROM search_term WHERE project_id = :id"), {"id": kept})
        db.session.execute(text("INSERT INTO search_term VALUES ('nonsense', :id)"),
                           {"id": changed})
        db.session.commit()
        assert sorted(check()) == [(kept, "search terms stale"), (changed, "search terms stale")]
    assert runner.invoke(args=["index", "check"]).exit_code == 1
    with app.app_context():
        assert rebuild() == 2
        _in_step()
        assert check() == []
        assert db.session.get(SearchDocument, kept) is not None
