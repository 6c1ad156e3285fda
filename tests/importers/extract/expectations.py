"""Shared checks of an extracted record against an expected.json entry."""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from importers.document import Document
from importers.extract import extract
from importers.extract.fields import field_lines
from importers.extract.organisations import canonical_organisation
from importers.record import RECORD_FIELDS


def load_expected(folder: Path) -> dict[str, dict[str, Any]]:
    """The per-document entries of folder/expected.json (keys starting with "_" skipped)."""
    data = json.loads((folder / "expected.json").read_text("utf-8"))
    return {name: entry for name, entry in data.items() if not name.startswith("_")}


def extract_file(path: Path) -> dict[str, Any]:
    """Extract a plain-text document the way a reader would hand it over."""
    text = path.read_text("utf-8")
    return extract(Document(source=path.name, media_type="text/plain", text=text,
                            fields=field_lines(text)))


def mismatches(record: dict[str, Any], expected: dict[str, Any]) -> list[str]:
    """Every way ``record`` disagrees with ``expected`` (empty when it matches)."""
    problems = []
    assert tuple(record) == RECORD_FIELDS, "record keys differ from RECORD_FIELDS"
    for key, want in expected.items():
        if key.startswith("_"):
            continue
        if key.endswith("_min"):
            field = key[:-4]
            missing = set(want) - set(record[field])
            if missing:
                problems.append(f"{field}: missing {sorted(missing)} in {record[field]}")
        elif key == "implementer_same_as":
            got = canonical_organisation(record["implementer"]) or record["implementer"]
            if got != (canonical_organisation(want) or want):
                problems.append(f"implementer {record['implementer']!r} is not {want!r}")
        elif isinstance(want, list):
            if set(want) != set(record[key]):
                problems.append(f"{key}: {sorted(record[key])} != {sorted(want)}")
        elif isinstance(want, float | int) and not isinstance(want, bool):
            if record[key] is None or abs(record[key] - want) > 0.005:
                problems.append(f"{key}: {record[key]!r} != {want!r}")
        elif record[key] != want:
            problems.append(f"{key}: {record[key]!r} != {want!r}")
    for field in RECORD_FIELDS:
        value = record[field]
        if field in ("source", "evidence", "confidence", "is_project", "budget_approximate"):
            continue
        if value not in (None, [], False) and field not in record["evidence"]:
            problems.append(f"{field} has no evidence")
    for field, confidence in record["confidence"].items():
        if not 0 <= confidence <= 1:
            problems.append(f"confidence of {field} out of range")
    for field in ("start", "end"):
        if record[field] and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", record[field]):
            problems.append(f"{field} is not ISO: {record[field]}")
    return problems
