"""Frequent words' bitmaps on PostgreSQL: the same answers as asking the tsvectors."""
from __future__ import annotations

import pytest
from sqlalchemy import delete, func, select, text

from knowledge_platform.db import db
from knowledge_platform.models import BitmapSnapshot, Organisation, Project
from knowledge_platform.search import bitmap_cache, match_cache, postgresql_text, term_postings
from knowledge_platform.search import index as search_rows
from knowledge_platform.search.bitmaps import bitmap_of_words, ids_of
from knowledge_platform.search.text_match import _text_bitmap, driver_rows
from search_index import Term, parse_query, to_tsquery
from tests.factories import record, store
from tests.knowledge_platform.search import corpus

QUERIES = ["kurzy češtiny", "poradenství -Praha", "-Praha", "-Praha -Brno", "integr*",
           '"právní poradenství"', "děti cizinců", "refugees Prague", "cizinců OR rodiny",
           "krajina příroda sousedy", "Brno", "poradenstvi pro cizince -Ostrava",
           "hlavní město Praha", '"českého jazyka" -"ukrajinským rodinám"', "Czech courses",
           "cizin* -Praha", "kurz* Brno", "zzz*", "integr* OR práv*"]


@pytest.fixture
def ids(app):
    with app.app_context():
        if not term_postings.applies(db.session.connection()):
            pytest.skip("word bitmaps are kept on PostgreSQL only")
        yield corpus.load()


def _asked(query: str) -> int:
    """PostgreSQL's own answer to the whole query, one tsquery over every tsvector."""
    return bitmap_of_words(driver_rows(postgresql_text.WORDS, to_tsquery(parse_query(query).ast)))


def _stored(word: str) -> int:
    """The projects whose tsvector has ``word``."""
    return bitmap_of_words(driver_rows(postgresql_text.WORDS, to_tsquery(Term(word))))


def _kept(index) -> dict[str, int]:
    return {code: index.get(term_postings.TERM, code) for code in index.codes(term_postings.TERM)}


def test_kept_words_are_the_frequent_ones_with_their_projects(ids, monkeypatch):
    monkeypatch.setattr(term_postings, "SHARE", 0.3)
    bitmap_cache._indexes.clear()
    kept = _kept(bitmap_cache.current(db.session.connection()))
    total = db.session.scalar(select(func.count(Project.id)))
    frequent = {word for word, in db.session.execute(text(
        "SELECT word FROM ts_stat('SELECT tsv FROM search_vector') WHERE ndoc >= :least"),
        {"least": 0.3 * total})}
    assert kept and set(kept) == frequent
    for word, bitmap in kept.items():
        assert bitmap == _stored(word)


@pytest.mark.parametrize("few", [0, 10**9])
@pytest.mark.parametrize("limit", [0, 3, 100])
def test_every_query_finds_what_the_tsvectors_find(ids, monkeypatch, limit, few):
    """Whether words are kept, and whether candidates are looked up one by one or the
    index is asked, the answer is PostgreSQL's own to the whole query."""
    monkeypatch.setattr(term_postings, "LIMIT", limit)
    monkeypatch.setattr(postgresql_text, "FEW", few)
    bitmap_cache._indexes.clear()
    index = bitmap_cache.current(db.session.connection())
    assert len(index.codes(term_postings.TERM)) == min(limit, 100)
    for query in QUERIES:
        match_cache.clear()
        assert _text_bitmap(parse_query(query).ast, index) == _asked(query), query


def test_a_change_reaches_the_kept_words_through_the_log(ids):
    index = bitmap_cache.current(db.session.connection())
    assert "krajin" in index.codes(term_postings.TERM)
    project = db.session.get(Project, ids["brno_interpreting"])
    project.title_cs = "Krajina pro ukrajinské rodiny Zyxwvut"
    db.session.commit()
    after = bitmap_cache.current(db.session.connection())
    assert after is index  # caught up, not read again
    for word, bitmap in _kept(after).items():
        assert bitmap == _stored(word), word
    assert project.id in ids_of(after.get(term_postings.TERM, "krajin"))
    assert term_postings.starting_with(after, "zyxw", 10)  # a new word is listed at once
    match_cache.clear()
    assert list(ids_of(_text_bitmap(parse_query("zyxw*").ast, after))) == [project.id]


def test_a_new_process_reads_the_kept_words_from_the_snapshot(ids):
    first = bitmap_cache.current(db.session.connection())
    db.session.commit()
    project = db.session.get(Project, ids["landscape"])
    project.summary_cs = "Vycházky pro cizince a jejich rodiny."
    db.session.commit()
    bitmap_cache._indexes.clear()  # as another process would start
    second = bitmap_cache.current(db.session.connection())
    assert set(_kept(second)) == set(_kept(first))
    for word, bitmap in _kept(second).items():
        assert bitmap == _stored(word), word


def test_a_snapshot_written_without_word_bitmaps_gets_them(ids):
    first = bitmap_cache.current(db.session.connection())
    db.session.commit()
    first.vocabulary = None  # as a snapshot of the release before words were kept
    for code in first.codes(term_postings.TERM):
        del first.bits[(term_postings.TERM, code)]
    bitmap_cache.save(first)
    bitmap_cache._indexes.clear()  # as another process would start
    second = bitmap_cache.current(db.session.connection())
    assert second.vocabulary and _kept(second)
    bitmap_cache._indexes.clear()
    assert bitmap_cache.restore(db.session.scalar(select(BitmapSnapshot.data))).vocabulary


