"""``kp export``: the release folder, its codebook, its schema and its stamp."""
from __future__ import annotations

import csv
import hashlib
import json
import re
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from knowledge_platform.db import db
from knowledge_platform.exports.columns import COLUMNS, NAMES_OF_COLUMNS
from knowledge_platform.exports.release import write_release
from knowledge_platform.exports.schema import record_schema
from knowledge_platform.models import Project, Region

FILES = {"codebook.md", "codebook.csv", "record.schema.json", "release.json"}
JSON_TYPES = {"string": str, "integer": int, "number": (int, float), "boolean": bool,
              "array": list, "object": dict, "null": type(None)}


def problems(value, schema: dict, where: str = "$") -> list[str]:
    """A small JSON Schema check: type, enum, required, additionalProperties, items,
    pattern, minimum, minLength, uniqueItems (what record.schema.json uses)."""
    found: list[str] = []
    types = schema.get("type")
    if types:
        types = types if isinstance(types, list) else [types]
        ok = any(isinstance(value, JSON_TYPES[t]) and not (
            t in ("integer", "number") and isinstance(value, bool)) for t in types)
        if not ok:
            return [f"{where}: {value!r} is not {types}"]
    if "enum" in schema and value not in schema["enum"]:
        found.append(f"{where}: {value!r} not in enum")
    if isinstance(value, dict):
        found += [f"{where}: missing {name}" for name in schema.get("required", [])
                  if name not in value]
        properties = schema.get("properties", {})
        if schema.get("additionalProperties") is False:
            found += [f"{where}: unexpected {name}" for name in value if name not in properties]
        for name, item in value.items():
            if name in properties:
                found += problems(item, properties[name], f"{where}.{name}")
    if isinstance(value, list):
        if schema.get("uniqueItems") and len(set(map(json.dumps, value))) != len(value):
            found.append(f"{where}: repeated items")
        for index, item in enumerate(value):
            found += problems(item, schema.get("items", {}), f"{where}[{index}]")
    if isinstance(value, str):
        if "pattern" in schema and not re.search(schema["pattern"], value):
            found.append(f"{where}: {value!r} does not match {schema['pattern']}")
        if len(value) < schema.get("minLength", 0):
            found.append(f"{where}: too short")
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if number and "minimum" in schema and value < schema["minimum"]:
        found.append(f"{where}: below minimum")
    return found


def test_release_folder_holds_data_codebook_schema_and_stamp(app, stored, tmp_path):
    with app.app_context():
        release = write_release(tmp_path / "release", "jsonl", base_url="https://kp.example",
                                today=date(2026, 11, 23))
    folder = tmp_path / "release"
    assert {p.name for p in folder.iterdir()} == FILES | {"projects.jsonl"}
    assert release.records == 8
    assert re.fullmatch(r"2026\.11\.23\+[0-9a-f]{8}", release.version)

    stamp = json.loads((folder / "release.json").read_text())
    assert stamp["version"] == release.version and stamp["date"] == "2026-11-23"
    assert stamp["records"] == 8 and stamp["data"] == "projects.jsonl"
    assert stamp["columns"] == list(NAMES_OF_COLUMNS)
    assert release.version in stamp["citation"] and "https://kp.example" in stamp["citation"]
    assert stamp["licence"] == {"id": "CC-BY-4.0", "name": "CC BY 4.0",
                                "url": "https://creativecommons.org/licenses/by/4.0/"}
    assert stamp["code_licence"]["id"] == "MIT"
    assert set(stamp["files"]) == FILES - {"release.json"} | {"projects.jsonl"}
    for name, info in stamp["files"].items():
        data = (folder / name).read_bytes()
        assert info == {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}

    lines = [json.loads(line) for line in (folder / "projects.jsonl").read_text().splitlines()]
    assert len(lines) == 8
    assert lines[0]["url"] == f"https://kp.example/en/projects/{lines[0]['id']}"
    schema = json.loads((folder / "record.schema.json").read_text())
    assert schema["required"] == list(NAMES_OF_COLUMNS)
    for line in lines:
        assert problems(line, schema) == []


