"""Turn the rows of a bulk file (CSV, XLSX, JSON) into one Document per project."""
from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from importers.amounts import is_placeholder, parse_amount
from importers.document import Document, ReadError
from importers.readers.columns import MONEY_TARGETS, map_headers


@dataclass
class Row:
    """One data row: its 1-based number, (header, cell text) pairs, and the original values."""

    number: int
    pairs: list[tuple[str, str]]
    payload: dict[str, Any] = field(default_factory=dict)
    problem: str | None = None  # set when the row itself could not be parsed


def cell_text(value: object) -> str:
    """A cell or JSON value as the text a person would read; lists joined with "; "."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "; ".join(t for t in (cell_text(item) for item in value) if t)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return unicodedata.normalize("NFC", str(value)).strip()


def unique_headers(cells: Sequence[object]) -> list[str]:
    """Header texts, with blanks named "column N" and repeats suffixed " (2)", " (3)" ..."""
    headers: list[str] = []
    taken: set[str] = set()
    # The next copy number to try per header text: a row of thousands of equal headers
    # (a garbled file) would otherwise take cubic time.
    copies: dict[str, int] = {}
    for index, cell in enumerate(cells, start=1):
        base = " ".join(cell_text(cell).split()) or f"column {index}"
        name, copy = base, copies.get(base, 2)
        while name in taken:
            name, copy = f"{base} ({copy})", copy + 1
        copies[base] = copy
        headers.append(name)
        taken.add(name)
    return headers


def canonical_json(payload: Any) -> bytes:
    """Sorted-key, compact, UTF-8 JSON: equal rows give equal bytes."""
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      default=cell_text)  # fmt: skip
    return text.encode("utf-8")


def rows_to_documents(
    source: str,
    media_type: str,
    headers: list[str],
    rows: Iterable[Row],
    column_map: dict[str, str] | None,
) -> Iterator[Document | ReadError]:
    """One Document per non-empty row, a ReadError per bad row, or one file ReadError."""
    mapping = map_headers(headers, column_map)
    if "title" not in mapping.values():
        columns = ", ".join(headers) if headers else "(none)"
        yield ReadError(source, f"no column for the project title; columns are: {columns}")
        return
    for row in rows:
        yield from _row_document(source, media_type, mapping, row)


def _row_document(
    source: str, media_type: str, mapping: dict[str, str], row: Row
) -> Iterator[Document | ReadError]:
    row_source = f"{source}#row-{row.number}"
    if row.problem:
        yield ReadError(row_source, f"row {row.number}: {row.problem}")
        return
    filled = [(header, value) for header, value in row.pairs if value]
    if not filled:
        return
    mapped: dict[str, str] = {}
    for header, value in filled:
        target = mapping.get(header)
        if not target or target in mapped:
            continue
        if target in MONEY_TARGETS:
            if is_placeholder(value):
                continue
            if parse_amount(value) is None:
                problem = f"row {row.number}: {value!r} in column {header!r} is not an amount"
                yield ReadError(row_source, problem)
                return
        mapped[target] = value
    if "title" not in mapped:
        titles = [h for h, t in mapping.items() if t == "title"]
        yield ReadError(row_source, f"row {row.number}: no project title in column {titles[0]!r}")
        return
    # Newlines inside a cell would break the one-line "Label: value" shape of text.
    text = "\n".join(f"{header}: {' '.join(value.split())}" for header, value in filled)
    yield Document(
        source=row_source,
        media_type=media_type,
        text=text,
        raw=canonical_json(row.payload or dict(row.pairs)),
        fields=filled,
        mapped=mapped,
        title_hint=mapped["title"],
    )
