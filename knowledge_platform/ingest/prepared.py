"""A document read and extracted, ready to store: everything an import needs before the database.

Nothing here touches the database, so it runs as well in a worker process as in the run's own.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from importers import Document, ReadError
from importers.extract import extract
from importers.readers.errors import describe


@dataclass
class Prepared:
    """One document's record and source text, or (``record`` None) why it has none."""

    location: str
    record: dict[str, Any] | None = None
    media_type: str = ""
    text: str = ""
    content_hash: str = ""
    problem: str = ""
    # What went wrong when ``problem`` alone does not tell (it goes to the log, not the report).
    error: Exception | None = field(default=None, repr=False, compare=False)


def prepare(item: Document | ReadError) -> Prepared:
    """Extract the record of a document that was read; a read or extraction failure as such."""
    if isinstance(item, ReadError):
        return Prepared(item.source, problem=item.problem)
    try:
        record = extract(item)
    except Exception as error:  # an extractor bug fails this document, not the run
        return Prepared(item.source, problem=describe_problem(error),
                        error=None if isinstance(error, ValueError) else error)
    return Prepared(
        item.source,
        record=record,
        media_type=item.media_type,
        text=item.text,
        content_hash=hashlib.sha256(item.raw or item.text.encode()).hexdigest(),
    )


def describe_problem(error: Exception) -> str:
    """One line for the report: a ValueError's own words, else its type and first line."""
    if isinstance(error, ValueError):
        return str(error)
    return describe(error)
