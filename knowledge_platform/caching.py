"""Values that stay true until the data changes, cached per process and search generation.

Every change to projects bumps the search generation in the same transaction
(``search/generations.py``), so a cached value is reused exactly as long as it is right.
"""
from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

from flask import has_request_context
from flask_babel import get_locale

from knowledge_platform.db import db
from knowledge_platform.search import generations

T = TypeVar("T")


class GenerationCache:
    """The most recently used values per database and key, each valid at one generation."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._values: OrderedDict[tuple, tuple[int, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple, generation: Callable[[], int], compute: Callable[[], T]) -> T:
        """The value kept for ``key`` at the current ``generation()``, else ``compute()`` kept."""
        if generations.uncommitted(db.session()):
            # This transaction's own changes may yet be rolled back: nothing to share.
            return compute()
        at = generation()
        full_key = (str(db.engine.url), *key)
        with self._lock:
            found = self._values.get(full_key)
            if found is not None and found[0] == at:
                self._values.move_to_end(full_key)
                return found[1]
        value = compute()
        with self._lock:
            self._values[full_key] = (at, value)
            self._values.move_to_end(full_key)
            while len(self._values) > self.size:
                self._values.popitem(last=False)
        return value

    def clear(self) -> None:
        """Forget every value (benchmarks of first-time work)."""
        with self._lock:
            self._values.clear()

    def __len__(self) -> int:
        return len(self._values)


def per_generation(function: Callable[..., T]) -> Callable[..., T]:
    """Cache ``function``'s result per database, arguments and locale until the data changes.

    Only for functions returning plain data (never ORM objects tied to a session).
    """
    cache = GenerationCache(512)

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        locale = str(get_locale()) if has_request_context() else ""
        return cache.get((locale, args, tuple(sorted(kwargs.items()))),
                         generations.request_generation, lambda: function(*args, **kwargs))

    wrapper.cache = cache  # type: ignore[attr-defined]  # tests look inside
    return wrapper
