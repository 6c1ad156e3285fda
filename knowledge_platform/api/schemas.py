"""Marshmallow schemas of every API response; the OpenAPI document is generated from them."""
from __future__ import annotations

from datetime import UTC
from typing import TypeVar, cast

from marshmallow import Schema, fields
from marshmallow.validate import OneOf, Range

from knowledge_platform import catalogue
from knowledge_platform.catalogue import FACETS
from knowledge_platform.models import OrganisationType, Precision, RelationKind, Role, Scope
from knowledge_platform.models.evaluations import CRITERIA, MAX_SCORE
from knowledge_platform.places.ranking import TIERS

PRECISIONS = OneOf([precision.value for precision in Precision])
S = TypeVar("S", bound=Schema)


class UtcDateTime(fields.DateTime):
    """A timestamp with its UTC offset (SQLite hands back naive ones, stored as UTC)."""

    def _serialize(self, value, attr, obj, **kwargs):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return super()._serialize(value, attr, obj, **kwargs)


def _nullable(field_class, *args, **kwargs):
    return field_class(*args, required=True, allow_none=True, **kwargs)


def _required(field_class, *args, **kwargs):
    return field_class(*args, required=True, **kwargs)


def _with_facets(base: type[S], item: type[Schema], in_hits: bool = False) -> type[S]:
    """``base`` with a list of ``item`` per catalogue facet (those shown in hits only)."""
    # from_dict() makes a subclass of ``base``; marshmallow types it as any Schema.
    return cast(type[S], base.from_dict({
        facet.field: _required(fields.List, fields.Nested(item))
        for facet in FACETS if facet.in_hits or not in_hits
    }, name=base.__name__))


class ErrorSchema(Schema):
    errors = _required(fields.Dict, keys=fields.String(), values=fields.String(),
                       metadata={"description": "What is wrong, by parameter name."})


class TermSchema(Schema):
    code = _required(fields.String)
    label_cs = _required(fields.String)
    label_en = _required(fields.String)


class TermCountSchema(TermSchema):
    project_count = _required(fields.Integer, metadata={"description": "Published projects."})


class TermListSchema(Schema):
    items = _required(fields.List, fields.Nested(TermCountSchema))


class WebPagesSchema(Schema):
    cs = _required(fields.Url)
    en = _required(fields.Url)


class LinksSchema(Schema):
    self = _required(fields.Url)
    next = _nullable(fields.Url)
    previous = _nullable(fields.Url)


class PageSchema(Schema):
    total = _required(fields.Integer)
    page = _required(fields.Integer)
    per_page = _required(fields.Integer)
    pages = _required(fields.Integer)
    links = _required(fields.Nested, LinksSchema)


class FacetValueSchema(Schema):
    code = _required(fields.String)
    label = _required(fields.String)
    count = _required(fields.Integer)
    selected = _required(fields.Boolean)
    toggle = _required(fields.Url, metadata={
        "description": "This search with the value switched on or off."})


class FacetSchema(Schema):
    name = _required(fields.String)
    values = _required(fields.List, fields.Nested(FacetValueSchema))


class PeriodSchema(Schema):
    start = _nullable(fields.String, metadata={"format": "date"})
    start_precision = _nullable(fields.String, validate=PRECISIONS)
    end = _nullable(fields.String, metadata={"format": "date"})
    end_precision = _nullable(fields.String, validate=PRECISIONS)


class ProjectItemSchema(Schema):
    id = _required(fields.Integer)
    slug = _required(fields.String)
    url = _required(fields.Url, metadata={"description": "The full record in this API."})
    title = _required(fields.String, metadata={"description": "Title in the locale asked for."})
    title_cs = _required(fields.String)
    title_en = _required(fields.String)
    language = _nullable(fields.String)
    implementer = _nullable(fields.String)
    period = _required(fields.Nested, PeriodSchema)
    budget = _nullable(fields.Float)
    currency = _required(fields.String)
    good_practice = _required(fields.Boolean)
    snippet = _required(fields.String, metadata={
        "description": "HTML: escaped summary text, matching words in <mark>."})
    sources = _required(fields.List, fields.String())


