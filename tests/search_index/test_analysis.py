"""Czech and English analysis: inflected forms meet, distractors do not."""
import pytest

from search_index import analyse, analyse_query_word, analysed_spans, detect_language
from search_index.czech_stemmer import stem_dolamic
from search_index.text import fold

PARADIGMS = [
    "kurz kurzy kurzů kurzech kurzem",
    "čeština češtiny češtinou češtině",
    "rodina rodiny rodinám rodině",
    "Ukrajina Ukrajiny Ukrajině Ukrajinou",
    "ukrajinský ukrajinské ukrajinských ukrajinští ukrajinskou",
    "Brno Brna Brně Brnem",
    "kraj kraje kraji krajích krajem",
    "cizinec cizince cizinci cizinců cizincům",
    "dítě děti dětí dětem dětmi",
    "Praha Prahy Praze Prahou",
    "obec obce obcí obcemi",
    "služba služby služeb službách",
]


def terms(word, language="cs"):
    return set(analyse_query_word(word, language))


@pytest.mark.parametrize("paradigm", PARADIGMS)
def test_inflected_forms_meet_with_and_without_diacritics(paradigm):
    forms = paradigm.split()
    expected = analyse(forms[0], "cs")
    assert len(expected) == 1
    for form in forms:
        assert analyse(form, "cs") == expected, form
        assert analyse(fold(form), "cs") == expected, fold(form)
        assert terms(fold(form)) == set(expected)


def test_queries_without_diacritics_meet_documents():
    assert analyse("cestiny") == analyse("češtiny", "cs")
    assert analyse("Brne", "cs") == analyse("Brně", "cs") == ["brn"]


@pytest.mark.parametrize("first, second", [
    ("kraj", "krajina"), ("obec", "obecný"), ("kurz", "kurzovní"), ("led", "lid"),
    ("pes", "pas"), ("rodina", "rod"), ("Ukrajina", "ukrajinský"), ("čeština", "cesta"),
    ("pobyt", "pobytový"), ("tlumočení", "tlumočník"), ("komunita", "komunikace"),
])
def test_distractors_do_not_meet(first, second):
    assert not set(analyse(first, "cs")) & set(analyse(second, "cs"))


def test_czech_stop_words_dropped():
    assert analyse("kurzy pro cizince v Brně a okolí", "cs") == ["kurh", "cizink", "brn", "okol"]
    assert analyse_query_word("pro", "cs") == []


def test_byt_is_not_a_stop_word():
    # "být" (to be) folds onto "byt" (flat), which matters for housing projects.
    assert analyse("byt", "cs") == ["byt"]


def test_english_stemming_and_spelling_unified():
    uk = analyse("Counselling centres for children, women and people of organisations", "en")
    us = analyse("counseling center for child woman person organization", "en")
    assert uk == us
    assert analyse("courses", "en") == analyse("course", "en")


def test_english_stop_words_dropped():
    assert analyse("the courses of the centre", "en") == ["cours", "center"]


def test_language_none_detects():
    assert detect_language("Kurzy češtiny pro cizince") == "cs"
    assert detect_language("Czech courses for the foreigners in Brno") == "en"
    assert analyse("Counselling for the children") == ["counsel", "child"]


def test_query_word_without_language_gives_both_analyses():
    assert set(analyse_query_word("children")) >= {"child"}
    assert "brn" in analyse_query_word("Brne")


def test_terms_are_safe_tokens():
    text = 'Kurzy "češtiny" (NEAR) title:x AND -Praha; \'DROP\' TABLE_x * ^ Київ ß'
    for term in analyse(text, "cs") + analyse(text, "en"):
        assert term and all(ch.isalnum() for ch in term), term
        assert term == term.lower()


def test_spans_point_into_original_text():
    text = "Kurzy češtiny v Brně"
    spans = analysed_spans(text, "cs")
    assert [text[s:e] for s, e, _ in spans] == ["Kurzy", "češtiny", "Brně"]
    assert [term for _, _, term in spans] == analyse(text, "cs")


def test_decomposed_text_is_one_token():
    assert analyse("Brne\u030c", "cs") == ["brn"]


def test_dolamic_reference_stemmer():
    assert stem_dolamic("praze") == "prah"
    assert stem_dolamic("kurzech") == "kurh"


def test_folded_words_fold_each_word_as_fold_does():
    from search_index.text import folded_words, words

    text = "Kurzy ČEŠTINY pro cizince v Brně – Ústí nad Labem; naïve Ångström, Łódź, Київ"
    assert folded_words(text) == [fold(word) for word in words(text)]
    assert folded_words("") == []
