"""A new project written with plain INSERTs reads back exactly as the ORM and its hooks
would have written it: index row, history, organisations and duplicate links."""
from __future__ import annotations

from sqlalchemy import select

from knowledge_platform.db import db
from knowledge_platform.history import snapshot
from knowledge_platform.history.snapshot import differences
from knowledge_platform.ingest.runs import import_paths
from knowledge_platform.models import Project, ProjectRelation, Revision, Role, SourceDocument
from knowledge_platform.search import index
from knowledge_platform.search.generations import changed_since, state
from tests.factories import record, store


def test_imported_seeds_read_back_as_written(app, seeds):
    with app.app_context():
        before, _ = state(db.session.connection())
        report = import_paths([str(seeds)], max_bytes=5_000_000, started_by="tester")
        assert index.check() == []  # every row equals what the flush hook would analyse
        projects = db.session.scalars(select(Project)).all()
        assert report.counts["new"] == len(projects) >= 3
        after, _ = state(db.session.connection())
        assert changed_since(db.session.connection(), before, after) == {
            project.id for project in projects}
        for project in projects:
            first = project.revisions[0]
            assert first.actor == "tester" and first.import_run_id == report.run_id
            if len(project.revisions) == 1:
                assert first.changes == differences({}, snapshot(project))
            roles = [link.role for link in project.organisations]
            assert roles == sorted(roles, key=str)  # implementers, then partners
            assert [link.position for link in project.organisations
                    if link.role == Role.PARTNER] == list(range(roles.count(Role.PARTNER)))
            assert all(document.outcome in ("new", "updated") for document in project.sources)


def test_a_new_project_is_linked_to_its_likely_twin_and_flagged_for_review(app):
    with app.app_context():
        first = store(record(title="Kurzy češtiny pro rodiče v Kolíně", start="2024-09-01",
                             end="2025-06-30", confidence={"title": 0.2})).project
        second = store(record(title="Kurzy češtiny pro rodiče v Kolíně – jaro",
                              start="2024-09-01", end="2025-06-30"), publish=False).project
        relation = db.session.scalars(select(ProjectRelation)).one()
        assert {relation.from_project_id, relation.to_project_id} == {first.id, second.id}
        counts = dict(db.session.execute(select(SourceDocument.project_id,
                                                SourceDocument.uncertain_count)).all())
        assert counts == {first.id: 1, second.id: 0}
        assert (first.status, second.status) == ("published", "draft")
        assert first.slug == "kurzy-cestiny-pro-rodice-v-koline"
        assert db.session.scalar(select(Revision.changes).where(
            Revision.project_id == second.id))["status"] == {"old": None, "new": "draft"}
