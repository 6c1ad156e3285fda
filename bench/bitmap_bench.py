"""Facet bitmap benchmark: today's bitmaps (Python ints) against pyroaring.BitMap.

    .venv/bin/python bench/bitmap_bench.py [N ...] [--seed 2026] [--repeat 40]

For each N (default 100000 and 1000000) the facet membership of N synthetic projects is
taken from ``bench.corpus.generate`` (the search corpus: same regions, funders, activities,
target groups, languages and periods), without a Flask app or a database. Today's side is
the real code: ``FacetIndex`` fed the rows ``FacetIndex._read`` reads from SQL, facet
counts by ``facets.count``, ids by ``ids_descending``/``ids_of``, match sets by
``bitmap_of_words``. The pyroaring side is a port of the same steps (``RoaringIndex``,
``roaring_count``). Prints p50/p95 in ms and bytes of all facet bitmaps. pyroaring is not a
dependency of the project; to run this: ``.venv/bin/pip install 'pyroaring>=1.0,<2'``.
"""
from __future__ import annotations

import argparse
import itertools
import os
import platform
import random
import statistics
import sys
import time
from collections import defaultdict
from functools import reduce
from operator import and_
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

try:
    import pyroaring
    from pyroaring import BitMap
except ImportError:
    print("pyroaring is missing: .venv/bin/pip install 'pyroaring>=1.0,<2'", file=sys.stderr)
    sys.exit(2)

from bench.corpus import generate  # noqa: E402
from knowledge_platform.models import LINKS, Status  # noqa: E402
from knowledge_platform.search import facets  # noqa: E402
from knowledge_platform.search.bitmaps import (  # noqa: E402
    AFTER,
    BEFORE,
    FIRST_YEAR,
    LAST_YEAR,
    FacetIndex,
    bitmap_of_words,
    ids_descending,
    ids_of,
)
from knowledge_platform.search.params import SearchParams  # noqa: E402

PUBLISHED = str(Status.PUBLISHED)
SHARES = (0.001, 0.05, 0.25, 1.0)  # of projects matching the words; 1.0: no words at all
PAIRS = [(r, f) for r in ("CZ010", "CZ020", "CZ064", "CZ080", "CZ042", "CZ032")
         for f in ("AMIF", "MV_CR", "OPZ", "MUNICIPALITY", "ESF")]  # as search_bench.py
PAGE = 20
RECORD_KEYS = {"region": "regions", "funder": "funders", "activity": "activities",
               "target_group": "target_groups"}


def membership(n: int, seed: int) -> dict[tuple, list[int]]:
    """Ids per facet value of ``n`` corpus projects (ids 1..n), as ``FacetIndex._read``
    gathers them before setting bits."""
    members: dict[tuple, list[int]] = defaultdict(list)
    scratch = FacetIndex(0)
    for pid, record in enumerate(generate(n, seed), 1):
        row = (pid, PUBLISHED, record["language"], False, record["start"], record["end"],
               record.get("budget_czk"), None)
        scratch._add_project(row, members)  # status, language, good practice, year buckets
        for facet, key in RECORD_KEYS.items():
            for code in record[key]:
                members[(facet, code)].append(pid)
    return members


def build_today(members: dict[tuple, list[int]], n: int) -> FacetIndex:
    """Today's index: a ``Bits`` per value, its int form materialised as the first query does."""
    index = FacetIndex(0)
    index._grow(n)
    for key, ids in members.items():
        index._bits(key).set_all(ids)
    for bits in index.bits.values():
        bits.value  # noqa: B018  (cached int; the real code pays this on first use)
    return index


class RoaringIndex:
    """The read side of ``FacetIndex`` as a port to pyroaring would have it."""

    def __init__(self, members: dict[tuple, list[int]]):
        self.bits = {key: BitMap(ids) for key, ids in members.items()}
        for bitmap in self.bits.values():
            bitmap.run_optimize()
            bitmap.shrink_to_fit()

    def get(self, *key) -> BitMap:
        """The bitmap of one value; empty when nobody has it."""
        return self.bits.get(key) or BitMap()

    def codes(self, facet: str) -> list:
        """The values of ``facet`` some project has."""
        return [key[1] for key in self.bits if key[0] == facet]

    def any_of(self, facet: str, codes) -> BitMap:
        """Projects with any of ``codes`` in ``facet``."""
        return BitMap.union(BitMap(), *(self.get(facet, code) for code in codes))

    def years(self, first: int | None, last: int | None) -> BitMap:
        """Projects whose period overlaps ``first``..``last``, as ``FacetIndex.years``."""
        keys: list = [] if first is not None else [BEFORE]
        keys += range(max(first or FIRST_YEAR, FIRST_YEAR), min(last or LAST_YEAR, LAST_YEAR) + 1)
        if last is None:
            keys.append(AFTER)
        return self.any_of("year", keys)


