"""Negation scopes and contradictions (search_index/negation.py)."""
from __future__ import annotations

import pytest

from search_index import contradicts, parse_query
from search_index.negation import negated_spans


def scopes(text: str) -> list[str]:
    return [text[start:end].strip() for start, end in negated_spans(text)]


@pytest.mark.parametrize("text, expected", [
    ("It worked with Vietnamese families rather than on Ukrainian newcomers. Then it grew.",
     ["on Ukrainian newcomers"]),
    ("Courses for adults instead of children, and a camp.", ["children"]),
    ("The centre is not for tourists; it serves residents.", ["for tourists"]),
    ("Kurz nebyl určen pro ukrajinské děti, ale pro dospělé.", ["pro ukrajinské děti"]),
    ("Pomoc cílila na seniory, nikoli na rodiny s dětmi.", ["na rodiny s dětmi"]),
    ("Zaměřil se na menší obce spíše než na Prahu.", ["na Prahu"]),
    ("A long list rather than one two three four five six seven eight.",
     ["one two three four five six"]),
])
def test_scope_runs_from_the_cue_to_the_end_of_its_clause(text, expected):
    assert scopes(text) == expected


@pytest.mark.parametrize("text", [
    "Not only Ukrainians but also Vietnamese families took part.",
    "Kontaktní místo pro lidi z Ukrajiny otevřelo v březnu.",  # "místo" is a place here
    "Families without health insurance got advice.",
    "Nejen děti, ale i rodiče se učili česky.",
])
def test_additions_places_and_descriptions_are_not_negations(text):
    assert scopes(text) == []


def ast(query: str):
    return parse_query(query).ast


def test_a_word_named_only_where_the_text_negates_it_contradicts_the_query():
    texts = [("Interpreting and tutoring for children of Vietnamese families rather than "
              "Ukrainian newcomers.", "en"), ("Tlumočení a doučování dětí.", "cs")]
    assert contradicts(texts, ast("interpreting Ukrainian children"))
    assert not contradicts(texts, ast("interpreting Vietnamese children"))
    # Said once plainly, once negated: the text is about it after all.
    texts.append(("Later the city added a course for Ukrainian mothers.", "en"))
    assert not contradicts(texts, ast("interpreting Ukrainian children"))


def test_no_cue_means_no_contradiction_and_no_analysis():
    assert not contradicts([("Interpreting for Ukrainian children.", "en"), (None, "cs")],
                           ast("interpreting Ukrainian children"))
    assert not contradicts([("rather than Ukrainian newcomers", "en")], None)
    # An alternative said plainly is enough: "Ukrainian" negated, "ukrajinské děti" not.
    assert not contradicts([("Families rather than Ukrainian newcomers.", "en"),
                            ("Pro ukrajinské děti.", "cs")], ast("Ukrainian children"))
