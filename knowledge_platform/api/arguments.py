"""Marshmallow schemas for the API's own inputs, and answering 400 for bad arguments.

The search parameters' schema is the search layer's (``search.schema``), shared with the site.
"""
from __future__ import annotations

from typing import Any

from flask_babel import force_locale
from marshmallow import Schema, ValidationError, fields
from marshmallow.validate import Length, OneOf
from werkzeug.datastructures import MultiDict

from knowledge_platform.api.http import fail
from knowledge_platform.search.schema import (
    PRINTABLE,
    PageQuery,
    ProjectsQuery,
    Query,
    load,
    problems,
    search_params,
)

__all__ = ["OrganisationsQuery", "NoQuery", "ProjectsQuery", "search_params", "validated"]


class OrganisationsQuery(PageQuery):
    q = fields.String(load_default="", validate=[Length(max=200), PRINTABLE], metadata={
        "description": "Part of the organisation's name or of one of its other names."})
    sort = fields.String(load_default="name", validate=OneOf(("name", "projects")), metadata={
        "description": "By name, or by the number of published projects (most first)."})


class NoQuery(Query):
    """Endpoints without parameters: any given is ignored, and named as such."""


def validated(schema: Schema, args: MultiDict) -> dict[str, Any]:
    """``args`` loaded by ``schema``, or a 400 JSON response naming each bad parameter."""
    # The API speaks English whatever the reader's language (the site translates them).
    with force_locale("en"):
        try:
            return load(schema, args)
        except ValidationError as error:
            fail(400, problems(error))


