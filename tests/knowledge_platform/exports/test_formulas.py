"""CSV exports make formula-like text inert with a leading "'"; the CSV reader takes it off,
so the round trip still gives back the original text. JSON Lines and XLSX stay exact."""
from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from importers.readers.spreadsheets import unmark_formula
from knowledge_platform.exports.columns import COLUMNS
from knowledge_platform.exports.writers import csv_cell, csv_chunks
from knowledge_platform.ingest.runs import import_paths
from tests.factories import record, store
from tests.knowledge_platform.exports.test_round_trip import (
    MAX_BYTES,
    _differences,
    _download,
    _empty_database,
    _snapshot,
)

HOSTILE = {
    "title_cs": '=HYPERLINK("https://example.org/x";"Kurzy češtiny")',
    "summary_cs": "+1 kurz češtiny týdně pro rodiče s dětmi.",
    "implementer": "-x Spolek pro integraci",
    "partners": "@SUM(A1) Poradna pro cizince",
    "title_en": "@SUM(1+1) welcome classes in Brno",
    "summary_en": "-x teachers help children under temporary protection.",
}
COLUMN = {column.name: column for column in COLUMNS}


@pytest.fixture
def hostile(app) -> None:
    """A Czech and an English project whose texts start like spreadsheet formulas."""
    with app.app_context():
        store(record(title=HOSTILE["title_cs"], summary=HOSTILE["summary_cs"],
                     implementer=HOSTILE["implementer"], partners=[HOSTILE["partners"]],
                     registration_number="CZ.03.2.63/0.0/0.0/16_047/0009999",
                     activities=["czech_language"], target_groups=["children_youth"],
                     budget_czk=120000.0, budget_amount=120000.0))
        store(record(language="en", title=HOSTILE["title_en"], summary=HOSTILE["summary_en"],
                     implementer="Centre for Integration", regions=["CZ064"],
                     activities=["education_counselling"],
                     target_groups=["temporary_protection", "children_youth"]))


def _rows(body: bytes, delimiter: str) -> dict[str, dict[str, str]]:
    """CSV rows by language, read as a spreadsheet's CSV import would see the cells."""
    text = body.decode("utf-8-sig")
    return {row["language"]: row
            for row in csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)}


@pytest.mark.parametrize("query, delimiter", [("", ","), ("?dialect=semicolon", ";")])
def test_csv_puts_a_quote_before_formula_like_text(client, hostile, query, delimiter):
    response = client.get(f"/api/v1/projects.csv{query}")
    assert response.status_code == 200
    rows = _rows(response.get_data(), delimiter)
    assert rows["cs"]["title_cs"] == "'" + HOSTILE["title_cs"]
    assert rows["cs"]["summary_cs"] == "'" + HOSTILE["summary_cs"]
    assert rows["cs"]["implementer"] == "'" + HOSTILE["implementer"]
    assert rows["cs"]["partners"] == "'" + HOSTILE["partners"]
    assert rows["en"]["title_en"] == "'" + HOSTILE["title_en"]
    assert rows["en"]["summary_en"] == "'" + HOSTILE["summary_en"]
    # Ordinary text, numbers and dates are untouched.
    assert rows["en"]["implementer"] == "Centre for Integration"
    assert rows["cs"]["budget_total"] == "120000"
    assert not any(cell.startswith("'") for row in rows.values()
                   for name, cell in row.items() if name not in HOSTILE)


def test_jsonl_and_xlsx_keep_formula_like_text_exact(client, hostile):
    lines = client.get("/api/v1/projects.jsonl").get_data(as_text=True).splitlines()
    records = {item["language"]: item for item in map(json.loads, lines)}
    assert records["cs"]["title_cs"] == HOSTILE["title_cs"]
    assert records["cs"]["implementer"] == HOSTILE["implementer"]
    assert records["cs"]["partners"] == [HOSTILE["partners"]]
    assert records["en"]["title_en"] == HOSTILE["title_en"]

    workbook = load_workbook(io.BytesIO(client.get("/api/v1/projects.xlsx").get_data()))
    header, *body = workbook["projects"].iter_rows()
    names = [cell.value for cell in header]
    rows = {row[names.index("language")].value: row for row in body}
    for language, name in (("cs", "title_cs"), ("cs", "summary_cs"), ("cs", "implementer"),
                           ("cs", "partners"), ("en", "title_en"), ("en", "summary_en")):
        cell = rows[language][names.index(name)]
        assert (cell.value, cell.data_type) == (HOSTILE[name], "s")


@pytest.mark.parametrize("path, name", [
    ("/api/v1/projects.csv", "projects.csv"),
    ("/api/v1/projects.csv?dialect=semicolon", "projects-semicolon.csv"),
])
def test_csv_round_trip_gives_back_formula_like_text(app, client, hostile, tmp_path, path, name):
    exported = _download(client, path, tmp_path / name)
    with app.app_context():
        before = _snapshot()
        _empty_database()
        report = import_paths([str(exported)], max_bytes=MAX_BYTES, publish=True)
        assert report.counts["new"] == 2, [(r.source, r.message) for r in report.results]
        after = _snapshot()
        assert _differences(after, before) == []
        assert {entry["title_cs"] or entry["title_en"] for entry in after} == {
            HOSTILE["title_cs"], HOSTILE["title_en"]}
        assert HOSTILE["implementer"] in {entry["implementer"] for entry in after}


@pytest.mark.parametrize("text", ["\tTab", "\rReturn", "'=already quoted", "''-two marks"])
def test_tab_return_and_existing_marks_survive_writing_and_reading(text):
    written = csv_cell(COLUMN["title_cs"], text)
    assert written == "'" + text
    assert unmark_formula(written) == text


@pytest.mark.parametrize("text", ["'quoted'", "Kurz = základ", "'", "it's +1"])
def test_reader_leaves_other_quotes_alone(text):
    assert csv_cell(COLUMN["title_cs"], text) == text
    assert unmark_formula(text) == text


def test_negative_amounts_stay_numbers_in_both_dialects():
    record_ = {column.name: None for column in COLUMNS}
    record_.update(id=7, title_cs="-x", partners=[], regions=[], funders=[], activities=[],
                   target_groups=[], source_urls=[], budget_total=Decimal("-1500.50"),
                   subsidy=Decimal("-200"))
    for dialect, budget in (("comma", "-1500.50"), ("semicolon", "-1500,50")):
        body = b"".join(csv_chunks([record_], dialect)).decode("utf-8-sig")
        (row,) = csv.DictReader(io.StringIO(body, newline=""),
                                delimiter="," if dialect == "comma" else ";")
        assert (row["budget_total"], row["subsidy"], row["id"]) == (budget, "-200", "7")
        assert row["title_cs"] == "'-x"


def test_kp_export_csv_is_quoted_and_its_codebook_says_so(runner, hostile, tmp_path):
    for dialect, delimiter in (("comma", ","), ("semicolon", ";")):
        out = tmp_path / dialect
        result = runner.invoke(args=["export", "--out", str(out), "--dialect", dialect])
        assert result.exit_code == 0, result.output
        rows = _rows((out / "projects.csv").read_bytes(), delimiter)
        assert rows["cs"]["title_cs"] == "'" + HOSTILE["title_cs"]
        codebook = (out / "codebook.md").read_text("utf-8")
        assert "Formulas: a text cell that starts with `=`" in codebook
        assert "Vzorce: textová buňka" in codebook
    out = tmp_path / "jsonl"
    assert runner.invoke(args=["export", "--out", str(out), "--format", "jsonl"]).exit_code == 0
    assert "Formulas:" not in (out / "codebook.md").read_text("utf-8")