ProjectItemSchema = _with_facets(ProjectItemSchema, TermSchema, in_hits=True)  # type: ignore[misc]


class ProjectPageSchema(PageSchema):
    items = _required(fields.List, fields.Nested(ProjectItemSchema))
    facets = fields.List(fields.Nested(FacetSchema), metadata={"description": "With facets=1."})
    fallback = _nullable(fields.String, metadata={
        "description": '"most" when few projects had every word and those missing some '
                       'follow them; "or" when none had every word and any of them were '
                       'searched.'})
    suggestion = _nullable(fields.String, metadata={
        "description": "A corrected query when this one found nothing."})
    also_searched = _required(fields.List, fields.String(), metadata={
        "description": "Terms of the other language the query was also searched for, from "
                       "the bilingual glossary (\"doučování\" for \"tutoring\")."})


class PlaceSchema(Schema):
    code = _required(fields.String)
    name = _required(fields.String)
    kind = _required(fields.String, validate=OneOf(["town", "district"]))
    city = _nullable(fields.String, metadata={"description": "A city district's city."})
    region = _required(fields.String, metadata={"description": "CZ-NUTS 3 code."})
    okres = _required(fields.String, metadata={"description": "District (LAU 1) code."})
    okres_name = _required(fields.String)
    orp = _required(fields.String, metadata={
        "description": "Code of the seat of its municipality with extended powers."})
    population = _required(fields.Integer)
    population_year = _required(fields.Integer)
    size_band = _required(fields.String, metadata={"description": "See /size-bands."})
    lat = _required(fields.Float)
    lon = _required(fields.Float)


class NearnessSchema(Schema):
    tier = _required(fields.String, validate=OneOf([tier.name for tier in TIERS]))
    place = _nullable(fields.String, metadata={
        "description": "The project's place nearest the origin; null for a project linked "
                       "to the origin's region only."})
    km = _nullable(fields.Float, metadata={"description": "Distance between the centres."})
    reason = _required(fields.String, metadata={"description": "In the locale asked for."})


class NearbyItemSchema(ProjectItemSchema):
    nearness = _required(fields.Nested, NearnessSchema)


class NearbyPageSchema(PageSchema):
    origin = _required(fields.Nested, PlaceSchema)
    counts = _required(fields.Dict, keys=fields.String(), values=fields.Integer(), metadata={
        "description": "Projects in each tier: " + ", ".join(tier.name for tier in TIERS)})
    items = _required(fields.List, fields.Nested(NearbyItemSchema))


class ProjectOrganisationSchema(Schema):
    id = _required(fields.Integer)
    name = _required(fields.String)
    ico = _nullable(fields.String)
    type = _required(fields.String, validate=OneOf([kind.value for kind in OrganisationType]))
    role = _required(fields.String, validate=OneOf([role.value for role in Role]))
    url = _required(fields.Url)


class SourceSchema(Schema):
    location = _required(fields.String)
    url = _nullable(fields.String)
    media_type = _required(fields.String)
    language = _nullable(fields.String)
    captured_at = _required(UtcDateTime)


class ProjectRefSchema(Schema):
    id = _required(fields.Integer)
    slug = _required(fields.String)
    title_cs = _required(fields.String)
    title_en = _required(fields.String)
    url = _required(fields.Url)


class RelationSchema(Schema):
    kind = _required(fields.String, validate=OneOf([kind.value for kind in RelationKind]))
    direction = _required(fields.String, validate=OneOf(["outgoing", "incoming"]), metadata={
        "description": "outgoing: this project is the relation's subject "
                       "(e.g. predecessor_of the other)."})
    project = _required(fields.Nested, ProjectRefSchema)


