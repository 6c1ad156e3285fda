"""Hits whose text states the opposite of the query move down the ranking.

"Interpreting for Ukrainian children" should not rank first a project that "focused on
the Mongolian and Vietnamese communities rather than on Ukrainian newcomers": its words
match, its meaning does not. Only the ranked page and the few hits after it are read.
"""
from __future__ import annotations

from sqlalchemy import select

from knowledge_platform.db import db
from knowledge_platform.models import Project
from search_index import contradicts

DEMOTION = 10  # places a contradicting hit moves down
TEXTS = [(getattr(Project, f"{name}_{language}"), language)
         for name in ("title", "summary", "description") for language in ("cs", "en")]
_TEXTS = select(Project.id, *(column for column, _ in TEXTS))


def demoted(ids: list[int], ast) -> list[int]:
    """``ids`` (best first) with each hit that contradicts ``ast`` moved ``DEMOTION``
    places down. The first n places depend only on the first n + ``DEMOTION`` ids."""
    if not ids or ast is None:
        return ids
    wrong = set()
    for row in db.session.execute(_TEXTS.where(Project.id.in_(ids))):
        texts = [(text, language) for text, (_, language) in zip(row[1:], TEXTS, strict=True)]
        if contradicts(texts, ast):
            wrong.add(row[0])
    if not wrong:
        return ids
    order = {pid: place + (DEMOTION + 0.5 if pid in wrong else 0)
             for place, pid in enumerate(ids)}
    return sorted(ids, key=order.__getitem__)
