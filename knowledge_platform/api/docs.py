"""/docs: a browsable page of the OpenAPI document, rendered by the app (no CDN, no script)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask import g, render_template, request, url_for

from knowledge_platform.api.blueprint import PREFIX, bp
from knowledge_platform.api.openapi import build_spec
from knowledge_platform.config import LANGUAGES


@dataclass
class TypeText:
    """A schema's type in words, and the component it names (linked on the page)."""

    text: str
    ref: str | None = None


@dataclass
class Row:
    name: str
    type: TypeText
    required: bool
    description: str


@dataclass
class Operation:
    path: str
    summary: str
    description: str
    parameters: list[Row] = field(default_factory=list)
    responses: list[tuple[str, str, TypeText | None]] = field(default_factory=list)


def type_text(schema: dict[str, Any]) -> TypeText:
    """``schema`` described in a few words, e.g. "array of Term" or "string (date) or null"."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return TypeText(name, name)
    kind = schema.get("type", "any")
    if kind == "array":
        inner = type_text(schema.get("items", {}))
        described = TypeText(f"array of {inner.text}", inner.ref)
    elif kind == "object" and isinstance(schema.get("additionalProperties"), dict):
        described = TypeText(f"object of {type_text(schema['additionalProperties']).text}")
    else:
        described = TypeText(kind + (f" ({schema['format']})" if "format" in schema else ""))
    values = [value for value in schema.get("enum", []) if value is not None]
    if values:
        described.text += ": " + " | ".join(str(value) for value in values)
    if schema.get("nullable"):
        described.text += " or null"
    return described


def operations(spec: dict[str, Any]) -> list[Operation]:
    """Every GET operation of ``spec`` as rows for the page."""
    found = []
    for path, methods in spec["paths"].items():
        operation = methods["get"]
        entry = Operation(PREFIX + path, operation.get("summary", ""),
                          operation.get("description", ""))
        for parameter in operation.get("parameters", []):
            entry.parameters.append(Row(parameter["name"], type_text(parameter["schema"]),
                                        parameter.get("required", False),
                                        parameter.get("description", "")))
        for status, response in operation["responses"].items():
            schema = response.get("content", {}).get("application/json", {}).get("schema")
            entry.responses.append((status, response["description"],
                                    type_text(schema) if schema else None))
        found.append(entry)
    return found


def components(spec: dict[str, Any]) -> list[tuple[str, list[Row]]]:
    """Every schema of ``spec`` with its properties as rows."""
    found = []
    for name, schema in spec["components"]["schemas"].items():
        required = set(schema.get("required", []))
        rows = [Row(key, type_text(value), key in required, value.get("description", ""))
                for key, value in schema.get("properties", {}).items()]
        found.append((name, rows))
    return found


@bp.get("/docs")
def docs():
    """The API reference as a page, in the visitor's language (or ``?lang=``)."""
    if request.args.get("lang") in LANGUAGES:
        g.lang = request.args["lang"]  # the language switch links here with ?lang=
    spec = build_spec()
    return render_template(
        "api/docs.html", spec=spec, operations=operations(spec), components=components(spec),
        base_url=url_for("api.openapi", _external=True).rsplit("/", 1)[0],
        document_url=url_for("api.openapi"),
    )
