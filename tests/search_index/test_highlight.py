"""Snippets and highlighted fields."""
from search_index import highlight, parse_query, snippet

FILLER = "Lorem ipsum dolor sit amet. " * 15
TEXT = (FILLER + "Nabízíme kurzy češtiny pro cizince v Brně. " + FILLER
        + "Také tlumočení. " + FILLER)


def terms(query):
    return parse_query(query, "cs").highlight_terms


def test_marks_inflected_forms_without_diacritics():
    assert highlight("Kurzy češtiny v Brně", terms("kurz cestina Brno"), "cs") == (
        "<mark>Kurzy</mark> <mark>češtiny</mark> v <mark>Brně</mark>")


def test_escapes_everything():
    text = 'Kurzy <script>alert("x")</script> & <b>Brno</b>'
    result = highlight(text, terms("script Brno"), "cs")
    assert "<script>" not in result and "<b>" not in result
    assert "&lt;" in result and "&amp;" in result
    assert "<mark>Brno</mark>" in result
    short = snippet(text, terms("kurz"), "cs")
    assert "<script>" not in short and short.startswith("<mark>Kurzy</mark> &lt;script&gt;")


def test_snippet_picks_window_with_most_matches():
    result = snippet(TEXT, terms("kurzy češtiny Brno"), "cs", max_chars=120)
    assert "<mark>kurzy</mark> <mark>češtiny</mark>" in result
    assert "<mark>Brně</mark>" in result
    assert result.startswith("…") and result.endswith("…")
    visible = result.replace("<mark>", "").replace("</mark>", "").strip("…")
    assert len(visible) <= 120


def test_snippet_words_are_whole():
    result = snippet(TEXT, terms("tlumočení"), "cs", max_chars=80)
    visible = result.replace("<mark>", "").replace("</mark>", "").strip("…")
    assert visible.split()[0] in {"Lorem", "ipsum", "dolor", "sit", "amet.", "Také"}
    assert visible.split()[-1] in {"Lorem", "ipsum", "dolor", "sit", "amet.", "tlumočení."}


def test_snippet_without_match_is_the_beginning():
    result = snippet(TEXT, terms("Ostrava"), "cs", max_chars=60)
    assert result.startswith("Lorem ipsum") and result.endswith("…")
    assert "<mark>" not in result


def test_short_text_is_returned_whole():
    assert snippet("Kurzy v Brně", terms("Brno"), "cs") == "Kurzy v <mark>Brně</mark>"


def test_prefix_terms_match_by_startswith():
    assert highlight("Integrační centrum", terms("integr*"), "cs") == (
        "<mark>Integrační</mark> centrum")


def test_english_text():
    result = highlight("Counselling for children", parse_query("counseling child").highlight_terms,
                       "en")
    assert result == "<mark>Counselling</mark> for <mark>children</mark>"
