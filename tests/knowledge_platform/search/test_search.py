"""The search behaviour users rely on, on SQLite FTS5 and (in CI) PostgreSQL."""
from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from werkzeug.datastructures import MultiDict

from knowledge_platform.catalogue import FACETS
from knowledge_platform.db import db
from knowledge_platform.models import Project, Status
from knowledge_platform.search import bitmap_cache, postgresql_text, text_match
from knowledge_platform.search.params import ParameterError, SearchParams
from knowledge_platform.search.schema import parse_params
from knowledge_platform.search.service import search
from search_index import parse_query
from tests.knowledge_platform.search import corpus


@pytest.fixture
def ids(app):
    with app.app_context():
        yield corpus.load()


def find(ids, q="", language="cs", **filters):
    """Keys of the corpus projects a search returns, in result order."""
    by_id = {value: key for key, value in ids.items()}
    params = SearchParams.of(q=q, per_page=100, **filters)
    result = search(params, language=language)
    return [by_id[hit["id"]] for hit in result.hits], result


@pytest.mark.parametrize("query", [
    "kurzy češtiny v Brně", "kurzy cestiny v Brne", "kurzem češtiny Brno",
    "tlumočení pro rodiny z Ukrajiny", "tlumoceni pro rodiny z ukrajiny",
])
def test_inflected_czech_with_and_without_diacritics(ids, query):
    keys, _ = find(ids, query)
    assert keys == ["brno_interpreting"]


def test_czech_inflection_finds_locative_place_names(ids):
    assert find(ids, "Ostrava")[0] == ["ostrava_legal"]
    assert find(ids, "v Ostrave")[0] == ["ostrava_legal"]
    assert find(ids, "Plzen")[0] == ["plzen_children"]


def test_distractors_do_not_meet(ids):
    # "krajina" (landscape) must not find projects that only say "kraj" (region).
    assert find(ids, "krajina")[0] == ["landscape"]
    assert find(ids, "krajiny")[0] == ["landscape"]


def test_english_stemming_and_spelling_variants(ids):
    keys, _ = find(ids, "counseling refugee", language="en")
    assert keys[0] == "prague_refugees"
    assert find(ids, "lawyer advising", language="en")[0] == ["prague_refugees"]


def test_english_concept_query_finds_czech_descriptions(ids):
    keys, _ = find(ids, "legal counselling")
    assert set(keys) == {"ostrava_legal", "prague_refugees"}
    keys, _ = find(ids, "Czech language courses")
    assert set(keys) == {"brno_interpreting", "plzen_children"}


def test_concept_still_needs_the_other_words(ids):
    keys, _ = find(ids, "Czech language courses Plzeň")
    assert keys == ["plzen_children"]


@pytest.mark.parametrize("rest", ["Plzeň", '"ukrajinským rodinám"', "cizinců -Plzeň"])
def test_concept_carriers_looked_up_match_as_the_scan_does(ids, monkeypatch, rest):
    """PostgreSQL looks a few carriers up one by one; the answer must equal the scan's."""
    index = bitmap_cache.current(db.session.connection())
    ast = parse_query(rest).ast
    scanned = text_match._text_bitmap(ast, index)
    carriers = index.everyone()
    monkeypatch.setattr(postgresql_text, "FEW", 10**9)
    looked_up = text_match._rest_bitmap(ast, carriers, index, ("test", rest))
    assert looked_up & carriers == scanned & carriers
    assert 0 < (scanned & carriers).bit_count() < carriers.bit_count()


def test_phrase_exclusion_and_prefix(ids):
    assert find(ids, '"ukrajinským rodinám"')[0] == ["brno_interpreting"]
    assert find(ids, '"rodinám ukrajinským"')[0] == []
    keys, _ = find(ids, "cizinců -Plzeň")
    assert "plzen_children" not in keys and "ostrava_legal" in keys
    # The title, and the activity label "integrační … aktivity" both of them carry.
    assert set(find(ids, "integrac*")[0]) == {"prague_centre", "landscape"}
    keys, _ = find(ids, "-Praha")
    assert "prague_centre" not in keys and "ostrava_legal" in keys


