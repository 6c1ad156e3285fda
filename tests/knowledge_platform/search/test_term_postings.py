"""Frequent words' bitmaps on PostgreSQL: the same answers as asking the tsvectors."""
from __future__ import annotations

import pytest
from sqlalchemy import delete, func, select, text

from knowledge_platform.db import db
from knowledge_platform.models import BitmapSnapshot, Project
from knowledge_platform.search import bitmap_cache, match_cache, postgresql_text, term_postings
from knowledge_platform.search.bitmaps import bitmap_of_words, ids_of
from knowledge_platform.search.text_match import _text_bitmap, driver_rows
from search_index import Term, parse_query, to_tsquery
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
    assert term_postings.starting_with(after, "zyxw")  # a new word is listed at once
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
