"""Did-you-mean suggestions."""
from search_index import did_you_mean, suggest_query
from search_index.suggest import edit_distance

VOCABULARY = {"kurzy": 50, "cestiny": 40, "tlumoceni": 30, "brno": 100, "brna": 3,
              "integrace": 25, "kurty": 1}


def test_edit_distance():
    assert edit_distance("kurzy", "kurzy") == 0
    assert edit_distance("kruzy", "kurzy") == 1  # transposition
    assert edit_distance("abc", "xyzabc", limit=2) == 3


def test_typos_are_corrected():
    assert did_you_mean("kruzy", VOCABULARY) == "kurzy"
    assert did_you_mean("tlumčení", VOCABULARY) == "tlumoceni"
    assert did_you_mean("integarce", VOCABULARY) == "integrace"


def test_prefers_frequent_terms():
    assert did_you_mean("kurcy", VOCABULARY) == "kurzy"  # not the rare "kurty"


def test_known_short_or_unrelated_words_get_nothing():
    assert did_you_mean("kurzy", VOCABULARY) is None
    assert did_you_mean("Kurzy", VOCABULARY) is None
    assert did_you_mean("xyzzy", VOCABULARY) is None
    assert did_you_mean("brm", VOCABULARY) is None  # too short to guess


def test_suggest_query_keeps_syntax():
    fixed = suggest_query('kruzy "cestniy" -tlumoceni OR integarce*', VOCABULARY)
    assert fixed == 'kurzy "cestiny" -tlumoceni OR integrace*'
    assert suggest_query("kurzy OR brno", VOCABULARY) is None
