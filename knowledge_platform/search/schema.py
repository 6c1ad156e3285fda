"""The one contract for search parameters: the schema the site, the exports, the Atom feed,
``kp search`` and the API all load them with, so one value gets one verdict everywhere.

Its messages are translatable: pages show them in the reader's language, the API (which
loads under ``force_locale("en")``) in English.
"""
from __future__ import annotations

import re
from typing import Any

from flask import g, has_request_context
from flask_babel import format_number
from flask_babel import lazy_gettext as _l
from marshmallow import EXCLUDE, Schema, ValidationError, fields, post_load, validates_schema
from marshmallow.validate import Length, OneOf, Range, Regexp
from werkzeug.datastructures import MultiDict

from knowledge_platform.catalogue import FACETS
from knowledge_platform.search.params import (
    MAX_PER_PAGE,
    SORTS,
    ParameterError,
    SearchParams,
)
from knowledge_platform.search.service import known_codes

LANGUAGES = ("cs", "en")
MAX_AMOUNT = 10**15  # above any budget a Numeric(15, 2) column holds
# Control characters and non-characters mean nothing in a query; PostgreSQL rejects NUL
# outright and XML (the Atom feed) cannot carry them.
PRINTABLE = Regexp(r"^[^\x00-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]*$",
                   error=_l("must not contain control characters or non-characters"))
BOOLEAN: dict[str, Any] = {"truthy": {"1", "true"}, "falsy": {"0", "false"}}


class GroupedRange(Range):
    """A range whose message writes its limits with the digit grouping of the message's
    language: "between 0 and 1,000,000,000,000,000", "mezi 0 a 1 000 000 000 000 000"."""

    def _format_error(self, value: Any, message: str) -> str:
        return (self.error or message).format(input=value, min=format_number(self.min),
                                              max=format_number(self.max))


def _range(low: int, high: int) -> Range:
    return GroupedRange(low, high, error=_l("must be between {min} and {max}"))


def _year_range(low: int = 1900, high: int = 2100) -> Range:
    # Years read as years ("1900"), never grouped ("1,900").
    return Range(low, high, error=_l("must be between {min} and {max}"))


def _one_of(choices) -> OneOf:
    return OneOf(choices, error=_l("must be one of: {choices}"))


def _multiple_of_ten(value: int) -> None:
    if value % 10:
        # In a list: marshmallow would read a lazy string, being no str, as a list of characters.
        raise ValidationError([_l("must be a multiple of 10")])


# Marshmallow's own messages, translatable.
INTEGER = {"invalid": _l("must be a whole number"), "too_large": _l("is too large")}
NUMBER = {"invalid": _l("must be a number"),
          "special": _l("must be a number (not NaN or infinity)")}
YES_NO = {"invalid": _l("must be 1 or 0")}


class Amount(fields.Decimal):
    """A non-negative amount, also written the Czech way ("1 000 000", "2500,50")."""

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, str):
            value = value.replace(" ", "").replace("\xa0", "").replace(",", ".")
        return super()._deserialize(value, attr, data, **kwargs)


class Query(Schema):
    """Query parameters. Unknown ones are ignored everywhere, the API's answers naming them in
    an Ignored-Parameters header: links arrive with tracking parameters, and one
    parameter gets one verdict on every page and in the API."""

    class Meta:
        unknown = EXCLUDE


class PageQuery(Query):
    page = fields.Integer(load_default=1, validate=_range(1, 1_000_000), error_messages=INTEGER,
                          metadata={"description": "Page number, from 1."})
    per_page = fields.Integer(load_default=20, validate=_range(1, MAX_PER_PAGE),
                              error_messages=INTEGER,
                              metadata={"description": f"Items per page, at most {MAX_PER_PAGE}."})


def _codes(description: str) -> fields.List:
    return fields.List(fields.String(validate=Length(1, 40, error=_l("is too long"))),
                       load_default=list,
                       metadata={"description": description + " (repeatable: any of them)."})


