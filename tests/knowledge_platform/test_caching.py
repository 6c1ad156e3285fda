"""Figures cached per search generation: reused while the data stands, fresh after a change."""
from __future__ import annotations

from knowledge_platform import statistics
from knowledge_platform.db import db
from knowledge_platform.models import Project, Status
from tests.factories import record, store


def test_figures_are_reused_until_a_project_changes(app, client):
    with app.app_context():
        project = store(record(title="Kurzy češtiny v Jihlavě", regions=["CZ063"])).project
        first = statistics.totals()
        assert statistics.totals() is first  # nothing changed: the same object
        assert first.projects == 1
        project.status = Status.DRAFT
        db.session.commit()
        assert statistics.totals().projects == 0
        store(record(title="Tlumočení v Brně", regions=["CZ064"]))
        assert statistics.totals().projects == 1
        assert db.session.get(Project, project.id).status == Status.DRAFT
    # The pages show the same fresh figures.
    home = client.get("/cs/").get_data(as_text=True)
    assert "Tlumočení v Brně" in home and "Kurzy češtiny v Jihlavě" not in home


def test_a_transaction_with_its_own_changes_neither_reads_nor_fills_the_cache(app):
    with app.app_context():
        project = store(record(title="Kurzy češtiny v Jihlavě", regions=["CZ063"])).project
        assert statistics.totals().projects == 1
        project.status = Status.DRAFT
        db.session.flush()  # bumps the generation inside this transaction only
        assert statistics.totals().projects == 0
        db.session.rollback()
        # The rolled-back generation number comes again with the next change; what the
        # rolled-back transaction saw must not be taken for it.
        store(record(title="Tlumočení v Brně", regions=["CZ064"]))
        assert statistics.totals().projects == 2


def test_organisation_list_counts_follow_changes(app, client):
    with app.app_context():
        store(record(title="Kurzy češtiny v Jihlavě", implementer="Charita Jihlava"))
        second = store(record(title="Tlumočení v Jihlavě", implementer="Charita Jihlava"))
        second = second.project.id
    items = client.get("/api/v1/organisations?sort=projects").get_json()["items"]
    assert [(item["name"], item["project_count"]) for item in items] == [("Charita Jihlava", 2)]
    with app.app_context():
        db.session.get(Project, second).status = Status.DRAFT
        db.session.commit()
    items = client.get("/api/v1/organisations?sort=projects&q=charita").get_json()["items"]
    assert [(item["name"], item["project_count"]) for item in items] == [("Charita Jihlava", 1)]
