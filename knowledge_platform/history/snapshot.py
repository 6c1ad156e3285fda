"""A project's editable fields in JSON form, so revisions can store and compare them."""
from __future__ import annotations

import enum
from datetime import date
from decimal import Decimal
from typing import Any

from knowledge_platform import catalogue
from knowledge_platform.models import Project, Role

# Scalar attributes of Project that curators edit and revisions track.
FIELDS = tuple(field.name for field in catalogue.FIELDS)
# Relationship attribute -> facet name (see models.VOCABULARIES); stored as code lists.
LIST_FIELDS = {facet.field: facet.name for facet in catalogue.stored_facets()}
# Pseudo-fields for the organisations in each role; stored as [{"id", "name"}] in order.
ORGANISATION_FIELDS = {entry.name: Role(entry.role) for entry in catalogue.ORGANISATION_FIELDS}


def to_json(value: Any) -> Any:
    """A column value as JSON: dates as ISO text, money as text (exact), enums by value."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def snapshot(project: Project) -> dict[str, Any]:
    """Every tracked field of ``project`` in JSON form."""
    values = {name: to_json(getattr(project, name)) for name in FIELDS}
    for attribute in LIST_FIELDS:
        values[attribute] = [term.code for term in getattr(project, attribute)]
    for field, role in ORGANISATION_FIELDS.items():
        values[field] = [
            {"id": organisation.id, "name": organisation.name}
            for organisation in project.organisations_in(role)
        ]
    return values


def snapshot_of_values(columns: dict[str, Any], terms: dict[str, list[str]],
                       organisations: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """The snapshot of a project written with plain INSERTs rather than loaded: its column
    values (an absent one takes its column's default), term codes and organisations
    (``{"id", "name"}`` in order) per list field, as ``snapshot`` gives them."""
    values = {name: to_json(columns[name] if name in columns else _default(name))
              for name in FIELDS}
    for attribute in LIST_FIELDS:
        values[attribute] = list(terms.get(attribute, []))
    for field in ORGANISATION_FIELDS:
        values[field] = list(organisations.get(field, []))
    return values


def _default(name: str) -> Any:
    default = Project.__table__.c[name].default
    return default.arg if default is not None and default.is_scalar else None


def differences(before: dict[str, Any], after: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """``{field: {"old", "new"}}`` for every field whose value changed (absent counts as None)."""
    changed = {}
    for field in (*FIELDS, *LIST_FIELDS, *ORGANISATION_FIELDS):
        old, new = before.get(field), after.get(field)
        if _comparable(old) != _comparable(new):
            changed[field] = {"old": old, "new": new}
    return changed


def _comparable(value: Any) -> Any:
    # Empty text, an empty list and no value are the same absence; organisations compare by
    # id in their order (the first implementer is the lead), vocabulary codes as sets.
    if value in ("", [], None):
        return None
    if isinstance(value, list) and value and isinstance(value[0], dict):
        # Links (with no id) compare whole, in their order.
        return [entry.get("id", entry) for entry in value]
    if isinstance(value, list):
        return sorted(value)  # vocabulary terms show in the vocabulary's order anyway
    return value
