"""The bulk path writes the same projects, links and index rows as the per-document path."""
from __future__ import annotations

from sqlalchemy import func, select

from knowledge_platform.db import db
from knowledge_platform.ingest.bulk import BulkLoader
from knowledge_platform.models import Organisation, Project, SourceDocument, Status
from knowledge_platform.search.index import check
from knowledge_platform.search.params import SearchParams
from knowledge_platform.search.service import search
from tests.factories import record
from tests.knowledge_platform.search import corpus


def _records() -> list[dict]:
    return [record(**fields) for fields in corpus.PROJECTS.values()]


def test_bulk_load_writes_projects_links_and_a_current_index(app):
    with app.app_context():
        seen = []
        loaded = BulkLoader(batch_size=4).load(_records(), progress=seen.append)
        assert loaded == len(corpus.PROJECTS)
        assert seen == [4, len(corpus.PROJECTS)]
        assert check() == []  # exactly what the ORM hook would have written
        projects = db.session.scalars(select(Project).order_by(Project.id)).all()
        assert {p.status for p in projects} == {Status.PUBLISHED}
        first = projects[0]
        assert first.title_cs == corpus.PROJECTS["brno_interpreting"]["title"]
        assert [t.code for t in first.funders] == ["MV_CR", "MUNICIPALITY"]
        assert first.implementer.name == "Diecézní charita Brno"
        assert first.start_precision == "month"
        assert [t.code for t in first.terms("kind")] == ["PROJECT"]  # the default kind
        assert db.session.scalar(select(func.count(SourceDocument.id))) == loaded


def test_bulk_loaded_projects_are_searchable_and_organisations_shared(app):
    with app.app_context():
        loader = BulkLoader()
        loader.load(_records())
        loader.load([record(title="Další projekt charity", implementer="Diecézní charita Brno")])
        charity = db.session.scalars(
            select(Organisation).where(Organisation.name == "Diecézní charita Brno")).all()
        assert len(charity) == 1
        assert len(charity[0].roles) == 2
        result = search(SearchParams(q="kurzy cestiny v Brne"))
        assert [hit["title"] for hit in result.hits] == [
            corpus.PROJECTS["brno_interpreting"]["title"]]