class CriterionSchema(Schema):
    score = _required(fields.Integer, validate=Range(0, MAX_SCORE))
    rationale = _required(fields.String)


class EvaluationSchema(Schema):
    reviewer = _required(fields.String)
    average = _required(fields.Float)
    criteria = _required(fields.Dict, keys=fields.String(validate=OneOf(CRITERIA)),
                         values=fields.Nested(CriterionSchema))
    created_at = _required(UtcDateTime)
    sample = _required(fields.Boolean, metadata={
        "description": "Written to show the evaluation tool, not an assessment."})


class ContactPersonSchema(Schema):
    name = _required(fields.String)
    role = _required(fields.String)
    email = _required(fields.String)
    phone = _required(fields.String)


class ProjectSchema(Schema):
    id = _required(fields.Integer)
    slug = _required(fields.String)
    url = _required(fields.Url)
    web_pages = _required(fields.Nested, WebPagesSchema)
    language = _nullable(fields.String)
    title_cs = _required(fields.String)
    title_en = _required(fields.String)
    summary_cs = _required(fields.String)
    summary_en = _required(fields.String)
    description_cs = _required(fields.String)
    description_en = _required(fields.String)
    registration_number = _nullable(fields.String)
    start_date = _nullable(fields.Date)
    start_precision = _nullable(fields.String, validate=PRECISIONS)
    end_date = _nullable(fields.Date)
    end_precision = _nullable(fields.String, validate=PRECISIONS)
    budget_total = _nullable(fields.Float)
    subsidy = _nullable(fields.Float)
    currency = _required(fields.String)
    budget_approximate = _required(fields.Boolean)
    scope = _nullable(fields.String, validate=OneOf([scope.value for scope in Scope]))
    good_practice = _required(fields.Boolean)
    good_practice_reason_cs = _required(fields.String)
    good_practice_reason_en = _required(fields.String)
    good_practice_override_cs = _required(fields.String, metadata={
        "description": "Why the badge was awarded without an evaluation reaching the "
                       "threshold; empty when one did."})
    good_practice_override_en = _required(fields.String)
    organisations = _required(fields.List, fields.Nested(ProjectOrganisationSchema))
    contact_person = _nullable(fields.Nested, ContactPersonSchema, metadata={
        "description": "Listed only when the person agreed to it; null otherwise."})
    sources = _required(fields.List, fields.Nested(SourceSchema))
    relations = _required(fields.List, fields.Nested(RelationSchema))
    evaluations = _required(fields.List, fields.Nested(EvaluationSchema))
    evaluation_average = _nullable(fields.Float)
    created_at = _required(UtcDateTime)
    updated_at = _required(UtcDateTime)


class SheetLinkSchema(Schema):
    url = _required(fields.Url)
    kind = _required(fields.String, validate=OneOf(list(catalogue.LINK_KINDS)))
    label = _required(fields.String)


def _sheet_field(scalar: catalogue.Field) -> fields.Field:
    """The API field of a good-practice sheet field, by its catalogue kind."""
    described = {"metadata": {"description": scalar.export_en}}
    if scalar.kind == catalogue.COUNT:
        return _nullable(fields.Integer, **described)
    if scalar.kind == catalogue.LINKS:
        return _required(fields.List, fields.Nested(SheetLinkSchema), **described)
    return _required(fields.String, **described)


def _with_sheet(base: type[S]) -> type[S]:
    """``base`` with the good-practice sheet's fields and the cost per participant."""
    return cast(type[S], base.from_dict({
        **{scalar.name: _sheet_field(scalar) for scalar in catalogue.part_fields(
            catalogue.SHEET)},
        "cost_per_participant": _nullable(fields.Float, metadata={
            "description": "budget_total divided by participants, in currency; null unless "
                           "both are known. Worked out, never typed."}),
    }, name=base.__name__))


ProjectSchema = _with_sheet(_with_facets(ProjectSchema, TermSchema))  # type: ignore[misc]


