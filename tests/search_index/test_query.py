"""The search-box parser, its FTS5 and tsquery output, and the OR fallback."""
import re
import sqlite3

import pytest

from search_index import (
    And,
    Not,
    Or,
    Phrase,
    Term,
    analyse,
    or_fallback,
    parse_query,
    to_fts5,
    to_fts5_exclusion,
    to_tsquery,
)

DOCUMENTS = {
    1: ("cs", "Kurzy češtiny pro cizince v Brně"),
    2: ("cs", "Tlumočení a právní poradenství v Praze"),
    3: ("cs", "Integrační centrum Praha nabízí kurzy češtiny"),
    4: ("en", "Czech language courses for Ukrainian refugees in Brno"),
    5: ("cs", "Podpora dětí s odlišným mateřským jazykem v Jihomoravském kraji"),
    6: ("cs", "Poradna pro držitele dočasné ochrany v Ostravě"),
}

BAD_SYNTAX = [
    '"kurzy češtiny', 'kurzy"', "-", "- -", "OR OR", "kurz OR OR Brno", "*", "**", "AND",
    "NOT", "NEAR(kurz Brno)", "NEAR(", "title:x", "body:kurz", '"', '""', '"""', "^",
    "^kurz", "'; DROP TABLE projects; --", ")", "(", "(()", "kurz)", "((kurz", "OR",
    "|", "kurz |", "| kurz", "-(", '-""', "kurz -", "{body}: kurz", "kurz + Brno", "a*",
    "x:*", "\\", "'", "%", "kurz AND AND Brno", "-Praha -Brno", "(-kurz) OR Brno",
    "kurz NOT", "NOT NOT kurz", "((((((((((((((((((((kurz", "kurz" * 300, "ř" * 20,
    "\x00kurz", "čeština!!! ???",
]

# What a safe FTS5 expression is made of: quoted strings (optionally prefix), operators
# and parentheses, nothing else.
FTS5_TOKEN = re.compile(r'\s*(?:"[^"]*"\*?|AND|OR|NOT|\(|\))')


@pytest.fixture(scope="module")
def fts():
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE VIRTUAL TABLE t USING fts5(body)")
    for rowid, (language, text) in DOCUMENTS.items():
        connection.execute("INSERT INTO t(rowid, body) VALUES (?, ?)",
                           (rowid, " ".join(analyse(text, language))))
    yield connection
    connection.close()


def search(connection, query):
    expression = to_fts5(parse_query(query).ast)
    if not expression:
        return set()
    rows = connection.execute("SELECT rowid FROM t WHERE t MATCH ?", (expression,))
    return {row[0] for row in rows}


def assert_safe_fts5(expression):
    position = 0
    while position < len(expression.rstrip()):
        match = FTS5_TOKEN.match(expression, position)
        assert match, f"unexpected syntax at {position}: {expression!r}"
        position = match.end()
    for string in re.findall(r'"([^"]*)"', expression):
        assert all(ch.isalnum() or ch == " " for ch in string), string


def test_words_combine_with_and(fts):
    assert search(fts, "kurzy cestiny") == {1, 3, 4}
    assert search(fts, "kurzy češtiny Brno") == {1, 4}


def test_and_keyword_is_optional(fts):
    assert search(fts, "kurz AND Brno") == search(fts, "kurz Brno")


def test_inflected_query_finds_other_forms(fts):
    assert search(fts, "Brno") == {1, 4}
    # Czech inflection reaches Czech documents only: English ones are stemmed as English.
    assert search(fts, "Brne") == {1}
    assert search(fts, "děti") == {5}


def test_phrase(fts):
    parsed = parse_query('"kurzy češtiny"', "cs")
    # The phrase itself, or its English equivalent from the glossary.
    assert parsed.ast == Or((Phrase(("kurh", "cestin")), Phrase(("czech", "cours"))))
    assert parsed.also_searched == ["Czech course"]
    assert search(fts, '"kurzy češtiny"') == {1, 3}
    assert search(fts, '"češtiny kurzy"') == set()


def test_or(fts):
    assert search(fts, "Ostrava OR Brno") == {1, 4, 6}
    assert search(fts, "Ostrava | Brno") == {1, 4, 6}
    assert isinstance(parse_query("Ostrava OR Brno", "cs").ast, Or)