class ProjectsQuery(PageQuery):
    """The search page's parameters, plus ``facets`` and ``locale``."""

    q = fields.String(load_default="", validate=[
        Length(max=500, error=_l("must be at most {max} characters long")), PRINTABLE], metadata={
        "description": 'Search text: words (all of them), "phrases", OR, -exclusion, prefix*.'})
    decade = fields.List(fields.Integer(validate=[_year_range(), _multiple_of_ten],
                                        error_messages=INTEGER, metadata={"multipleOf": 10}),
                         load_default=list,
                         metadata={"description": "Decade the project ran in, e.g. 2010 "
                                                  "(repeatable)."})
    year_from = fields.Integer(validate=_year_range(), error_messages=INTEGER,
                               metadata={"description": "Running in or after this year."})
    year_to = fields.Integer(validate=_year_range(), error_messages=INTEGER,
                             metadata={"description": "Running in or before this year."})
    budget_min = Amount(validate=_range(0, MAX_AMOUNT), error_messages=NUMBER,
                        metadata={"description": "Smallest total budget."})
    budget_max = Amount(validate=_range(0, MAX_AMOUNT), error_messages=NUMBER,
                        metadata={"description": "Largest total budget."})
    lang = fields.String(validate=_one_of(LANGUAGES),
                         metadata={"description": "Language the project was recorded in."})
    good_practice = fields.Boolean(**BOOLEAN, error_messages=YES_NO, metadata={
        "description": "Only good practices (true) or only the others (false)."})
    sort = fields.String(load_default="relevance", validate=_one_of(SORTS), metadata={
        "description": "Order; relevance needs q, else newest is used."})
    facets = fields.Boolean(load_default=False, **BOOLEAN, error_messages=YES_NO,
                            metadata={"description": "Include facet counts."})
    locale = fields.String(load_default="cs", validate=_one_of(LANGUAGES), metadata={
        "description": "Language of each item's title and snippet and of facet labels."})

    @validates_schema(skip_on_field_errors=False)
    def _check(self, data: dict[str, Any], **_kwargs) -> None:
        problems = {}
        if any(data.get(facet.name) for facet in FACETS):
            codes = known_codes()
            for facet in FACETS:
                unknown = [code for code in data.get(facet.name, ())
                           if code not in codes[facet.name]]
                if unknown:
                    problems[facet.name] = _l("unknown code %(codes)s",
                                              codes=", ".join(unknown))
        if problems:
            raise ValidationError(problems)


    @post_load
    def _years_in_order(self, data: dict[str, Any], **_kwargs) -> dict[str, Any]:
        # "From 2020 to 2010" means the years between them: read the right way round.
        first, last = data.get("year_from"), data.get("year_to")
        if first is not None and last is not None and first > last:
            data["year_from"], data["year_to"] = last, first
        return data


# One repeatable code parameter per catalogue facet, named like the facet.
# The class name rebound to the generated subclass: a type mypy will not let be reassigned.
ProjectsQuery = ProjectsQuery.from_dict(  # type: ignore[misc, assignment]
    {facet.name: _codes(f"{facet.label} code, see /{facet.slug}") for facet in FACETS},
    name="ProjectsQuery")


def load(schema: Schema, args: MultiDict) -> dict[str, Any]:
    """Validate request arguments with ``schema``; raise ValidationError naming each bad one.

    Empty values count as absent, as on the search page, whose forms send them.
    """
    data: dict[str, Any] = {}
    unknown = [name for name in args if name not in schema.fields]
    if unknown and has_request_context():
        g.ignored_parameters = unknown
    for name in args:
        field = schema.fields.get(name)
        if field is None:
            continue
        if isinstance(field, fields.List):
            values = [value for value in args.getlist(name) if value != ""]
            if values:
                data[name] = values
        elif args.get(name, "") != "":
            data[name] = args.get(name)
    return schema.load(data)


def problems(error: ValidationError) -> dict[str, str]:
    """Marshmallow's nested messages as one message per parameter."""
    messages = error.normalized_messages()
    return {name: _flatten(message) for name, message in messages.items()}


def _flatten(message: Any) -> str:
    if isinstance(message, dict):
        return "; ".join(_flatten(value) for value in message.values())
    if isinstance(message, list | tuple):
        return "; ".join(_flatten(value) for value in message)
    # No-break spaces stay: they hold a grouped number ("1 000 000") on one line.
    return re.sub(r"[^\S\xa0\u202f]+", " ", str(message)).strip()


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


# Parameters only the API's JSON takes; pages, exports and the feed ignore them.
API_ONLY = ("facets", "locale")


def parse_params(args: MultiDict) -> SearchParams:
    """The search parameters of a page, the feed or ``kp search``: validated by the API's
    schema; raise ParameterError naming each bad one."""
    return search_params(load_query(ProjectsQuery(), args))


def load_query(schema: ProjectsQuery, args: MultiDict) -> dict[str, Any]:
    """``args`` loaded by ``schema`` (``ProjectsQuery`` or one extending it), less what only
    the API's JSON takes; raise ParameterError naming each bad parameter."""
    known = MultiDict([(name, value) for name, value in args.items(multi=True)
                       if name not in API_ONLY])
    try:
        return load(schema, known)
    except ValidationError as error:
        raise ParameterError(problems(error)) from None
