"""Marshmallow schemas for every input of the API, and loading request arguments with them."""
from __future__ import annotations

import re
from typing import Any

from marshmallow import RAISE, Schema, ValidationError, fields, validates_schema
from marshmallow.validate import Length, OneOf, Range, Regexp
from werkzeug.datastructures import MultiDict

from knowledge_platform.api.http import fail
from knowledge_platform.catalogue import FACETS
from knowledge_platform.search.params import MAX_PER_PAGE, SORTS, SearchParams
from knowledge_platform.search.service import known_codes

LANGUAGES = ("cs", "en")
MAX_ID = 2**31 - 1  # the largest id either database can hold
MAX_AMOUNT = 10**15  # above any budget a Numeric(15, 2) column holds
# Control characters mean nothing in a query, and PostgreSQL rejects NUL outright.
PRINTABLE = Regexp(r"^[^\x00-\x1f\x7f]*$", error="must not contain control characters")
BOOLEAN: dict[str, Any] = {"truthy": {"1", "true"}, "falsy": {"0", "false"}}


def _multiple_of_ten(value: int) -> None:
    if value % 10:
        raise ValidationError("must be a multiple of 10")


class Amount(fields.Decimal):
    """A non-negative amount, also written the Czech way ("1 000 000", "2500,50")."""

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, str):
            value = value.replace(" ", "").replace("\xa0", "").replace(",", ".")
        return super()._deserialize(value, attr, data, **kwargs)


class Query(Schema):
    """Query parameters: unknown ones are refused, so a misspelt filter is never ignored."""

    class Meta:
        unknown = RAISE

    error_messages = {"unknown": "unknown parameter"}


class PageQuery(Query):
    page = fields.Integer(load_default=1, validate=Range(1, 1_000_000),
                          metadata={"description": "Page number, from 1."})
    per_page = fields.Integer(load_default=20, validate=Range(1, MAX_PER_PAGE),
                              metadata={"description": f"Items per page, at most {MAX_PER_PAGE}."})


def _codes(description: str) -> fields.List:
    return fields.List(fields.String(validate=Length(1, 40)), load_default=list,
                       metadata={"description": description + " (repeatable: any of them)."})


class ProjectsQuery(PageQuery):
    """The search page's parameters, plus ``facets`` and ``locale``."""

    q = fields.String(load_default="", validate=[Length(max=500), PRINTABLE], metadata={
        "description": 'Search text: words (all of them), "phrases", OR, -exclusion, prefix*.'})
    decade = fields.List(fields.Integer(validate=[Range(1900, 2100), _multiple_of_ten],
                                        metadata={"multipleOf": 10}),
                         load_default=list,
                         metadata={"description": "Decade the project ran in, e.g. 2010 "
                                                  "(repeatable)."})
    year_from = fields.Integer(validate=Range(1900, 2100),
                               metadata={"description": "Running in or after this year."})
    year_to = fields.Integer(validate=Range(1900, 2100),
                             metadata={"description": "Running in or before this year."})
    budget_min = Amount(validate=Range(0, MAX_AMOUNT),
                        metadata={"description": "Smallest total budget."})
    budget_max = Amount(validate=Range(0, MAX_AMOUNT),
                        metadata={"description": "Largest total budget."})
    lang = fields.String(validate=OneOf(LANGUAGES),
                         metadata={"description": "Language the project was recorded in."})
    good_practice = fields.Boolean(**BOOLEAN, metadata={
        "description": "Only good practices (true) or only the others (false)."})
    sort = fields.String(load_default="relevance", validate=OneOf(SORTS), metadata={
        "description": "Order; relevance needs q, else newest is used."})
    facets = fields.Boolean(load_default=False, **BOOLEAN,
                            metadata={"description": "Include facet counts."})
    locale = fields.String(load_default="cs", validate=OneOf(LANGUAGES), metadata={
        "description": "Language of each item's title and snippet and of facet labels."})

    @validates_schema(skip_on_field_errors=False)
    def _check(self, data: dict[str, Any], **_kwargs) -> None:
        problems = {}
        first, last = data.get("year_from"), data.get("year_to")
        if first is not None and last is not None and first > last:
            problems["year_to"] = "must not be before year_from"
        if any(data.get(facet.name) for facet in FACETS):
            codes = known_codes()
            for facet in FACETS:
                unknown = [code for code in data.get(facet.name, ())
                           if code not in codes[facet.name]]
                if unknown:
                    problems[facet.name] = f"unknown code {', '.join(unknown)}"
        if problems:
            raise ValidationError(problems)


# One repeatable code parameter per catalogue facet, named like the facet.
# The class name rebound to the generated subclass: a type mypy will not let be reassigned.
ProjectsQuery = ProjectsQuery.from_dict(  # type: ignore[misc, assignment]
    {facet.name: _codes(f"{facet.label} code, see /{facet.slug}") for facet in FACETS},
    name="ProjectsQuery")


class OrganisationsQuery(PageQuery):
    q = fields.String(load_default="", validate=[Length(max=200), PRINTABLE], metadata={
        "description": "Part of the organisation's name or of one of its other names."})
    sort = fields.String(load_default="name", validate=OneOf(("name", "projects")), metadata={
        "description": "By name, or by the number of published projects (most first)."})


class NoQuery(Query):
    """Endpoints without parameters still refuse unknown ones."""


def load(schema: Schema, args: MultiDict) -> dict[str, Any]:
    """Validate request arguments with ``schema``; raise ValidationError naming each bad one.

    Empty values count as absent, as on the search page, whose forms send them.
    """
    data: dict[str, Any] = {}
    for name in args:
        field = schema.fields.get(name)
        if field is None:
            data[name] = args.get(name)  # refused as unknown, even when empty
        elif isinstance(field, fields.List):
            values = [value for value in args.getlist(name) if value != ""]
            if values:
                data[name] = values
        elif args.get(name, "") != "":
            data[name] = args.get(name)
    return schema.load(data)


def validated(schema: Schema, args: MultiDict) -> dict[str, Any]:
    """``args`` loaded by ``schema``, or a 400 JSON response naming each bad parameter."""
    try:
        return load(schema, args)
    except ValidationError as error:
        fail(400, problems(error))


def problems(error: ValidationError) -> dict[str, str]:
    """Marshmallow's nested messages as one message per parameter."""
    messages = error.normalized_messages()
    return {name: _flatten(message) for name, message in messages.items()}


def _flatten(message: Any) -> str:
    if isinstance(message, dict):
        return "; ".join(_flatten(value) for value in message.values())
    if isinstance(message, list | tuple):
        return "; ".join(_flatten(value) for value in message)
    return re.sub(r"\s+", " ", str(message)).strip()


def search_params(data: dict[str, Any]) -> SearchParams:
    """Validated ``ProjectsQuery`` data as the search layer's parameters."""
    values = {name: data[name] for name in (
        "q", "year_from", "year_to", "budget_min", "budget_max", "lang", "good_practice",
        "sort", "page", "per_page") if data.get(name) is not None}
    values["q"] = values.get("q", "").strip()
    values["decade"] = tuple(dict.fromkeys(data.get("decade", ())))
    values["terms"] = {facet.name: tuple(dict.fromkeys(data[facet.name]))
                       for facet in FACETS if data.get(facet.name)}
    return SearchParams(**values)
