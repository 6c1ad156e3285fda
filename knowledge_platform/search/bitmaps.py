"""Facet bitmaps: one bit per project for every filter value, cached per process.

Counting facets in SQL costs one index lookup per matching project and facet; with a
bitmap per value it is an AND and a popcount. Each process keeps its own copy and
brings it up to date from the search generation (``generations.py``) before use.
"""
from __future__ import annotations

import itertools
import math
import sys
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime

from sqlalchemy.engine import Connection

from knowledge_platform.models import LINKS

FIRST_YEAR, LAST_YEAR = 1990, 2100
BEFORE, AFTER = "before", "after"  # year buckets outside the years people filter on
_CHUNK = 500
NAN = float("nan")


class Bits:
    """A growable bitmap over project ids, with its integer form cached for AND/popcount."""

    __slots__ = ("data", "_value")

    def __init__(self, size: int):
        self.data = bytearray(size)
        self._value: int | None = None

    def put(self, project_id: int, on: bool) -> None:
        byte, bit = project_id >> 3, 1 << (project_id & 7)
        if on:
            self.data[byte] |= bit
        else:
            self.data[byte] &= 0xFF ^ bit
        self._value = None

    def set_all(self, project_ids: Iterable[int]) -> None:
        data = self.data
        for pid in project_ids:
            data[pid >> 3] |= 1 << (pid & 7)
        self._value = None

    def assign(self, value: int, size: int) -> None:
        """Hold the bitmap ``value`` in ``size`` bytes."""
        self.data[:] = value.to_bytes(size, "little")
        self._value = value

    @property
    def value(self) -> int:
        if self._value is None:
            self._value = int.from_bytes(self.data, "little")
        return self._value


class FacetIndex:
    """Bitmaps of one database's projects as of ``generation``, plus their sort keys."""

    def __init__(self, generation: int):
        self.generation = generation
        self.size = 1024  # bytes per bitmap; grows with the largest project id
        self.bits: dict[tuple, Bits] = {}
        # Every word of the full-text index, sorted, once term_postings added its bitmaps.
        self.vocabulary: list[str] | None = None
        self.start = array("d")
        self.budget = array("d")
        self.updated = array("d")
        self._grow(0)

    # -- reading the database -------------------------------------------------------------

    def load(self, connection: Connection, ids: set[int] | None = None) -> None:
        """Read every project (``ids`` None) or just ``ids``, replacing what was known."""
        if ids is None:
            self._read(connection, None)
            return
        for project_id in ids:
            self._forget(project_id)
        ordered = sorted(ids)
        for first in range(0, len(ordered), _CHUNK):
            self._read(connection, ordered[first:first + _CHUNK])

    def _read(self, connection: Connection, ids: list[int] | None) -> None:
        # Plain SQL without result types and ids gathered per bitmap, each set in one pass:
        # a whole corpus is read in a few seconds, not a conversion and call per value.
        where = "" if ids is None else f" WHERE {{}} IN ({','.join(str(int(i)) for i in ids)})"
        members: dict[tuple, list[int]] = defaultdict(list)
        # The driver's own cursor, in this connection's transaction: rows stay plain tuples.
        cursor = connection.connection.cursor()
        try:
            cursor.execute("SELECT id, status, language, good_practice, start_date, end_date, "
                           "budget_total, updated_at FROM project" + where.format("id"))
            for row in cursor.fetchall():
                self._add_project(row, members)
            for facet, link in LINKS.items():
                cursor.execute(f"SELECT code, project_id FROM {link.name}"
                               + where.format("project_id"))
                for code, project_id in cursor.fetchall():
                    members[(facet, code)].append(project_id)
        finally:
            cursor.close()
        for key, project_ids in members.items():
            self._bits(key).set_all(project_ids)

    def _add_project(self, row, members: dict[tuple, list[int]]) -> None:
        pid, status, language, good_practice, start, end, budget, updated = row
        self._grow(pid)
        members[("status", status)].append(pid)
        if language:
            members[("lang", language)].append(pid)
        members[("good_practice", bool(good_practice))].append(pid)
        first, last = _date(start or end), _date(end or start)
        if first is not None:
            assert last is not None  # both come from the same start-or-end pair
            for year in _years(first.year, last.year):
                members[("year", year)].append(pid)
        self.start[pid] = first.toordinal() if first else NAN
        self.budget[pid] = float(budget) if budget is not None else NAN
        self.updated[pid] = _timestamp(updated)

    def _forget(self, pid: int) -> None:
        if pid >> 3 >= self.size:
            return
        for bits in self.bits.values():
            bits.put(pid, False)
        self.start[pid] = self.budget[pid] = self.updated[pid] = NAN

    def put(self, key: tuple, bitmap: int) -> None:
        """Replace the bitmap of ``key`` with ``bitmap``."""
        if bitmap:
            self._grow(bitmap.bit_length() - 1)
        self._bits(key).assign(bitmap, self.size)

    def _bits(self, key: tuple) -> Bits:
        found = self.bits.get(key)
        if found is None:
            found = self.bits[key] = Bits(self.size)
        return found

    def _grow(self, pid: int) -> None:
        if pid >> 3 < self.size and len(self.start) > pid:
            return
        while pid >> 3 >= self.size:
            self.size *= 2
        for bits in self.bits.values():
            bits.data.extend(bytes(self.size - len(bits.data)))
            bits._value = None
        missing = self.size * 8 - len(self.start)
        for column in (self.start, self.budget, self.updated):
            column.extend([NAN] * missing)

    # -- answering searches ---------------------------------------------------------------

    def get(self, *key) -> int:
        """The bitmap of one value, e.g. ``get("region", "CZ064")``; 0 when nobody has it."""
        found = self.bits.get(key)
        return found.value if found else 0

    def everyone(self) -> int:
        """Every project, whatever its status."""
        return self.any_of("status", [key[1] for key in self.bits if key[0] == "status"])

    def codes(self, facet: str) -> list:
        """The values of ``facet`` some project has (or had)."""
        return [key[1] for key in self.bits if key[0] == facet]

    def any_of(self, facet: str, codes: Iterable) -> int:
        """Projects with any of ``codes`` in ``facet`` (OR within a facet)."""
        result = 0
        for code in codes:
            result |= self.get(facet, code)
        return result

    def years(self, first: int | None, last: int | None) -> int:
        """Projects whose period overlaps ``first``..``last`` (either end open)."""
        keys: list[int | str] = [] if first is not None else [BEFORE]
        keys += range(max(first or FIRST_YEAR, FIRST_YEAR), min(last or LAST_YEAR, LAST_YEAR) + 1)
        if last is None:
            keys.append(AFTER)
        return self.any_of("year", keys)

    def budget_between(self, low: float | None, high: float | None) -> int:
        """Projects with a recorded total budget within ``low``..``high``."""
        found = Bits(self.size)
        for pid, value in enumerate(self.budget):
            if not math.isnan(value) and (low is None or value >= low) and (
                    high is None or value <= high):
                found.put(pid, True)
        return found.value

    def sort_key(self, sort: str):
        """A key function on project ids for ``sort`` (smaller first), ties by newer id."""
        column, sign = {"newest": (self.start, -1), "oldest": (self.start, 1),
                        "budget": (self.budget, -1), "updated": (self.updated, -1)}[sort]

        def key(pid: int) -> tuple:
            value = column[pid]
            return (1, 0.0, -pid) if math.isnan(value) else (0, sign * value, -pid)
        return key


