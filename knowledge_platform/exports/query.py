"""The parameters of a download: the search's, and which CSV variant."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError, fields, validates_schema
from marshmallow.validate import OneOf

from knowledge_platform.exports.writers import DIALECTS
from knowledge_platform.search.schema import ProjectsQuery

# How the CSV variant may be asked for: ?dialect=semicolon or ?sep=; (and their defaults).
SEPARATOR_DIALECTS = {",": "comma", ";": "semicolon"}


class ExportQuery(ProjectsQuery):
    """The search parameters, and the CSV variant: ``dialect`` or its separator ``sep``."""

    dialect = fields.String(
        validate=OneOf(DIALECTS, error=_l("must be comma or semicolon")),
        metadata={"description": "comma (the default), or semicolon with decimal commas "
                                 "(for Czech Excel)."})
    sep = fields.String(
        validate=OneOf(SEPARATOR_DIALECTS, error=_l("must be , or ;")),
        metadata={"description": "The separator instead of the dialect's name: , or ;."})

    labels = fields.String(
        load_default="en", validate=OneOf(("cs", "en"), error=_l("must be cs or en")),
        metadata={"description": "The language of the label columns beside the codes."})

    @validates_schema
    def _one_dialect(self, data, **_kwargs):
        separator, dialect = data.get("sep"), data.get("dialect")
        if separator and dialect and SEPARATOR_DIALECTS[separator] != dialect:
            raise ValidationError(_l("contradicts the dialect parameter"), "sep")
