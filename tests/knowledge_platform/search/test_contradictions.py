"""A hit whose text states the opposite of the query moves down (search/contradictions.py)."""
from __future__ import annotations

import pytest

from knowledge_platform.db import db
from knowledge_platform.search import contradictions
from knowledge_platform.search.params import SearchParams
from knowledge_platform.search.service import search
from tests.factories import record, store


def _ids(q: str, per_page: int = 20, page: int = 1) -> list[int]:
    params = SearchParams.of(q=q, per_page=per_page, page=page)
    return [hit["id"] for hit in search(params).hits]


@pytest.fixture
def opposite(app):
    """A project that says interpreting and children in its title and excludes Ukrainians,
    one that is about them, and filler that mentions interpreting only."""
    with app.app_context():
        ids = {
            "opposite": store(record(
                language="en", title="Interpreting for children",
                summary="The city worked with Mongolian families rather than with Ukrainian "
                        "newcomers.")).project.id,
            "right": store(record(
                language="en", title="Family support",
                summary="Interpreting at school for Ukrainian children and their parents, "
                        "with tutoring after lessons and a long list of other services.",
            )).project.id,
        }
        for number in range(12):
            ids[f"filler{number}"] = store(record(
                language="en", title=f"Support {number}",
                summary="Interpreting for children and Ukrainian parents in offices, "
                        f"counselling and courses for adults, year {number}.")).project.id
        yield ids


def test_a_project_that_excludes_what_is_asked_for_is_not_first(opposite, app, monkeypatch):
    with app.app_context():
        monkeypatch.setattr(contradictions, "DEMOTION", 0)
        unguarded = _ids("interpreting Ukrainian children")
        plain = _ids("interpreting children")
        monkeypatch.undo()
        ranked = _ids("interpreting Ukrainian children")
        place = unguarded.index(opposite["opposite"])
        if db.engine.dialect.name == "sqlite":  # bm25 puts its title match first
            assert place == 0
        assert ranked.index(opposite["opposite"]) == min(
            place + contradictions.DEMOTION, len(ranked) - 1)
        assert ranked[0] != opposite["opposite"]
        # Not asked about Ukrainians, it keeps its place.
        assert _ids("interpreting children") == plain


def test_pages_agree_with_the_whole_ranking(opposite, app):
    with app.app_context():
        whole = _ids("interpreting Ukrainian children", per_page=100)
        pages = [pid for page in (1, 2, 3) for pid in
                 _ids("interpreting Ukrainian children", per_page=5, page=page)]
        assert pages == whole[:15] and len(set(whole)) == len(whole) == 14