@pytest.mark.parametrize("query", [
    'NEAR(" OR )', "title:x", '"', "*", "-", "OR OR", "'; DROP TABLE project; --",
    "kurzy AND", "(((", "^češtiny",
])
def test_bad_syntax_never_raises(ids, query):
    _, result = find(ids, query)
    assert result.total >= 0
    assert db.session.get(Project, ids["ostrava_legal"]) is not None


def test_or_fallback_when_no_project_has_every_word(ids):
    keys, result = find(ids, "Ostrava Plzeň")
    assert result.fallback == "or"
    assert set(keys) == {"ostrava_legal", "plzen_children"}
    _, result = find(ids, "Ostrava")
    assert result.fallback is None


def test_did_you_mean_for_misspelt_words(ids):
    _, result = find(ids, "poradenstvy")
    if result.total == 0:
        assert result.suggestion == "poradenstvi"
    _, result = find(ids, "Ostrafa")
    assert result.total == 0
    assert result.suggestion in ("ostrava", "ostrave")
    assert find(ids, result.suggestion)[0] == ["ostrava_legal"]


def test_no_suggestion_when_only_the_filters_leave_nothing(ids, monkeypatch):
    # Building the vocabulary is the expensive part: it must not even start.
    monkeypatch.setattr(text_match, "_vocabulary_cache", {})
    keys, result = find(ids, "Ostrava", region=("CZ010",))
    assert keys == [] and result.total == 0
    assert result.suggestion is None
    assert text_match._vocabulary_cache == {}
    find(ids, "Ostrafa")
    assert text_match._vocabulary_cache != {}


def test_drafts_are_not_found(ids):
    assert find(ids, "Liberec")[0] == []


@pytest.mark.parametrize(("filters", "expected"), [
    ({"region": ("CZ010",)}, {"prague_refugees", "prague_centre"}),
    ({"region": ("CZ010", "CZ080")}, {"prague_refugees", "prague_centre", "ostrava_legal"}),
    ({"funder": ("AMIF",)}, {"ostrava_legal", "prague_centre"}),
    ({"activity": ("legal_counselling",)}, {"ostrava_legal", "prague_refugees"}),
    ({"target_group": ("children_youth",)}, {"plzen_children"}),
    ({"region": ("CZ010",), "funder": ("AMIF",)}, {"prague_centre"}),
    ({"year_from": 2017, "year_to": 2019}, {"ostrava_legal", "prague_centre"}),
    ({"year_from": 2022}, {"brno_interpreting"}),
    ({"year_to": 2009}, {"plzen_children"}),
    ({"decade": (2000,)}, {"plzen_children"}),
    ({"decade": (2000, 2020)}, {"plzen_children", "brno_interpreting", "prague_centre"}),
    ({"budget_min": 1000000}, {"ostrava_legal", "prague_centre"}),
    ({"budget_max": 500000}, {"brno_interpreting", "plzen_children"}),
    ({"lang": "en"}, {"prague_refugees"}),
])
def test_filters(ids, filters, expected):
    assert set(find(ids, **filters)[0]) == expected


def test_good_practice_filter(ids):
    project = db.session.get(Project, ids["plzen_children"])
    project.good_practice = True
    db.session.commit()
    assert find(ids, good_practice=True)[0] == ["plzen_children"]
    assert "plzen_children" not in find(ids, good_practice=False)[0]


def _independent_counts(facet: str, chosen: dict) -> Counter:
    """Facet counts computed in Python from the corpus definition, not from SQL."""
    field = {found.name: found.field for found in FACETS}  # no town here: no size either
    counts: Counter = Counter()
    for fields in corpus.PROJECTS.values():
        fields = {"kinds": ["PROJECT"], **fields}  # a record's kind unless it names one
        if all(set(fields.get(field[other], [])) & set(codes)
               for other, codes in chosen.items() if other != facet):
            counts.update(fields.get(field[facet], []))
    return counts


@pytest.mark.parametrize("chosen", [{}, {"region": ("CZ010",)},
                                    {"region": ("CZ010",), "activity": ("legal_counselling",)}])
def test_facet_counts_match_an_independent_count(ids, chosen):
    _, result = find(ids, **chosen)
    for facet in result.facets:
        if facet["name"] == "decade":
            continue
        got = {value["code"]: value["count"] for value in facet["values"]}
        expected = _independent_counts(facet["name"], chosen)
        assert got == {code: n for code, n in expected.items()} | {
            code: 0 for code in chosen.get(facet["name"], ()) if code not in expected}


