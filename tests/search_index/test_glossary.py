"""The bilingual glossary: its data, and queries that search both languages with it."""
from __future__ import annotations

import pytest

from search_index import glossary, parse_query, to_fts5
from search_index.analysis import analyse


def test_the_glossary_holds_at_least_400_usable_pairs_in_both_directions():
    pairs = glossary.pairs()
    assert len(set(pairs)) == len(pairs) >= 400
    for czech, english in pairs:
        assert analyse(czech, "cs") and analyse(english, "en"), (czech, english)
    for pair in [("adaptační skupina", "adaptation group"), ("doučování", "tutoring"),
                 ("komunitní centrum", "community centre"), ("tlumočení", "interpreting"),
                 ("dočasná ochrana", "temporary protection")]:
        assert pair in pairs


@pytest.mark.parametrize("query, also, phrase", [
    ("adaptační skupiny", "adaptation group", '"adapt group"'),
    ("adaptacni skupiny", "adaptation group", '"adapt group"'),
    ("adaptation groups", "adaptační skupina", '"adaptacn skupin"'),
    ("doucovani", "tutoring", '"tutor"'),
    ("tutoring", "doučování", '"doucovan"'),
    ("komunitním centru", "community centre", '"communiti center"'),
    ('"temporary protection"', "dočasná ochrana", '"docasn ochran"'),
])
def test_a_term_in_either_language_also_searches_its_equivalent(query, also, phrase):
    parsed = parse_query(query)
    assert also in parsed.also_searched
    assert phrase in to_fts5(parsed.ast)


@pytest.fixture
def small_glossary(monkeypatch):
    rows = (("komunitní centrum", "community centre"), ("centrum", "centre"),
            ("doučování", "tutoring"), ("mentoring", "mentoring"))
    monkeypatch.setattr(glossary, "data_rows", lambda name: rows)
    glossary._table.cache_clear()
    yield
    glossary._table.cache_clear()


def test_the_longest_run_wins_and_other_words_stay_as_they_were(small_glossary):
    parsed = parse_query("komunitní centrum Brno")
    assert parsed.also_searched == ["community centre"]
    expression = to_fts5(parsed.ast)
    assert '"communiti center"' in expression and '"center"' not in expression
    assert expression.endswith('("brn" OR "brno"))')


def test_excluded_words_are_not_said_to_be_searched_and_same_words_are_not_repeated(
        small_glossary):
    assert parse_query("kurzy -doučování").also_searched == []
    assert parse_query("mentoring").also_searched == []
    assert parse_query("doučování OR centrum").also_searched == ["tutoring", "centre"]
