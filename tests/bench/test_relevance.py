"""The relevance suite (bench/relevance.py): its judgements, its measures, and the engine's
figures kept as a regression guard (SQLite pass only: the suite builds its own file)."""
from __future__ import annotations

import math
import os
from collections import Counter

import pytest

from bench import relevance


def test_measures_on_hand_worked_rankings():
    grades = {1: 3, 2: 2, 3: 0, 4: 1}
    assert relevance.ndcg([1, 2, 4], grades) == pytest.approx(1.0)
    ideal = 7 + 3 / math.log2(3) + 1 / 2
    assert relevance.ndcg([2, 1], grades) == pytest.approx((3 + 7 / math.log2(3)) / ideal)
    assert relevance.ndcg([3, 5], grades) == 0.0
    assert relevance.recall([2, 3, 9], grades) == 0.5  # one of the two graded 2 or 3
    assert relevance.jaccard([1, 2, 3], [2, 3, 4]) == 0.5


def test_the_judgements_cover_what_the_suite_must_measure():
    suite = relevance.load_suite()
    ids = {item["id"] for item in suite}
    languages = Counter(item["language"] for item in suite)
    kinds = Counter(kind for item in suite for kind in item["kinds"])
    assert len(suite) >= 80 and languages["cs"] >= 40 and languages["en"] >= 40
    assert kinds["no_diacritics"] >= 10 and kinds["negation"] >= 3
    for kind in ("short", "long", "place", "organisation", "activity", "target"):
        assert kinds[kind] >= 8, kind
    pairs = 0
    for item in suite:
        assert max(item["judgements"].values()) >= 2, item["id"]
        other = item.get("counterpart")
        if other:
            assert other in ids
            twin = next(candidate for candidate in suite if candidate["id"] == other)
            assert twin["counterpart"] == item["id"] and twin["language"] != item["language"]
            pairs += 1
    assert pairs // 2 >= 30


@pytest.fixture(scope="module")
def figures(tmp_path_factory):
    if os.environ.get("TEST_DATABASE_URL"):
        pytest.skip("the relevance suite builds its own SQLite demo database; the SQLite "
                    "pass runs it")
    app = relevance.build_demo(tmp_path_factory.mktemp("relevance"))
    return relevance.evaluate(app, relevance.load_suite())


def test_every_judged_record_is_in_the_demo_corpus(figures):
    assert figures["overall"]["queries"] == len(relevance.load_suite())


def test_the_engine_meets_the_targets_and_beats_plain_fts5(figures):
    overall = figures["overall"]
    assert overall["ndcg"] >= 0.8
    assert overall["jaccard"] >= 0.6
    assert overall["ndcg"] > overall["plain_ndcg"] + 0.2
    assert overall["recall"] > overall["plain_recall"]
    # A record that states the opposite of the query never comes first; the suite can
    # tell, since without moving such hits down one does.
    assert overall["negation_trap_first"] == 0 < overall["unguarded_negation_trap_first"]
