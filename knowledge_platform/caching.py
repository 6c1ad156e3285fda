"""Figures that stay true until the data changes, cached per process and search generation.

Every change to projects bumps the search generation in the same transaction
(``search/generations.py``), so a cached figure is reused exactly as long as it is right.
"""
from __future__ import annotations

import functools
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

from flask import has_request_context
from flask_babel import get_locale

from knowledge_platform.db import db
from knowledge_platform.search import generations

T = TypeVar("T")
_KEEP = 512


def per_generation(function: Callable[..., T]) -> Callable[..., T]:
    """Cache ``function``'s result per database, arguments and locale until the data changes.

    Only for functions returning plain data (never ORM objects tied to a session).
    """
    cache: OrderedDict[tuple, tuple[int, Any]] = OrderedDict()

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        if generations.uncommitted(db.session()):
            # This transaction's own changes may yet be rolled back: nothing to share.
            return function(*args, **kwargs)
        generation = generations.request_generation()
        locale = str(get_locale()) if has_request_context() else ""
        key = (str(db.engine.url), locale, args, tuple(sorted(kwargs.items())))
        found = cache.get(key)
        if found is not None and found[0] == generation:
            return found[1]
        value = function(*args, **kwargs)
        cache[key] = (generation, value)
        cache.move_to_end(key)
        while len(cache) > _KEEP:
            cache.popitem(last=False)
        return value

    wrapper.cache = cache  # type: ignore[attr-defined]  # tests look inside
    return wrapper
