"""The parameters of statistics: a search's, and how projects count over time."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from marshmallow import fields
from marshmallow.validate import OneOf

from knowledge_platform.search.schema import ProjectsQuery
from knowledge_platform.statistics.crosstabs import BASES


class StatisticsQuery(ProjectsQuery):
    """The search parameters narrow the figures; ``basis`` says how years count."""

    basis = fields.String(
        load_default="start",
        validate=OneOf(BASES, error=_l("must be start or period")),
        metadata={"description": "start: a project counts in the year it started; period: "
                                 "in every year it ran."})