class OrganisationItemSchema(Schema):
    id = _required(fields.Integer)
    name = _required(fields.String)
    slug = _required(fields.String)
    ico = _nullable(fields.String)
    type = _required(fields.String, validate=OneOf([kind.value for kind in OrganisationType]))
    website = _nullable(fields.String)
    email = _nullable(fields.String)
    phone = _nullable(fields.String)
    address = _nullable(fields.String)
    project_count = _required(fields.Integer, metadata={"description": "Published projects."})
    url = _required(fields.Url)


class OrganisationPageSchema(PageSchema):
    items = _required(fields.List, fields.Nested(OrganisationItemSchema))


class OrganisationProjectSchema(ProjectRefSchema):
    roles = _required(fields.List, fields.String(validate=OneOf([role.value for role in Role])))
    start_date = _nullable(fields.Date)
    start_precision = _nullable(fields.String, validate=PRECISIONS)
    end_date = _nullable(fields.Date)
    end_precision = _nullable(fields.String, validate=PRECISIONS)


class OrganisationSchema(OrganisationItemSchema):
    web_pages = _required(fields.Nested, WebPagesSchema)
    aliases = _required(fields.List, fields.String())
    projects = _required(fields.List, fields.Nested(OrganisationProjectSchema), metadata={
        "description": "Published projects, newest first."})


class BudgetSchema(Schema):
    currency = _required(fields.String)
    total = _required(fields.Float)
    project_count = _required(fields.Integer, metadata={"description": "Projects with a budget."})


class TotalsSchema(Schema):
    projects = _required(fields.Integer)
    organisations = _required(fields.Integer)
    first_year = _nullable(fields.Integer)
    last_year = _nullable(fields.Integer)
    budget = _required(fields.List, fields.Nested(BudgetSchema), metadata={
        "description": "Sum of total budgets, per currency."})


class YearSchema(Schema):
    year = _required(fields.Integer)
    project_count = _required(fields.Integer, metadata={"description": "Projects starting."})
    budget = _required(fields.List, fields.Nested(BudgetSchema))


class StatsSchema(Schema):
    totals = _required(fields.Nested, TotalsSchema)
    years = _required(fields.List, fields.Nested(YearSchema), metadata={
        "description": "By start year, for projects with a known start."})


StatsSchema = _with_facets(StatsSchema, TermCountSchema)  # type: ignore[misc]


class FiguresSchema(Schema):
    key = _required(fields.Raw, metadata={"description": "A term's code, or a year."})
    label = _required(fields.String)
    project_count = _required(fields.Integer)
    budget = _required(fields.List, fields.Nested(BudgetSchema))


class CellSchema(Schema):
    row = _required(fields.Raw)
    column = _required(fields.Raw)
    project_count = _required(fields.Integer)
    budget = _required(fields.List, fields.Nested(BudgetSchema))


class CrossTabSchema(Schema):
    name = _required(fields.String)
    rows = _required(fields.String, metadata={"description": "A facet's name, or year."})
    columns = _required(fields.String)
    cells = _required(fields.List, fields.Nested(CellSchema), metadata={
        "description": "Cells with projects; a project with several terms of one dimension "
                       "counts in each of their cells."})


class ScopeSchema(Schema):
    query = _required(fields.String, metadata={
        "description": "The search the figures are about, as a query string ('' for all)."})
    basis = _required(fields.String, metadata={
        "description": "start: by the year a project started; period: every year it ran."})


class StatisticsSchema(Schema):
    scope = _required(fields.Nested, ScopeSchema)
    totals = _required(fields.Nested, TotalsSchema)
    years = _required(fields.List, fields.Nested(FiguresSchema))
    crosstabs = _required(fields.List, fields.Nested(CrossTabSchema))


StatisticsSchema = _with_facets(StatisticsSchema, FiguresSchema)  # type: ignore[misc]
