"""Migrations build the schema from empty and agree with the models."""
from __future__ import annotations

import re

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, inspect, select, text

from knowledge_platform.db import MIGRATIONS, db, include_object
from knowledge_platform.models import VOCABULARIES
from tests.conftest import POSTGRES_URL, SHARED, make_app

COMPARE = {"compare_type": True, "include_object": include_object}


def _fresh_app(tmp_path, database_url=None):
    return make_app(database_url or f"sqlite:///{tmp_path / 'empty.db'}", tmp_path / "instance")


def test_upgrade_from_empty_creates_every_table(tmp_path):
    app = _fresh_app(tmp_path)
    with app.app_context():
        assert inspect(db.engine).get_table_names() == []
        upgrade(directory=MIGRATIONS)
        tables = set(inspect(db.engine).get_table_names())
    assert set(db.metadata.tables) <= tables
    assert "alembic_version" in tables


def test_models_agree_with_latest_migration(app):
    with app.app_context(), db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts=COMPARE)
        differences = compare_metadata(context, db.metadata)
    assert differences == []


def test_downgrade_to_base_and_up_again(tmp_path):
    app = _fresh_app(tmp_path)
    with app.app_context():
        upgrade(directory=MIGRATIONS)
        downgrade(directory=MIGRATIONS, revision="base")
        assert set(inspect(db.engine).get_table_names()) == {"alembic_version"}
        upgrade(directory=MIGRATIONS)
        assert db.session.scalar(select(db.func.count()).select_from(VOCABULARIES["region"])) == 16


def _vocabulary_md() -> dict[str, list[tuple[str, ...]]]:
    """The tables of VOCABULARY.md: section title -> rows of cells."""
    text = (SHARED / "VOCABULARY.md").read_text("utf-8")
    sections: dict[str, list[tuple[str, ...]]] = {}
    for block in re.split(r"^## ", text, flags=re.M)[1:]:
        title = block.splitlines()[0]
        rows = [
            tuple(cell.strip() for cell in line.strip().strip("|").split("|"))
            for line in block.splitlines()
            if line.startswith("|") and not line.startswith("|---")
        ]
        sections[title] = rows[1:]
    return sections


@pytest.mark.skipif(not (SHARED / "VOCABULARY.md").exists(), reason="../shared not present")
def test_vocabularies_match_vocabulary_md(app):
    sections = _vocabulary_md()
    expected = {
        "region": sections["Regions: CZ-NUTS 3 (kraje), plus two pseudo-regions"],
        "funder": sections["Funders and programmes"],
        "activity": sections["Activity types"],
        "target_group": sections["Target groups"],
    }
    with app.app_context():
        for name, rows in expected.items():
            terms = db.session.scalars(
                select(VOCABULARIES[name]).order_by(VOCABULARIES[name].position)
            ).all()
            assert [term.code for term in terms] == [row[0] for row in rows], name
            if name != "funder":  # the funders table gives a meaning, not labels
                assert [(t.label_cs, t.label_en) for t in terms] == [r[1:3] for r in rows], name
            assert all(term.label_cs and term.label_en for term in terms)


@pytest.fixture
def empty_postgres(tmp_path):
    """An app on a new, empty PostgreSQL database, dropped afterwards."""
    if not POSTGRES_URL:
        pytest.skip("TEST_DATABASE_URL is not set")
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text("DROP DATABASE IF EXISTS kp_migration_test"))
        connection.execute(text("CREATE DATABASE kp_migration_test"))
    app = _fresh_app(tmp_path, POSTGRES_URL.rsplit("/", 1)[0] + "/kp_migration_test")
    try:
        yield app
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
        with admin.connect() as connection:
            connection.execute(text("DROP DATABASE IF EXISTS kp_migration_test"))
        admin.dispose()


@pytest.mark.postgres
def test_upgrade_from_empty_on_postgresql(empty_postgres):
    with empty_postgres.app_context():
        upgrade(directory=MIGRATIONS)
        assert set(db.metadata.tables) <= set(inspect(db.engine).get_table_names())
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts=COMPARE)
            assert compare_metadata(context, db.metadata) == []