def roaring_count(params: SearchParams, index: RoaringIndex, text: BitMap | None):
    """``facets.count`` with facets, for the filters used here (status and linked facets)."""
    filters = {"status": index.get("status", PUBLISHED)}
    for facet in LINKS:
        if params.selected(facet):
            filters[facet] = index.any_of(facet, params.selected(facet))

    def every(bitmaps):
        return reduce(and_, bitmaps, text) if text is not None else reduce(and_, bitmaps)

    result = every(filters.values())
    counts: dict[str, dict] = {name: {} for name in (*LINKS, facets.DECADE)}
    for name in (*LINKS, facets.DECADE):
        base = result if name not in filters else every(
            [bitmap for key, bitmap in filters.items() if key != name])
        if name == facets.DECADE:
            pairs = ((decade, index.years(decade, decade + 9)) for decade in facets.decades())
        else:
            pairs = ((code, index.get(name, code)) for code in index.codes(name))
        for code, bitmap in pairs:
            n = base.intersection_cardinality(bitmap)
            if n:
                counts[name][code] = n
    return result, len(result), counts


def chosen(**terms) -> SearchParams:
    """Search parameters with these facet values chosen, as ``SearchParams.of`` (the
    catalogue's form) or, where it is missing, keyword fields (the form before it)."""
    of = getattr(SearchParams, "of", None)
    return of(**terms) if of else SearchParams(**terms)


def compare(name: str, mine, theirs, repeat: int) -> tuple:
    """A table row: milliseconds of ``repeat`` calls each of today's ``mine`` and the
    ``theirs`` of pyroaring, after a warm-up, alternating so that load elsewhere on the
    machine falls on both alike."""
    found: tuple[list[float], list[float]] = ([], [])
    for turn in range(repeat + 1):
        for fn, times in ((mine, found[0]), (theirs, found[1])):
            started = time.perf_counter()
            fn()
            if turn:
                times.append((time.perf_counter() - started) * 1000)
    return (name, *found, "ms")