def test_bitmaps_read_while_a_visitor_waits_leave_the_words_to_postgresql(app, ids):
    db.session.execute(delete(BitmapSnapshot))
    db.session.commit()
    bitmap_cache._indexes.clear()
    with app.test_request_context("/"):
        index = bitmap_cache.current(db.session.connection())
        assert index.vocabulary is None and not _kept(index)
        for query in QUERIES:
            match_cache.clear()
            assert _text_bitmap(parse_query(query).ast, index) == _asked(query), query
    db.session.rollback()
    bitmap_cache._indexes.clear()  # a process starting outside a request adds them
    assert _kept(bitmap_cache.current(db.session.connection()))


def _fresh_index():
    """The bitmaps as a process starting now reads them."""
    bitmap_cache._indexes.clear()
    return bitmap_cache.current(db.session.connection())


@pytest.mark.parametrize("title, query", [
    ("Tábor abᎠcdef", "abᎠcd*"),   # Cherokee: Python casefolds to capitals, PostgreSQL lowers
    ("Tábor ab৴cdef", "ab৴c*"),    # a numeral PostgreSQL's parser splits the word at
])
def test_prefix_spelled_out_as_postgresql_normalises_it(ids, title, query):
    pid = store(record(title=title)).project.id
    index = _fresh_index()
    assert index.vocabulary is not None
    match_cache.clear()
    expected = _asked(query)
    assert pid in set(ids_of(expected))
    assert _text_bitmap(parse_query(query).ast, index) == expected, query


def test_a_word_postgresql_drops_beside_a_kept_word(ids):
    # "❶" is a word to Python (No) and nothing to PostgreSQL's parser: to_tsquery drops it.
    index = _fresh_index()
    assert term_postings.bitmap(index, "kurh") is not None
    query = "kurzy ❶"
    match_cache.clear()
    expected = _asked(query)
    assert expected  # PostgreSQL: the same as "kurzy"
    assert _text_bitmap(parse_query(query).ast, index) == expected


def test_or_with_a_phrase_beside_a_dropped_word(ids):
    index = _fresh_index()
    query = '"kurzy ❶" OR ❶'
    match_cache.clear()
    expected = _asked(query)
    assert expected
    assert _text_bitmap(parse_query(query).ast, index) == expected


def test_an_organisation_renamed_reaches_the_kept_words(ids):
    index = _fresh_index()
    assert term_postings.bitmap(index, "krajin") is not None
    db.session.commit()
    unhcr = db.session.scalar(select(Organisation).where(Organisation.name.like("%OSN%")))
    unhcr.name = "Krajina Zyxwvutsr"
    db.session.commit()
    after = bitmap_cache.current(db.session.connection())
    assert after is index
    for query in ("krajina", "zyxwv*"):
        match_cache.clear()
        expected = _asked(query)
        assert ids["prague_refugees"] in set(ids_of(expected)), query
        assert _text_bitmap(parse_query(query).ast, after) == expected, query


def test_an_index_rebuild_reaches_the_kept_words(ids, monkeypatch):
    """`kp index rebuild` (after the analyser changes) rewrites every tsvector: the words
    are read afresh, not kept from the snapshot."""
    _fresh_index()  # builds the words and writes the snapshot
    db.session.commit()
    analysed = search_rows.analysed_text

    def changed_analyser(*args):
        fields = analysed(*args)
        return {**fields, "body": fields["body"] + " zyxwq"}
    monkeypatch.setattr(search_rows, "analysed_text", changed_analyser)
    search_rows.rebuild()
    after = _fresh_index()  # a worker started after the rebuild
    match_cache.clear()
    expected = _asked("zyxwq*")
    assert expected
    assert _text_bitmap(parse_query("zyxwq*").ast, after) == expected


def test_a_snapshot_with_words_but_no_vocabulary_is_not_trusted(app, ids):
    """A snapshot the previous release re-wrote keeps word keys it never updated and no
    word list: the words are not trusted."""
    index = _fresh_index()
    db.session.commit()
    for code in index.codes(term_postings.TERM):
        index.put((term_postings.TERM, code), 0)  # as stale as it gets
    index.vocabulary = None
    bitmap_cache.save(index)
    bitmap_cache._indexes.clear()
    with app.test_request_context("/"):
        restored = bitmap_cache.current(db.session.connection())
        match_cache.clear()
        assert _text_bitmap(parse_query("krajina").ast, restored) == _asked("krajina")


@pytest.mark.parametrize("limit", [0, 1, 300])
def test_a_prefix_standing_for_too_many_words_is_asked_as_a_prefix(ids, monkeypatch, limit):
    monkeypatch.setattr(postgresql_text, "PREFIX_WORDS", limit)
    index = _fresh_index()
    for query in ("ku*", "kurz*", "cizin* -Praha", "integr* OR práv*"):
        match_cache.clear()
        assert _text_bitmap(parse_query(query).ast, index) == _asked(query), query