def _postgresql_matches(table: str) -> dict[str, set[int]]:
    """Project ids per indexed title term, asked of the tsvector column of ``table``."""
    terms = {term for title in db.session.scalars(text("SELECT title FROM search_document"))
             for term in title.split()}
    matches = {term: set(db.session.scalars(text(
        f"SELECT project_id FROM {table} WHERE tsv @@ to_tsquery('simple', :q)"),
        {"q": f"'{term}'"})) for term in terms}
    db.session.rollback()  # a migration must not wait for this transaction's locks
    return matches


@pytest.mark.postgres
def test_search_vector_migration_keeps_every_match_both_ways(empty_postgres):
    """0008 moves the tsvector to its own table; the same terms find the same projects."""
    from knowledge_platform.search.index import check
    from tests.factories import record, store

    with empty_postgres.app_context():
        # Stored by today's models, then taken back to the schema before 0008.
        upgrade(directory=MIGRATIONS)
        for title in ("Kurzy češtiny pro děti", "Tlumočení v Brně", "Kurzy pro rodiny"):
            store(record(title=title))
        db.session.remove()
        downgrade(directory=MIGRATIONS, revision="0007")
        before = _postgresql_matches("search_document")
        assert sorted(map(len, before.values())) == [1, 1, 1, 1, 1, 2]  # "kurzy" twice
        upgrade(directory=MIGRATIONS)
        assert _postgresql_matches("search_vector") == before
        assert "tsv" not in {c["name"] for c in inspect(db.engine).get_columns("search_document")}
        assert check() == []
        db.session.rollback()
        downgrade(directory=MIGRATIONS, revision="0007")
        assert _postgresql_matches("search_document") == before
        assert not inspect(db.engine).has_table("search_vector")
        downgrade(directory=MIGRATIONS, revision="base")
        assert set(inspect(db.engine).get_table_names()) == {"alembic_version"}
        functions = ("SELECT count(*) FROM pg_proc "
                     "WHERE pronamespace = current_schema()::regnamespace")
        assert db.session.scalar(text(functions)) == 0


def test_migrations_keep_the_data_of_rebuilt_tables(tmp_path):
    """SQLite rebuilds a table to alter it; rows that refer to it must survive that."""
    from tests.factories import record, store

    app = _fresh_app(tmp_path)
    tables = ("project", "project_region", "project_funder", "project_organisation",
              "organisation_alias", "search_document", "source_document")

    def counts() -> dict[str, int]:
        return {table: db.session.execute(text(f"SELECT count(*) FROM {table}")).scalar()
                for table in tables}

    with app.app_context():
        upgrade(directory=MIGRATIONS)
        for number in range(3):
            store(record(partners=[f"Partner {number}"], registration_number=f"CZ.K/{number}"))
        before = counts()
        assert all(before.values()), before
        downgrade(directory=MIGRATIONS, revision="0006")
        assert counts() == before
        upgrade(directory=MIGRATIONS)
        assert counts() == before


def test_badge_reason_goes_to_its_language_and_back(tmp_path):
    """0010 splits the reason by the project's language, in the columns and in the history."""
    from knowledge_platform.history import record_revision, snapshot
    from knowledge_platform.models import Project, Revision, RevisionKind
    from tests.factories import record, store

    app = _fresh_app(tmp_path)
    with app.app_context():
        upgrade(directory=MIGRATIONS)
        project_id = store(record(title="Welcome courses", language="en")).project.id
        project = db.session.get(Project, project_id)
        before = snapshot(project)
        project.good_practice, project.good_practice_reason_en = True, "Cheap to copy."
        record_revision(project, before, RevisionKind.BADGE)
        db.session.commit()
        db.session.remove()
        downgrade(directory=MIGRATIONS, revision="0009")
        assert db.session.execute(text(
            "SELECT good_practice_reason FROM project")).scalar() == "Cheap to copy."
        changes = db.session.scalars(select(Revision.changes)).all()
        assert {"good_practice", "good_practice_reason"} in [set(c) for c in changes]
        db.session.remove()
        upgrade(directory=MIGRATIONS)
        project = db.session.get(Project, project_id)
        assert (project.good_practice_reason_cs, project.good_practice_reason_en) == (
            "", "Cheap to copy.")
        changes = db.session.scalars(select(Revision.changes)).all()
        assert {"good_practice", "good_practice_reason_en"} in [set(c) for c in changes]