def p95(values: list[float]) -> float:
    """The 95th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def words(ids: list[int]) -> list[tuple[int, int]]:
    """(id >> 6, bits as signed 64-bit) rows, as the full-text SQL hands a match set over."""
    grouped: dict[int, int] = defaultdict(int)
    for pid in ids:
        grouped[pid >> 6] |= 1 << (pid & 63)
    return [(w, b - (1 << 64) if b >> 63 else b) for w, b in grouped.items()]


def roaring_of_words(rows: list[tuple[int, int]]) -> BitMap:
    """What a port would do with the full-text SQL's answer: the ids of each 64-bit word,
    one by one (roaring takes no words, and one row per id moves that work into the driver)."""
    found = []
    for word, bits in rows:
        bits &= 0xFFFF_FFFF_FFFF_FFFF
        base = word << 6
        while bits:
            low = bits & -bits
            found.append(base + low.bit_length() - 1)
            bits ^= low
    return BitMap(found)


def query_rows(share: float, n: int, rng: random.Random, today: FacetIndex,
               roaring: RoaringIndex, repeat: int) -> list[tuple]:
    """Table rows for queries whose words match ``share`` of the projects."""
    label = f"{share:.1%}" if share < 1 else "all (no words)"
    rows: list[tuple] = []
    ids = None if share == 1 else sorted(rng.sample(range(1, n + 1), max(1, int(n * share))))
    text_today = text_roaring = None
    if ids is not None:
        text_rows = words(ids)
        text_today, text_roaring = bitmap_of_words(text_rows), BitMap(ids)
        rows.append(compare(f"match set from SQL, {label}", lambda: bitmap_of_words(text_rows),
                            lambda: roaring_of_words(text_rows), repeat))
    queries = [chosen(region=(r,), funder=(f,)) for r, f in PAIRS]
    for params in queries[:3]:  # the same answers, or the comparison means nothing
        mine = facets.count(params, today, text_today, True)
        theirs = roaring_count(params, roaring, text_roaring)
        assert (mine.total, mine.counts) == (theirs[1], theirs[2]), params
    mine_turn, their_turn = itertools.cycle(queries), itertools.cycle(queries)
    rows.append(compare(f"facet counts, match {label}",
                        lambda: facets.count(next(mine_turn), today, text_today, True),
                        lambda: roaring_count(next(their_turn), roaring, text_roaring), repeat))
    result_today = facets.count(queries[0], today, text_today, False).bitmap
    result_roaring = roaring_count(queries[0], roaring, text_roaring)[0]
    size = len(result_roaring)
    assert ids_descending(result_today, PAGE) == list(result_roaring[-PAGE:])[::-1]
    assert list(ids_of(result_today)) == result_roaring.to_array().tolist()
    rows.append(compare(f"first page (20 newest of {size:,}), {label}",
                        lambda: ids_descending(result_today, PAGE),
                        lambda: list(result_roaring[-PAGE:])[::-1], repeat))
    rows.append(compare(f"all ids sorted ({size:,}), {label}", lambda: list(ids_of(result_today)),
                        lambda: result_roaring.to_array().tolist(), repeat))
    # Exports and other sorts list every match with no facet filter chosen.
    every_today = facets.count(SearchParams(), today, text_today, False).bitmap
    every_roaring = roaring_count(SearchParams(), roaring, text_roaring)[0]
    rows.append(compare(f"all ids sorted, no filters ({len(every_roaring):,}), {label}",
                        lambda: list(ids_of(every_today)),
                        lambda: every_roaring.to_array().tolist(), repeat))
    return rows


def run(n: int, seed: int, repeat: int) -> None:
    """Build both representations of ``n`` projects and print the table."""
    started = time.perf_counter()
    members = membership(n, seed)
    generated = time.perf_counter() - started
    per_facet = defaultdict(int)
    for facet, _ in members:
        per_facet[facet] += 1
    print(f"\n== {n:,} projects: {len(members)} facet bitmaps ("
          + ", ".join(f"{k} {v}" for k, v in per_facet.items())
          + f"), {sum(map(len, members.values())) / n:.1f} memberships per project; "
          f"corpus {generated:.0f} s ==")
    rows: list[tuple[str, list[float], list[float], str]] = []
    builds = max(3, repeat // 8)
    rows.append(compare("build all facet bitmaps", lambda: build_today(members, n),
                        lambda: RoaringIndex(members), builds))
    today, roaring = build_today(members, n), RoaringIndex(members)
    # Today keeps both the bytearray and its cached int per value; pyroaring's __sizeof__
    # is its serialized size (CRoaring's heap adds a few dozen bytes per 65,536 ids).
    held_today = sum(sys.getsizeof(b.data) + sys.getsizeof(b.value) for b in today.bits.values())
    held_roaring = sum(sys.getsizeof(b) for b in roaring.bits.values())
    rows.append(("memory: bitmaps held", [held_today / 1e6], [held_roaring / 1e6], "MB"))

    rng = random.Random(seed)
    for share in SHARES:
        rows += query_rows(share, n, rng, today, roaring, repeat)
    print(f"{'operation':<52} {'today p50':>10} {'p95':>9} {'roaring p50':>12} {'p95':>9}"
          f" {'today/roaring':>14}")
    for name, mine, theirs, unit in rows:
        a, b = statistics.median(mine), statistics.median(theirs)
        print(f"{name:<52} {a:10.3f} {p95(mine):9.3f} {b:12.3f} {p95(theirs):9.3f}"
              f" {a / b if b else float('inf'):13.2f}x  {unit}, n={len(mine)}")


def main() -> None:
    """Parse the sizes and run the benchmark for each."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", type=int, nargs="*", default=[100_000, 1_000_000])
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--repeat", type=int, default=40, help="timed calls per operation")
    args = parser.parse_args()
    print(f"== bitmap benchmark: {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"pyroaring {pyroaring.__version__}, load average {os.getloadavg()[0]:.1f} ==")
    for n in args.sizes:
        run(n, args.seed, args.repeat)


if __name__ == "__main__":
    main()
