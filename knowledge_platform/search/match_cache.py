"""Recent full-text answers per process, so paging, sorting and facet clicks skip the index.

A search that changes only its filters, sort or page asks the full-text index the same
question again. Its answer (a bitmap) is kept per database, search generation and query:
a change to any project starts a new generation, which leaves older answers unused. A
transaction that changed projects reads and fills nothing, as its generation is its own.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable

from knowledge_platform.db import db
from knowledge_platform.search import generations

SIZE = 128  # answers kept; at a million projects a bitmap takes 125 kB

_answers: OrderedDict[tuple, int] = OrderedDict()
_lock = threading.Lock()


def remembered(question: tuple, generation: int, answer: Callable[[], int]) -> int:
    """The cached answer to ``question`` at ``generation``, else ``answer()`` kept."""
    if generations.uncommitted(db.session()):
        return answer()
    key = (str(db.engine.url), generation, *question)
    with _lock:
        if key in _answers:
            _answers.move_to_end(key)
            return _answers[key]
    value = answer()
    with _lock:
        _answers[key] = value
        while len(_answers) > SIZE:
            _answers.popitem(last=False)
    return value


def clear() -> None:
    """Forget every answer (benchmarks of first-time queries)."""
    with _lock:
        _answers.clear()
