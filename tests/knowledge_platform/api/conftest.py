"""Data for the API tests: the search corpus, a relation, and a pager's worth of projects."""
from __future__ import annotations

import pytest

from knowledge_platform.db import db
from knowledge_platform.models import ProjectRelation, RelationKind
from tests.factories import record, store
from tests.knowledge_platform.search import corpus


@pytest.fixture
def ids(app) -> dict[str, int]:
    """The search corpus (six published projects, one draft) by key."""
    with app.app_context():
        found = corpus.load()
        db.session.add(ProjectRelation(from_project_id=found["plzen_children"],
                                       to_project_id=found["brno_interpreting"],
                                       kind=RelationKind.PREDECESSOR_OF))
        db.session.add(ProjectRelation(from_project_id=found["liberec_draft"],
                                       to_project_id=found["brno_interpreting"],
                                       kind=RelationKind.SAME_SERIES))
        db.session.commit()
        return found


@pytest.fixture
def many(app) -> list[int]:
    """25 published projects in Olomouc, one per start year from 2000."""
    with app.app_context():
        return [
            store(record(title=f"Komunitní tlumočení v Olomouci {number}",
                         regions=["CZ071"], start=f"{2000 + number}-01-01",
                         start_precision="year", budget_czk=1000.0 * number,
                         budget_amount=1000.0 * number)).project.id
            for number in range(25)
        ]
