"""Recent full-text answers per process, so paging, sorting and facet clicks skip the index.

A search that changes only its filters, sort or page asks the full-text index the same
question again. Its answer (a bitmap) is kept per database, search generation and query:
a change to any project starts a new generation, which leaves older answers unused. A
transaction that changed projects reads and fills nothing, as its generation is its own.
"""
from __future__ import annotations

from collections.abc import Callable

from knowledge_platform.caching import GenerationCache

SIZE = 128  # answers kept; at a million projects a bitmap takes 125 kB

_answers = GenerationCache(SIZE)


def remembered(question: tuple, generation: int, answer: Callable[[], int]) -> int:
    """The cached answer to ``question`` at ``generation``, else ``answer()`` kept."""
    return _answers.get(question, lambda: generation, answer)


def clear() -> None:
    """Forget every answer (benchmarks of first-time queries)."""
    _answers.clear()