def test_facet_shape_and_toggle_links(ids):
    _, result = find(ids, region=("CZ010",))
    region = next(facet for facet in result.facets if facet["name"] == "region")
    prague = next(value for value in region["values"] if value["code"] == "CZ010")
    assert prague == {"code": "CZ010", "label": "Hlavní město Praha", "count": 2,
                      "selected": True, "toggle": "?per_page=100"}
    brno = next(value for value in region["values"] if value["code"] == "CZ064")
    assert brno["selected"] is False
    assert brno["toggle"] == "?region=CZ010&region=CZ064&per_page=100"
    decades = next(facet for facet in result.facets if facet["name"] == "decade")
    # 2010-2012 and 2019-2020: both overlap the 2010s, one the 2020s.
    assert {value["code"]: value["count"] for value in decades["values"]} == {2010: 2, 2020: 1}


def test_sorting(ids):
    newest, _ = find(ids, sort="newest")
    assert newest[:2] == ["brno_interpreting", "prague_centre"]
    oldest, _ = find(ids, sort="oldest")
    assert oldest[0] == "plzen_children"
    budget, _ = find(ids, sort="budget")
    assert budget[:3] == ["prague_centre", "ostrava_legal", "brno_interpreting"]


def test_relevance_prefers_title_matches(ids):
    keys, _ = find(ids, "centrum")  # in one title, in another project's summary
    assert keys[0] == "prague_centre"


def test_pagination_and_total(ids):
    params = SearchParams(per_page=2, page=3, sort="oldest")
    result = search(params)
    assert result.total == len(corpus.PROJECTS)
    assert result.pages == 3
    assert len(result.hits) == 2


def test_snippet_highlights_inflected_forms_and_escapes_html(ids):
    _, result = find(ids, "Praha informace")
    (hit,) = [h for h in result.hits if h["id"] == ids["prague_centre"]]
    assert "<mark>Praze</mark>" in hit["snippet"]
    assert "&lt;b&gt;" in hit["snippet"] and "<b>" not in hit["snippet"]


def test_hit_carries_what_the_site_shows(ids):
    _, result = find(ids, "Ostrava")
    (hit,) = result.hits
    assert hit["implementer"] == "Organizace pro pomoc uprchlíkům"
    assert hit["regions"] == [{"code": "CZ080", "label": "Moravskoslezský kraj"}]
    assert hit["period"]["start"] == "2016-01-01"
    assert hit["sources"] and hit["sources"][0].startswith("test-")


def test_changes_show_in_search_at_once(ids):
    project = db.session.get(Project, ids["landscape"])
    project.title_cs = "Procházky Hradcem Králové"
    db.session.commit()
    assert find(ids, "Hradec Králové")[0] == ["landscape"]
    assert find(ids, "příroda")[0] == []
    project.status = Status.ARCHIVED
    db.session.commit()
    assert find(ids, "Hradec Králové")[0] == []
    draft = db.session.get(Project, ids["liberec_draft"])
    draft.status = Status.PUBLISHED
    db.session.commit()
    assert find(ids, "Liberec")[0] == ["liberec_draft"]
    db.session.delete(draft)
    db.session.commit()
    assert find(ids, "Liberec")[0] == []


def test_parameters_are_validated_with_each_problem_named(app):
    with app.app_context():
        args = MultiDict([("region", "CZ999"), ("page", "-1"), ("year_from", "abc"),
                          ("sort", "random"), ("per_page", "500")])
        with pytest.raises(ParameterError) as error:
            parse_params(args)
        assert set(error.value.problems) == {"region", "page", "year_from", "sort", "per_page"}
        params = parse_params(MultiDict([("q", "kurzy"), ("region", "CZ064"),
                                         ("year_from", "2019"), ("budget_min", "1 000")]))
        assert params.selected("region") == ("CZ064",)
        assert params.year_from == 2019
        assert str(params.budget_min) == "1000"
        assert params.query_string() == "?q=kurzy&region=CZ064&year_from=2019&budget_min=1000"
        assert date.today().year >= 2026
