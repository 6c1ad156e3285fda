"""`kp demo`: the whole demo corpus loads, idempotently, and covers what newcomers expect."""
from __future__ import annotations

from collections import Counter

from sqlalchemy import func, select

from knowledge_platform.db import db
from knowledge_platform.models import (
    VOCABULARIES,
    FieldConflict,
    ImportRun,
    OrganisationType,
    Project,
    ProjectRelation,
    RelationKind,
    Role,
    Status,
)

LISTS = {"region": "regions", "funder": "funders", "activity": "activities",
         "target_group": "target_groups"}


def test_demo_corpus_loads_idempotently_and_covers_the_vocabularies(runner, app):
    first = runner.invoke(args=["demo"])
    assert first.exit_code == 0, first.output
    assert "failed 0" in first.output
    with app.app_context():
        projects = db.session.scalars(select(Project)).all()
        assert len(projects) >= 120
        assert {project.status for project in projects} == {Status.PUBLISHED}
        for facet, attribute in LISTS.items():
            used = {term.code for project in projects for term in getattr(project, attribute)}
            codes = set(db.session.scalars(select(VOCABULARIES[facet].code)))
            # "other" is the catch-all no real description needs.
            assert codes - {"other"} <= used, (facet, codes - used)
        years = {p.start_date.year for p in projects if p.start_date}
        assert min(years) <= 2006 and max(years) >= 2024 and len(years) >= 15
        assert all(any(source.url and source.url.startswith(("http://", "https://"))
                       for source in project.sources) for project in projects)
        languages = Counter(project.language for project in projects)
        assert 0.25 <= languages["en"] / len(projects) <= 0.45
        implementer_types = {link.organisation.type for project in projects
                             for link in project.organisations if link.role == Role.IMPLEMENTER}
        assert {OrganisationType.NGO, OrganisationType.MUNICIPALITY, OrganisationType.REGION,
                OrganisationType.MINISTRY} <= implementer_types
        kinds = Counter(db.session.scalars(select(ProjectRelation.kind)))
        assert kinds[RelationKind.SAME_SERIES] >= 2
        assert kinds[RelationKind.POSSIBLE_DUPLICATE] >= 1
        assert db.session.scalar(select(func.count(FieldConflict.id))) >= 2
        assert sum(project.good_practice for project in projects) >= 3

    second = runner.invoke(args=["demo"])
    assert second.exit_code == 0, second.output
    assert "new 0, updated 0" in second.output
    with app.app_context():
        assert db.session.scalar(select(func.count(Project.id))) == len(projects)
        assert db.session.scalar(select(func.count(ImportRun.id))) == 2
