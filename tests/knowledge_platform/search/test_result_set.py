"""Relaxed result sets for long queries (search/result_set.py)."""
from __future__ import annotations

import pytest

from knowledge_platform.search import result_set
from knowledge_platform.search.params import SearchParams
from knowledge_platform.search.service import matching_ids, search
from tests.factories import record, store


def test_projects_are_grouped_by_the_parts_they_match():
    first, second, third = 0b0111, 0b0110, 0b1100
    assert result_set._groups([first, second, third]) == {
        (True, False, False): 0b0001, (True, True, False): 0b0010,
        (True, True, True): 0b0100, (False, False, True): 0b1000}


@pytest.fixture
def towns(app):
    """One project with every word of a long question, two missing a common word, one
    missing the rare one (the town), and filler that has only the common words."""
    with app.app_context():
        ids = {
            "all": store(record(title="Adaptační skupiny pro děti v Jihlavě",
                                summary="Město pomohlo dětem ve školách.")).project.id,
            "no_help": store(record(title="Adaptační skupiny v Jihlavě",
                                    summary="Pro děti ve školách.")).project.id,
            "no_help_2": store(record(title="Kurzy pro děti v Jihlavě",
                                      summary="Adaptační skupiny ve školách.")).project.id,
            "no_town": store(record(title="Adaptační skupiny pro děti",
                                    summary="Město pomohlo dětem ve školách.")).project.id,
        }
        for number in range(12):
            ids[f"filler{number}"] = store(record(
                title=f"Pomoc rodinám {number}",
                summary="Město pomohlo rodinám.")).project.id
        yield ids


def test_a_long_question_adds_projects_missing_common_words_after_the_full_matches(
        towns, app):
    with app.app_context():
        query = "jak město pomohlo dětem v Jihlavě adaptační skupiny ve školách"
        result = search(SearchParams.of(q=query, per_page=50))
        ranked = [hit["id"] for hit in result.hits]
        assert result.fallback == "most"
        assert ranked[0] == towns["all"]
        assert set(ranked[1:3]) == {towns["no_help"], towns["no_help_2"]}
        assert not any(towns[f"filler{number}"] in ranked for number in range(12))
        assert sorted(ranked) == matching_ids(SearchParams.of(q=query))
        # A short query keeps every word required.
        short = search(SearchParams.of(q="adaptační skupiny Jihlava", per_page=50))
        assert short.fallback is None
        assert {hit["id"] for hit in short.hits} == {
            towns["all"], towns["no_help"], towns["no_help_2"]}


def test_enough_full_matches_are_not_relaxed(towns, app, monkeypatch):
    monkeypatch.setattr(result_set, "ENOUGH", 1)
    with app.app_context():
        query = "jak město pomohlo dětem v Jihlavě adaptační skupiny ve školách"
        result = search(SearchParams.of(q=query))
        assert result.fallback is None and result.total == 1
