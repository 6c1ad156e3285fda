"""Query-time synonyms and vocabulary concepts."""
import pytest

from search_index import concepts_for_query, expand
from search_index.synonyms import synonym_sequences


def test_czech_language_synonym():
    assert ("cesk", "jazyk") in expand("češtiny", "cs")


def test_course_teaching():
    assert ("vyuk",) in expand("kurzy", "cs")


def test_interpreting_group():
    alternatives = expand("tlumočení", "cs")
    assert ("tlumocnik",) in alternatives and ("tlumocnick",) in alternatives


@pytest.mark.parametrize("abbreviation, name", [
    ("JMK", ("jihomoravsk", "kraj")), ("MSK", ("moravskoslezsk", "kraj")),
    ("jmk", ("jihomoravsk", "kraj")), ("PAK", ("pardubick", "kraj")),
    ("KVY", ("kraj", "vysocin")),
])
def test_region_abbreviations(abbreviation, name):
    assert name in expand(abbreviation)


def test_stop_word_abbreviation_needs_capitals():
    assert expand("pak") == []


def test_multiword_expression_back_to_abbreviation():
    assert ("jmk",) in synonym_sequences(("jihomoravsk", "kraj"))


def test_refugee():
    assert ("drzitl", "mezinarodn", "ochran") in expand("uprchlíci", "cs")
    assert ("poradenstv",) in expand("poradna", "cs")


def test_own_terms_come_first():
    assert expand("kurzy", "cs")[0] == ("kurh",)


@pytest.mark.parametrize("query, facet, code", [
    ("Czech language courses", "activity", "czech_language"),
    ("kurzy češtiny", "activity", "czech_language"),
    ("kurzy cestiny", "activity", "czech_language"),
    ("tlumočení", "activity", "intercultural_assistance"),
    ("interpreting", "activity", "intercultural_assistance"),
    ("právní poradenství", "activity", "legal_counselling"),
    ("pravni poradenstvi", "activity", "legal_counselling"),
    ("legal counselling", "activity", "legal_counselling"),
    ("legal counseling", "activity", "legal_counselling"),
    ("děti", "target_group", "children_youth"),
    ("children", "target_group", "children_youth"),
    ("Ukrainian refugees", "target_group", "temporary_protection"),
    ("dočasná ochrana", "target_group", "temporary_protection"),
    ("housing", "activity", "housing_support"),
    ("ženy", "target_group", "women"),
])
def test_concepts(query, facet, code):
    assert code in concepts_for_query(query).get(facet, set())


def test_concepts_ignore_excluded_words_and_plain_words():
    assert concepts_for_query("-tlumočení Brno") == {}
    assert concepts_for_query("Ukrainian refugees") == {"target_group": {"temporary_protection"}}


def test_concepts_of_combined_query():
    found = concepts_for_query('"kurzy češtiny" pro děti OR interpreting')
    assert found == {"activity": {"czech_language", "intercultural_assistance"},
                     "target_group": {"children_youth"}}