def bitmap_of(ids: Iterable[int]) -> int:
    """The bitmap with ``ids`` set."""
    data = bytearray(1024)
    for pid in ids:
        byte = pid >> 3
        if byte >= len(data):
            data.extend(bytes(max(byte + 1, 2 * len(data)) - len(data)))
        data[byte] |= 1 << (pid & 7)
    return int.from_bytes(data, "little")


def bitmap_of_words(rows: Iterable[tuple[int, int]]) -> int:
    """The bitmap from SQL that grouped ids 64 to a row: (id >> 6, their bits as a
    signed 64-bit integer)."""
    rows = list(rows)
    if not rows:
        return 0
    words = array("Q", bytes(8 * (max(word for word, _ in rows) + 1)))
    for word, bits in rows:
        words[word] = bits & 0xFFFF_FFFF_FFFF_FFFF
    if sys.byteorder == "big":
        words.byteswap()
    return int.from_bytes(words.tobytes(), "little")


def ids_of(bitmap: int) -> Iterator[int]:
    """The project ids set in ``bitmap``, in increasing order."""
    data = bitmap.to_bytes((bitmap.bit_length() + 7) // 8, "little")
    for byte_index, byte in enumerate(data):
        while byte:
            low = byte & -byte
            yield (byte_index << 3) + low.bit_length() - 1
            byte ^= low


def ids_descending(bitmap: int, limit: int) -> list[int]:
    """The ``limit`` highest project ids set in ``bitmap``, highest first."""
    return list(itertools.islice(iter_descending(bitmap), limit))


def iter_descending(bitmap: int) -> Iterator[int]:
    """The project ids set in ``bitmap``, highest first, read only as far as asked."""
    data = bitmap.to_bytes((bitmap.bit_length() + 7) // 8, "little")
    for byte_index in range(len(data) - 1, -1, -1):
        byte = data[byte_index]
        while byte:
            top = byte.bit_length() - 1
            yield (byte_index << 3) + top
            byte ^= 1 << top


def member_test(bitmap: int):
    """A fast ``pid in bitmap`` test for many lookups against one bitmap."""
    data = bitmap.to_bytes((bitmap.bit_length() + 7) // 8 or 1, "little")
    size = len(data)
    return lambda pid: (pid >> 3) < size and bool(data[pid >> 3] >> (pid & 7) & 1)


def _date(value) -> date | None:
    """A date from the driver: a date (PostgreSQL) or ISO text (SQLite)."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value[:10])


def _timestamp(value) -> float:
    if value is None:
        return NAN
    if isinstance(value, str):  # SQLite keeps naive UTC text
        value = datetime.fromisoformat(value).replace(tzinfo=UTC)
    return value.timestamp()


def _years(first: int, last: int) -> Iterator:
    if first < FIRST_YEAR:
        yield BEFORE
    if last > LAST_YEAR:
        yield AFTER
    yield from range(max(first, FIRST_YEAR), min(last, LAST_YEAR) + 1)
