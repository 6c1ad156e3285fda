"""This process's facet bitmaps per database (with the frequent words' on PostgreSQL,
``term_postings``), kept up to date, and their snapshot.

A process that has no bitmaps yet reads the snapshot (one compressed row in the database)
and brings it up to date from the change log; when there is none, or the log no longer
reaches back to it, it reads every project and writes a new snapshot for the processes
after it.
"""
from __future__ import annotations

import json
import logging
import struct
import threading
import zlib
from array import array
from collections import OrderedDict

from flask import has_request_context
from sqlalchemy import delete, insert, select
from sqlalchemy.engine import Connection

from knowledge_platform.db import db
from knowledge_platform.models import BitmapSnapshot
from knowledge_platform.search import generations, term_postings
from knowledge_platform.search.bitmaps import Bits, FacetIndex

log = logging.getLogger(__name__)
# Catching up more changes than this from the log costs more than writing a new snapshot.
REFRESH_AFTER = 200
_HEADER = struct.Struct("<I")
_COLUMNS = ("start", "budget", "updated")


def dump(index: FacetIndex) -> bytes:
    """``index`` as bytes: a JSON header (keys, sizes), then every bitmap and sort column."""
    keys = list(index.bits)
    header = json.dumps({"generation": index.generation, "size": index.size,
                         "vocabulary": index.vocabulary,
                         "columns": len(index.start), "keys": keys}).encode()
    body = b"".join(bytes(index.bits[key].data) for key in keys)
    body += b"".join(getattr(index, name).tobytes() for name in _COLUMNS)
    return zlib.compress(_HEADER.pack(len(header)) + header + body, 1)


def restore(data: bytes) -> FacetIndex:
    """The index ``dump`` wrote."""
    raw = zlib.decompress(data)
    (length,) = _HEADER.unpack_from(raw)
    header = json.loads(raw[_HEADER.size:_HEADER.size + length])
    index = FacetIndex(header["generation"])
    index.size = size = header["size"]
    index.vocabulary = header.get("vocabulary")
    offset = _HEADER.size + length
    for key in header["keys"]:
        bits = index.bits[tuple(key)] = Bits(0)
        bits.data = bytearray(raw[offset:offset + size])
        offset += size
    width = header["columns"] * array("d").itemsize
    for name in _COLUMNS:
        column = array("d")
        column.frombytes(raw[offset:offset + width])
        setattr(index, name, column)
        offset += width
    if index.vocabulary is None:
        term_postings.drop(index)  # written by a release that kept no word list
    return index


def load(connection: Connection, generation: int, reset: int) -> FacetIndex | None:
    """The snapshot brought up to ``generation``, or None when there is none to use."""
    row = connection.execute(select(BitmapSnapshot.generation, BitmapSnapshot.data)).first()
    if row is None or row.generation < reset or row.generation > generation:
        return None
    changed = generations.changed_since(connection, row.generation, generation)
    if changed is None:
        return None
    index = restore(row.data)
    _catch_up(connection, index, changed)
    index.generation = generation
    if _add_words(connection, index) or generation - row.generation > REFRESH_AFTER:
        save(index)
    return index


def save(index: FacetIndex) -> None:
    """Replace the snapshot with ``index``, in a transaction of its own; a failure (another
    process writing at the same moment) costs only the next start's speed."""
    session_connection = db.session.connection()
    if session_connection.dialect.name == "sqlite" and getattr(
            session_connection.connection.dbapi_connection, "in_transaction", False):
        return  # this request writes: a second writer would wait for it to finish
    data = dump(index)
    try:
        with db.engine.begin() as connection:
            connection.execute(delete(BitmapSnapshot))
            connection.execute(insert(BitmapSnapshot).values(
                id=1, generation=index.generation, data=data))
    except Exception as error:  # never fail a search for the sake of the next start
        log.warning("bitmap snapshot not written: %s", error)


def _add_words(connection: Connection, index: FacetIndex) -> bool:
    """Add the frequent words' bitmaps to ``index`` if it lacks them, on PostgreSQL and
    never while a visitor waits: they take a minute at a million projects, so server
    start-up (``ops.serve.warm``), commands and benchmarks build them. An index read during
    a request leaves them out and PostgreSQL answers every word until then."""
    if (index.vocabulary is not None or has_request_context()
            or not term_postings.applies(connection)):
        return False
    term_postings.build(connection, index)
    return True


def _catch_up(connection: Connection, index: FacetIndex, changed: set[int]) -> None:
    """Re-read the projects in ``changed``: their facets, then their kept words."""
    index.load(connection, changed)
    term_postings.update(connection, index, changed)


_indexes: OrderedDict[str, FacetIndex] = OrderedDict()
_lock = threading.Lock()
_KEEP_DATABASES = 4


def forget() -> None:
    """Drop this process's bitmaps (a parent process before it forks its workers)."""
    with _lock:
        _indexes.clear()


def current(connection: Connection) -> FacetIndex:
    """This process's bitmaps for the connection's database, brought up to date."""
    generation, reset = generations.state(connection)
    index: FacetIndex | None
    if generations.uncommitted(db.session()):
        # Its own changes, which may yet be rolled back: read afresh, cache nothing.
        index = FacetIndex(generation)
        index.load(connection)
        return index
    key = str(connection.engine.url)
    with _lock:
        index = _indexes.get(key)
        if index is not None and index.generation < generation:
            changed = None if index.generation < reset else generations.changed_since(
                connection, index.generation, generation)
            if changed is None:
                index = None
            else:
                _catch_up(connection, index, changed)
                index.generation = generation
        if index is None:
            index = load(connection, generation, reset)
        if index is None:
            index = FacetIndex(generation)
            index.load(connection)
            _add_words(connection, index)
            save(index)
        _indexes[key] = index
        _indexes.move_to_end(key)
        while len(_indexes) > _KEEP_DATABASES:
            _indexes.popitem(last=False)
        return index
