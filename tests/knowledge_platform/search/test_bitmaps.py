"""Facet bitmaps: kept current through the change log, rebuilt when it no longer reaches."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from knowledge_platform.db import db
from knowledge_platform.models import Project, Region, Status
from knowledge_platform.search import bitmap_cache, generations
from knowledge_platform.search.bitmaps import bitmap_of, ids_of, member_test
from knowledge_platform.search.filters import conditions
from knowledge_platform.search.params import SearchParams
from knowledge_platform.search.service import matching_ids, search
from tests.knowledge_platform.search import corpus


@pytest.fixture
def ids(app):
    with app.app_context():
        yield corpus.load()


def _region_counts() -> dict[str, int]:
    region = next(f for f in search(SearchParams()).facets if f["name"] == "region")
    return {value["code"]: value["count"] for value in region["values"]}


def test_bitmap_helpers_round_trip():
    ids = [0, 7, 8, 9, 1000, 123456]
    bitmap = bitmap_of(ids)
    assert list(ids_of(bitmap)) == ids
    inside = member_test(bitmap)
    assert [pid for pid in range(124000) if inside(pid)] == ids
    assert list(ids_of(0)) == [] and not member_test(0)(5)


def test_changes_reach_the_cached_bitmaps_through_the_log(ids):
    before = _region_counts()
    project = db.session.get(Project, ids["plzen_children"])
    old = {region.code for region in project.regions}
    project.regions = [db.session.get(Region, "CZ080")]
    db.session.commit()
    after = _region_counts()
    for code in old:
        assert after.get(code, 0) == before[code] - 1
    assert after["CZ080"] == before.get("CZ080", 0) + 1
    project.status = Status.DRAFT
    db.session.commit()
    assert _region_counts()["CZ080"] == before.get("CZ080", 0)


def test_a_cache_too_far_behind_the_log_reads_everything_again(ids, monkeypatch):
    search(SearchParams())  # cache the bitmaps
    connection = db.session.connection()
    generation, _ = generations.state(connection)
    assert generations.changed_since(connection, generation - 1, generation) is not None
    monkeypatch.setattr(generations, "KEEP", 0)
    assert generations.changed_since(connection, generation - 1, generation) is None
    cached = bitmap_cache.current(connection)
    project = db.session.get(Project, ids["brno_interpreting"])
    db.session.delete(project)
    db.session.commit()
    assert ids["brno_interpreting"] not in matching_ids(SearchParams())
    # Read afresh, not patched from the log: a new index object.
    assert bitmap_cache.current(db.session.connection()) is not cached


def test_matching_ids_agree_with_the_sql_filters_and_the_page(ids):
    for params in (SearchParams(), SearchParams.of(region=("CZ010",)),
                   SearchParams(q="poradenství", year_from=2015),
                   SearchParams(q="kurzy češtiny", good_practice=False)):
        found = matching_ids(params)
        sql = sorted(db.session.scalars(select(Project.id).where(*conditions(params))))
        if not params.q:
            assert found == sql
        else:
            assert set(found) <= set(sql)
        hits = search(params.__class__(**{**params.__dict__, "per_page": 100})).hits
        assert sorted(hit["id"] for hit in hits) == found


def test_every_process_builds_the_same_bitmaps(ids):
    first = bitmap_cache.current(db.session.connection())
    bitmap_cache._indexes.clear()  # as another process would start
    second = bitmap_cache.current(db.session.connection())
    assert first is not second
    assert {key: bits.value for key, bits in first.bits.items() if bits.value} == {
        key: bits.value for key, bits in second.bits.items() if bits.value}


def test_one_transaction_is_one_generation_however_often_it_flushes(ids):
    connection = db.session.connection()
    before, _ = generations.state(connection)
    first = db.session.get(Project, ids["plzen_children"])
    second = db.session.get(Project, ids["brno_interpreting"])
    first.regions = [db.session.get(Region, "CZ080")]
    db.session.flush()
    second.regions = [db.session.get(Region, "CZ080")]
    first.regions = [db.session.get(Region, "CZ010")]
    db.session.flush()
    db.session.commit()
    connection = db.session.connection()
    after, _ = generations.state(connection)
    assert after == before + 1
    assert generations.changed_since(connection, before, after) == {first.id, second.id}


def test_a_new_process_starts_from_the_snapshot_and_catches_up(ids, monkeypatch):
    from knowledge_platform.models import BitmapSnapshot
    from knowledge_platform.search.bitmaps import FacetIndex

    first = bitmap_cache.current(db.session.connection())  # reads every project
    db.session.commit()
    assert db.session.scalar(select(BitmapSnapshot.generation)) == first.generation
    restored = bitmap_cache.restore(bitmap_cache.dump(first))
    assert {key: bits.value for key, bits in restored.bits.items()} == {
        key: bits.value for key, bits in first.bits.items()}
    for column in ("start", "budget", "updated"):
        assert getattr(restored, column).tobytes() == getattr(first, column).tobytes()

    project = db.session.get(Project, ids["plzen_children"])
    project.regions = [db.session.get(Region, "CZ080")]
    db.session.commit()
    full_reads = []
    original = FacetIndex.load

    def counting(self, connection, changed=None):
        full_reads.append(changed is None)
        return original(self, connection, changed)

    monkeypatch.setattr(FacetIndex, "load", counting)
    bitmap_cache._indexes.clear()  # as another process would start
    second = bitmap_cache.current(db.session.connection())
    assert full_reads == [False]  # only the changed project was read
    assert project.id in ids_of(second.get("region", "CZ080"))
    assert project.id not in ids_of(second.get("region", "CZ032"))


def test_a_snapshot_older_than_a_bulk_reset_is_not_used(ids, monkeypatch):
    from knowledge_platform.search.bitmaps import FacetIndex

    bitmap_cache.current(db.session.connection())
    generations.bump(db.session.connection(), reset=True)
    db.session.commit()
    full_reads = []
    original = FacetIndex.load
    monkeypatch.setattr(FacetIndex, "load", lambda self, connection, changed=None: (
        full_reads.append(changed is None), original(self, connection, changed))[1])
    bitmap_cache._indexes.clear()
    bitmap_cache.current(db.session.connection())
    assert full_reads == [True]