def test_schema_rejects_records_that_break_it(app):
    with app.app_context():
        schema = record_schema()
    good = {column.name: None for column in COLUMNS}
    good.update(id=1, url="u", title_cs="t", title_en="", summary_cs="", summary_en="",
                currency="CZK", budget_approximate=False, good_practice=False, partners=[],
                regions=["CZ010"], funders=[], activities=[], target_groups=[], kinds=["PROJECT"],
                regions_labels=["Prague"], funders_labels=[], activities_labels=[],
                target_groups_labels=[], kinds_labels=["project"], source_urls=[],
                updated_at="2026-11-23T10:00:00Z")
    # The good-practice sheet's texts are empty rather than null, its links an empty list.
    good.update(results_cs="", results_en="", lessons_cs="", lessons_en="",
                requirements_cs="", requirements_en="", sheet_links=[], sheet_links_kinds=[])
    # No town, so no town size either: empty lists, never null.
    good.update(municipalities=[], municipalities_labels=[], size_bands=[], size_bands_labels=[])
    assert problems(good, schema) == []
    for change in ({"regions": ["XX"]}, {"start": "1.3.2022"}, {"budget_total": -1},
                   {"budget_total": "100"}, {"id": True}, {"extra": 1},
                   {"start_precision": "week"}, {"regions": ["CZ010", "CZ010"]}):
        assert problems({**good, **change}, schema), change
    assert problems({k: v for k, v in good.items() if k != "title_en"}, schema)


def test_schema_is_valid_for_a_real_validator_when_one_is_installed(app, stored, client):
    jsonschema_rs = pytest.importorskip("jsonschema_rs")
    with app.app_context():
        schema = record_schema()
    validator = jsonschema_rs.validator_for(schema)
    for line in client.get("/api/v1/projects.jsonl").get_data(as_text=True).splitlines():
        validator.validate(json.loads(line))
    with pytest.raises(jsonschema_rs.ValidationError):
        validator.validate({"id": 1})


def test_codebook_lists_every_column_and_every_code_with_both_labels(app, tmp_path):
    with app.app_context():
        write_release(tmp_path, "csv", today=date(2026, 11, 23))
        regions = db.session.scalars(db.select(Region)).all()
    markdown = (tmp_path / "codebook.md").read_text()
    with open(tmp_path / "codebook.csv", encoding="utf-8-sig", newline="") as handle:
        table = list(csv.DictReader(handle))
    described = [row["column"] for row in table if not row["code"]]
    assert described == list(NAMES_OF_COLUMNS)
    for column in COLUMNS:
        assert f"| `{column.name}` |" in markdown
        row = next(r for r in table if r["column"] == column.name and not r["code"])
        assert row["meaning_en"] == column.en and row["meaning_cs"] == column.cs
    region_rows = {r["code"]: r for r in table if r["column"] == "regions" and r["code"]}
    assert set(region_rows) == {region.code for region in regions}
    assert region_rows["CZ064"]["label_cs"] == "Jihomoravský kraj"
    assert region_rows["CZ064"]["label_en"] == "South Moravian Region"
    assert "| `CZ064` | South Moravian Region | Jihomoravský kraj |" in markdown
    precision = {r["code"]: r["label_cs"] for r in table if r["column"] == "start_precision"
                 and r["code"]}
    assert precision == {"day": "den", "month": "měsíc", "year": "rok"}
    # An empty database still gives a complete release with a header-only data file.
    assert (tmp_path / "projects.csv").read_bytes().startswith(b"\xef\xbb\xbfid,url,")


def test_same_data_gives_the_same_version_in_every_format(app, stored, tmp_path):
    with app.app_context():
        versions = {write_release(tmp_path / f, f, today=date(2026, 1, 2)).version
                    for f in ("csv", "jsonl", "xlsx")}
        assert len(versions) == 1
        db.session.get(Project, stored["landscape"]).title_cs = "Změněný název"
        db.session.commit()
        changed = write_release(tmp_path / "again", "csv", today=date(2026, 1, 2)).version
    assert changed not in versions


def test_kp_export_command_writes_a_release(runner, app, stored, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(args=["export", "--format", "xlsx", "--out", str(out),
                                 "--base-url", "https://kp.example"])
    assert result.exit_code == 0, result.output
    assert re.search(r"release \d{4}\.\d{2}\.\d{2}\+[0-9a-f]{8}: 8 projects", result.output)
    assert {p.name for p in out.iterdir()} == FILES | {"projects.xlsx"}
    sheet = load_workbook(out / "projects.xlsx", read_only=True)["projects"]
    table = list(sheet.iter_rows(values_only=True))
    assert table[0] == NAMES_OF_COLUMNS and len(table) == 9
    assert "XLSX" in (out / "codebook.md").read_text()


def test_kp_export_semicolon_csv_and_bad_format(runner, stored, tmp_path: Path):
    result = runner.invoke(args=["export", "--out", str(tmp_path), "--dialect", "semicolon"])
    assert result.exit_code == 0, result.output
    assert "paths only" in result.output  # no base URL given: warned on stderr
    data = (tmp_path / "projects.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbfid;url;title_cs;")
    assert json.loads((tmp_path / "release.json").read_text())["dialect"] == "semicolon"
    result = runner.invoke(args=["export", "--out", str(tmp_path), "--format", "pdf"])
    assert result.exit_code == 2