def test_minus_excludes(fts):
    assert search(fts, "kurzy -Brno") == {3}
    assert search(fts, 'poradna -"dočasná ochrana"') == {2}
    ast = parse_query("kurz -Praha", "cs").ast
    assert isinstance(ast, And) and isinstance(ast.nodes[-1], Not)


def test_prefix(fts):
    ast = parse_query("integr*", "cs").ast
    assert ast == Term("integr", prefix=True)
    assert to_fts5(ast) == '"integr"*'
    assert to_tsquery(ast) == "'integr':*"
    assert search(fts, "integr*") == {3}
    assert search(fts, "integrační*") == {3}


def test_parentheses(fts):
    assert search(fts, "(Ostrava OR Brno) poradna") == {6}
    assert search(fts, "kurzy (Praha OR Ostrava)") == {3}


def test_synonyms_in_query(fts):
    assert search(fts, "JMK") == {5}
    assert search(fts, "tlumočník") == {2}


def test_only_negations_fts5_gives_empty_and_exclusion(fts):
    ast = parse_query("-Praha").ast
    assert to_fts5(ast) == ""
    exclusion = to_fts5_exclusion(ast)
    rows = fts.execute("SELECT rowid FROM t WHERE rowid NOT IN "
                       "(SELECT rowid FROM t WHERE t MATCH ?)", (exclusion,))
    assert {row[0] for row in rows} == {1, 4, 5, 6}
    assert to_tsquery(ast).startswith("!")


def test_tsquery_syntax():
    ast = parse_query('kurz "dočasná ochrana" -Brno integr*', "cs").ast
    rendered = to_tsquery(ast)
    assert "('docasn' <-> 'ochran')" in rendered
    assert "!'brn'" in rendered
    assert "'integr':*" in rendered
    assert " & " in rendered


@pytest.mark.parametrize("query", BAD_SYNTAX)
def test_bad_syntax_never_raises_and_stays_safe(fts, query):
    parsed = parse_query(query)
    expression = to_fts5(parsed.ast)
    assert_safe_fts5(expression)
    assert_safe_fts5(to_fts5_exclusion(parsed.ast))
    if expression:
        fts.execute("SELECT rowid FROM t WHERE t MATCH ?", (expression,)).fetchall()
    tsquery = to_tsquery(parsed.ast)
    assert not re.search(r"[;\"\\]|--", tsquery)
    # Every lexeme is a quoted run of letters and digits.
    for lexeme in re.findall(r"'([^']*)'", tsquery):
        assert lexeme.isalnum(), lexeme


def test_sql_fragment_is_plain_words(fts):
    parsed = parse_query("'; DROP TABLE projects; --")
    assert parsed.words == ["DROP", "TABLE", "projects"]
    assert search(fts, "'; DROP TABLE projects; --") == set()


def test_fts5_syntax_is_plain_words():
    assert parse_query("NEAR(kurz Brno)", "cs").words == ["NEAR", "kurz", "Brno"]
    assert parse_query("title:x").words == ["title", "x"]


def test_or_fallback(fts):
    ast = parse_query("kurzy Ostrava", "cs").ast
    assert isinstance(ast, And)
    fallback = or_fallback(ast)
    assert isinstance(fallback, Or)
    rows = fts.execute("SELECT rowid FROM t WHERE t MATCH ?", (to_fts5(fallback),))
    assert {row[0] for row in rows} == {1, 3, 4, 6}
    assert search(fts, "kurzy Ostrava") == set()


def test_or_fallback_keeps_exclusions():
    fallback = or_fallback(parse_query("kurzy Ostrava -Brno", "cs").ast)
    assert isinstance(fallback, And)
    assert isinstance(fallback.nodes[0], Or) and isinstance(fallback.nodes[1], Not)
    assert or_fallback(None) is None


def test_raw_words_and_highlight_terms():
    parsed = parse_query('kurzy "v Brně" -Praha integr*', "cs")
    assert parsed.words == ["kurzy", "v", "Brně", "integr"]
    assert parsed.excluded_words == ["Praha"]
    assert {"kurh", "brn", "integr*"} <= parsed.highlight_terms
    assert "prah" not in parsed.highlight_terms


def test_empty_query():
    for query in ("", "   ", "a v pro", "*"):
        parsed = parse_query(query)
        assert parsed.ast is None
        assert to_fts5(parsed.ast) == to_tsquery(parsed.ast) == ""
