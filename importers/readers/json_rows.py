"""JSON and JSON Lines readers: each object is one project row."""
from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from importers.document import Document, ReadError
from importers.readers.bulk_rows import Row, cell_text, rows_to_documents
from importers.readers.plain import decode_or_fail
from importers.readers.sniff import MEDIA_TYPES

# Keys under which exports commonly nest their list of records.
LIST_KEYS = ("projects", "items", "data", "records", "results")


def _malformed(exc: json.JSONDecodeError) -> str:
    return f"malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"


def _loads(text: str) -> Any:
    try:
        return json.loads(text)
    except RecursionError as exc:
        raise ValueError("JSON is nested too deeply") from exc


def read_json(
    source: str, data: bytes, column_map: dict[str, str] | None = None
) -> Iterator[Document | ReadError]:
    """One Document per object of a JSON array (or of a "projects"/"items"/"data" list)."""
    text = decode_or_fail(source, data)
    try:
        value = _loads(text)
    except json.JSONDecodeError as exc:
        raise ReadError(source, _malformed(exc)) from exc
    except ValueError as exc:
        raise ReadError(source, str(exc)) from exc
    items = _item_list(value)
    if items is None:
        keys = ", ".join(f'"{key}"' for key in LIST_KEYS[:3])
        raise ReadError(source, f"JSON holds no list of projects (expected an array or {keys})")
    rows = [_object_row(number, item) for number, item in enumerate(items, start=1)]
    yield from rows_to_documents(source, MEDIA_TYPES["json"], _headers(rows), rows, column_map)


def read_jsonl(
    source: str, data: bytes, column_map: dict[str, str] | None = None
) -> Iterator[Document | ReadError]:
    """One Document per line of a JSON Lines file; a bad line is a ReadError for that row."""
    text = decode_or_fail(source, data)
    rows: list[Row] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rows.append(_object_row(number, _loads(line)))
        except json.JSONDecodeError as exc:
            problem = f"malformed JSON at line {number}, column {exc.colno}: {exc.msg}"
            rows.append(Row(number=number, pairs=[], problem=problem))
        except ValueError as exc:
            rows.append(Row(number=number, pairs=[], problem=str(exc)))
    if not rows:
        raise ReadError(source, "file has no JSON lines")
    if all(row.problem for row in rows):
        raise ReadError(source, f"no line holds a JSON object (first: {rows[0].problem})")
    yield from rows_to_documents(source, MEDIA_TYPES["jsonl"], _headers(rows), rows, column_map)


def _item_list(value: Any) -> list[Any] | None:
    if isinstance(value, list):
        return value
    if isinstance(value, dict):
        for key in LIST_KEYS:
            items = value.get(key)
            if isinstance(items, list):
                return items
        # A single exported project is a list of one.
        if value and not any(isinstance(v, dict | list) for v in value.values()):
            return [value]
        if "title" in value:
            return [value]
    return None


def _object_row(number: int, item: Any) -> Row:
    if not isinstance(item, dict):
        kind = type(item).__name__ if item is not None else "null"
        return Row(number=number, pairs=[], problem=f"not a JSON object but {kind}")
    pairs = [(str(key), cell_text(value)) for key, value in item.items()]
    return Row(number=number, pairs=pairs, payload=item)


def _headers(rows: list[Row]) -> list[str]:
    headers: dict[str, None] = {}
    for row in rows:
        for header, _ in row.pairs:
            headers.setdefault(header)
    return list(headers)
