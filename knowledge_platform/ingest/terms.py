"""The vocabulary terms of one import run: read once, handed to each document without a query.

Every commit expires the session's objects, so each document's terms were read again, one
query per vocabulary. The vocabularies change only with a migration, so a run reads each
once and puts its terms back into the session as a second-level cache does (``merge`` with
``load=False``: the session's copy takes the cached values, no SQL is emitted).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import make_transient_to_detached

from knowledge_platform.db import db
from knowledge_platform.models.vocabulary import VocabularyTerm

_current: ContextVar[TermCache | None] = ContextVar("term_cache", default=None)


class TermCache:
    """Code -> term of each vocabulary used so far in one import run."""

    def __init__(self) -> None:
        self._vocabularies: dict[Any, dict[str, VocabularyTerm]] = {}

    def terms(self, model: Any, codes: list[str]) -> dict[str, VocabularyTerm]:
        """The session's terms of ``model`` with any of ``codes`` (unknown codes left out)."""
        return {code: db.session.merge(term, load=False)
                for code, term in self.values(model, codes).items()}

    def values(self, model: Any, codes: list[str]) -> dict[str, VocabularyTerm]:
        """Detached copies of those terms, to read only: what plain INSERTs need of them."""
        known = self._vocabularies.get(model)
        if known is None:
            known = self._vocabularies[model] = _detached_copies(model)
        return {code: known[code] for code in codes if code in known}


def _detached_copies(model: Any) -> dict[str, VocabularyTerm]:
    """Every term of ``model`` as a clean detached copy, which ``merge(load=False)`` takes."""
    copies: dict[str, VocabularyTerm] = {}
    columns = [column.key for column in inspect(model).column_attrs]
    with db.session.no_autoflush:  # a term is never pending: flushing first finds nothing
        for term in db.session.scalars(select(model)):
            copy = model(**{column: getattr(term, column) for column in columns})
            make_transient_to_detached(copy)
            copies[term.code] = copy
    return copies


def current() -> TermCache | None:
    """The term cache of the import run in progress, None outside one."""
    return _current.get()


@contextmanager
def term_cache() -> Iterator[TermCache]:
    """Hand out vocabulary terms from one cache until the block ends."""
    cache = TermCache()
    token = _current.set(cache)
    try:
        yield cache
    finally:
        _current.reset(token)
