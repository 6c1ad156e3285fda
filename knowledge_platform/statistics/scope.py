"""Which published projects figures are about: every one, or those a search finds."""
from __future__ import annotations

import json
from dataclasses import dataclass, replace
from urllib.parse import parse_qsl

from sqlalchemy import (
    JSON,
    ColumnElement,
    Integer,
    String,
    and_,
    cast,
    false,
    func,
    literal,
    select,
)
from werkzeug.datastructures import MultiDict

from knowledge_platform.caching import GenerationCache
from knowledge_platform.db import db
from knowledge_platform.models import Project, Status
from knowledge_platform.search import generations
from knowledge_platform.search.params import SearchParams
from knowledge_platform.search.schema import parse_params
from knowledge_platform.search.service import matching_ids

PUBLISHED = Project.status == Status.PUBLISHED


@dataclass(frozen=True)
class Scope:
    """A search's parameters as a canonical query string ("" for every published project);
    hashable, so figures of one search are cached until the data changes."""

    query: str = ""

    @classmethod
    def of(cls, params: SearchParams) -> Scope:
        """The scope of ``params``, whatever their order, sort and page."""
        defaults = SearchParams()
        narrowed = replace(params, sort=defaults.sort, page=1, per_page=defaults.per_page,
                           terms={name: tuple(sorted(codes))
                                  for name, codes in params.terms.items()},
                           decade=tuple(sorted(params.decade)))
        return cls(narrowed.query_string().lstrip("?"))

    @property
    def params(self) -> SearchParams:
        return parse_params(MultiDict(parse_qsl(self.query, keep_blank_values=True)))

    def condition(self) -> ColumnElement[bool]:
        """The WHERE clause of the projects in scope."""
        if not self.query:
            return PUBLISHED
        return and_(PUBLISHED, ids_in(Project.id, _ids_json(self)))


# A search's ids, worked out once per search and data generation rather than once per figure
# of the page; few are kept, as one search may find a hundred thousand projects.
IDS = GenerationCache(16)


def _ids_json(scope: Scope) -> str:
    return IDS.get((scope.query,), generations.request_generation,
                   lambda: json.dumps(matching_ids(scope.params)))


def ids_in(column, ids_json: str) -> ColumnElement[bool]:
    """``column`` IN the ids of a JSON array, as one parameter (a hundred thousand ids
    exceed the bound parameters a statement may have)."""
    if ids_json == "[]":
        return false()
    if db.engine.dialect.name == "postgresql":
        # A string cast in SQL: as a JSON-typed value it would be sent as one JSON string.
        values = func.json_array_elements_text(
            cast(literal(ids_json, String), JSON)).table_valued("value")
        return column.in_(select(cast(values.c.value, Integer)))
    values = func.json_each(ids_json).table_valued("value")
    return column.in_(select(values.c.value))
