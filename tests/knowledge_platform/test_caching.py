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
