"""The JSON Schema of one exported record (a line of the JSON Lines export)."""
from __future__ import annotations

from typing import Any

from knowledge_platform.exports.columns import (
    BOOLEAN,
    CODE,
    CODES,
    COLUMNS,
    DATE,
    DATETIME,
    INTEGER,
    MONEY,
    NAMES,
    TEXT,
    URLS,
    Column,
    vocabulary_terms,
)

# A year, a month or a day (ISO 8601 as precise as the date is known).
DATE_PATTERN = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"
DATETIME_PATTERN = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$"


def record_schema(version: str | None = None) -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) that every exported record meets."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "record.schema.json",
        "title": "Project record" + (f", release {version}" if version else ""),
        "description": "One published integration project, as exported by the knowledge "
                       "platform. Descriptions in Czech are under x-description-cs.",
        "type": "object",
        "additionalProperties": False,
        "required": [column.name for column in COLUMNS],
        "properties": {column.name: _property(column) for column in COLUMNS},
    }


def _property(column: Column) -> dict[str, Any]:
    found: dict[str, Any] = {"description": column.en, "x-description-cs": column.cs}
    if column.kind == INTEGER:
        found.update(type="integer", minimum=1)
    elif column.kind == TEXT:
        found.update(type="string")
    elif column.kind == DATE:
        found.update(type="string", pattern=DATE_PATTERN)
    elif column.kind == DATETIME:
        found.update(type="string", format="date-time", pattern=DATETIME_PATTERN)
    elif column.kind == MONEY:
        found.update(type="number", minimum=0)
    elif column.kind == BOOLEAN:
        found.update(type="boolean")
    elif column.kind == CODE:
        found.update(type="string", enum=_codes(column))
    elif column.kind == CODES:
        found.update(type="array", uniqueItems=True,
                     items={"type": "string", "enum": _codes(column)})
    elif column.kind in (NAMES, URLS):
        found.update(type="array", items={"type": "string", "minLength": 1})
    if column.nullable:
        found["type"] = [found["type"], "null"]
        if "enum" in found:
            found["enum"] = [*found["enum"], None]
    return found


def _codes(column: Column) -> list[str]:
    assert column.vocabulary is not None  # called for CODE and CODES columns, which have one
    return [code for code, _cs, _en in vocabulary_terms(column.vocabulary)]
