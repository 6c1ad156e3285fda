"""The download endpoints: each format parsed back and compared with the database."""
from __future__ import annotations

import csv
import io
import itertools
import json
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from knowledge_platform.db import db
from knowledge_platform.exports import rows, writers
from knowledge_platform.exports.columns import COLUMNS, NAMES_OF_COLUMNS
from knowledge_platform.models import Project, Role
from tests.knowledge_platform.exports.conftest import published_projects

BOM = b"\xef\xbb\xbf"


def _csv(response, delimiter=",") -> list[dict[str, str]]:
    body = response.get_data()
    assert body.startswith(BOM)
    reader = csv.DictReader(io.StringIO(body[len(BOM):].decode("utf-8"), newline=""),
                            delimiter=delimiter)
    assert tuple(reader.fieldnames) == NAMES_OF_COLUMNS
    return list(reader)


def _jsonl(response) -> list[dict]:
    return [json.loads(line) for line in response.get_data(as_text=True).splitlines()]


def test_csv_has_a_bom_and_every_published_project_as_in_the_database(app, client, stored):
    response = client.get("/api/v1/projects.csv")
    assert response.status_code == 200
    assert response.content_type == "text/csv; charset=utf-8"
    assert response.is_streamed
    assert response.headers["Content-Disposition"].startswith('attachment; filename="projects-')
    assert response.headers["Content-Disposition"].endswith('.csv"')
    found = _csv(response)
    with app.app_context():
        projects = published_projects()
        assert [int(row["id"]) for row in found] == [p.id for p in projects]
        assert stored["liberec_draft"] not in [int(row["id"]) for row in found]
        for row, project in zip(found, projects, strict=True):
            assert row["url"] == f"http://localhost/en/projects/{project.id}"
            assert row["title_cs"] == project.title_cs
            assert row["title_en"] == project.title_en
            assert row["summary_cs"] == project.summary_cs
            assert row["implementer"] == project.implementer.name
            assert row["partners"] == "; ".join(
                o.name for o in project.organisations_in(Role.PARTNER))
            assert row["regions"] == " | ".join(t.code for t in project.regions)
            assert row["funders"] == " | ".join(t.code for t in project.funders)
            assert row["start"] == (_as_known(project, "start") or "")
            assert row["end_precision"] == (project.end_precision or "")
            budget = project.budget_total
            assert (Decimal(row["budget_total"]) if row["budget_total"] else None) == budget
            assert row["good_practice"] == ("true" if project.good_practice else "false")
            assert row["language"] == project.language
    quoted = next(row for row in found if int(row["id"]) == stored["quoted"])
    assert quoted["title_cs"] == 'Poradna „Nový domov“; tlumočení, "kurzy" a asistence'
    assert quoted["title_en"] == "Counselling centre “New home”"
    assert quoted["budget_total"] == "2450000.50"
    assert quoted["subsidy"] == "2000000"
    assert len(quoted["partners"].split("; ")) == 2
    assert quoted["target_groups"] == "third_country_nationals | children_youth"
    assert quoted["scope"] == "regional"
    assert quoted["source_urls"] == "https://example.org/projekty/novy-domov"
    assert quoted["updated_at"].endswith("Z")


def test_semicolon_variant_uses_semicolons_and_decimal_commas(client, stored):
    for query in ("dialect=semicolon", "sep=;"):
        response = client.get(f"/api/v1/projects.csv?{query}")
        assert response.status_code == 200
        assert response.get_data().startswith(BOM + b"id;url;title_cs;")
        assert "semicolon" in response.headers["Content-Disposition"]
        found = {int(row["id"]): row for row in _csv(response, delimiter=";")}
        quoted = found[stored["quoted"]]
        assert quoted["budget_total"] == "2450000,50"
        assert quoted["title_cs"] == 'Poradna „Nový domov“; tlumočení, "kurzy" a asistence'
        assert quoted["summary_cs"] == (
            "První řádek.\nDruhý řádek s čárkou, středníkem; a uvozovkami \"x\".")


def test_jsonl_lines_are_records_with_arrays_and_typed_values(app, client, stored):
    response = client.get("/api/v1/projects.jsonl")
    assert response.status_code == 200
    assert response.content_type.startswith("application/x-ndjson")
    found = _jsonl(response)
    with app.app_context():
        projects = published_projects()
        assert [line["id"] for line in found] == [p.id for p in projects]
        for line, project in zip(found, projects, strict=True):
            assert tuple(line) == NAMES_OF_COLUMNS
            assert line["title_cs"] == project.title_cs
            assert line["partners"] == [o.name for o in project.organisations_in(Role.PARTNER)]
            assert line["activities"] == [t.code for t in project.activities]
            assert line["target_groups"] == [t.code for t in project.target_groups]
            assert line["budget_total"] == (
                None if project.budget_total is None else float(project.budget_total))
            assert line["start"] == _as_known(project, "start")
    english = next(line for line in found if line["id"] == stored["english"])
    assert english["language"] == "en"
    assert english["title_cs"] == ""
    assert english["funders"] == ["EEA_NORWAY"]
    assert english["budget_approximate"] is False
    assert english["source_urls"] == []


def test_xlsx_sheet_matches_the_database_with_typed_cells(app, client, stored):
    response = client.get("/api/v1/projects.xlsx")
    assert response.status_code == 200
    assert response.content_type.startswith("application/vnd.openxmlformats")
    assert response.headers["Content-Disposition"].endswith('.xlsx"')
    workbook = load_workbook(io.BytesIO(response.get_data()), read_only=True)
    table = list(workbook["projects"].iter_rows(values_only=True))
    assert table[0] == NAMES_OF_COLUMNS
    found = [dict(zip(NAMES_OF_COLUMNS, row, strict=True)) for row in table[1:]]
    with app.app_context():
        projects = published_projects()
        assert [row["id"] for row in found] == [p.id for p in projects]
        for row, project in zip(found, projects, strict=True):
            assert row["title_cs"] == (project.title_cs or None)
            assert row["implementer"] == project.implementer.name
            start = row["start"]  # a day is a date cell, a month or a year text
            assert (start.date().isoformat() if isinstance(start, datetime) else start) == (
                _as_known(project, "start"))
    quoted = next(row for row in found if row["id"] == stored["quoted"])
    assert quoted["budget_total"] == pytest.approx(2450000.5)
    assert quoted["good_practice"] is True
    assert quoted["regions"] == "CZ010 | CZ020"
    assert isinstance(quoted["updated_at"], datetime)


def test_xlsx_keeps_text_that_looks_like_a_formula_as_text(app, client, stored):
    with app.app_context():
        db.session.get(Project, stored["landscape"]).title_cs = "=HYPERLINK(\"x\")"
        db.session.commit()
    workbook = load_workbook(io.BytesIO(client.get("/api/v1/projects.xlsx").get_data()))
    titles = [row[2] for row in workbook["projects"].iter_rows(min_row=2, values_only=True)]
    assert "=HYPERLINK(\"x\")" in titles
    assert all(cell.data_type != "f" for row in workbook["projects"].iter_rows() for cell in row)


def test_filters_of_the_search_page_apply(client, stored):
    found = _jsonl(client.get("/api/v1/projects.jsonl?region=CZ010"))
    assert sorted(line["id"] for line in found) == sorted(
        [stored["prague_refugees"], stored["prague_centre"], stored["quoted"]])
    found = _jsonl(client.get("/api/v1/projects.jsonl?region=CZ010&funder=AMIF"))
    assert sorted(line["id"] for line in found) == sorted([stored["prague_centre"],
                                                           stored["quoted"]])
    found = _csv(client.get("/api/v1/projects.csv?year_from=2022&lang=en"))
    assert [int(row["id"]) for row in found] == [stored["english"]]
    # Paging parameters of the search page do not cut an export short.
    found = _jsonl(client.get("/api/v1/projects.jsonl?per_page=1&page=1"))
    assert len(found) == 8


def test_text_query_exports_what_the_search_finds(client, stored):
    found = _jsonl(client.get("/api/v1/projects.jsonl?q=kurzy+cestiny+v+Brne"))
    assert [line["id"] for line in found] == [stored["brno_interpreting"]]
    found = _jsonl(client.get("/api/v1/projects.jsonl?q=pr%C3%A1vn%C3%AD+poradenstv%C3%AD"
                              "&region=CZ080"))
    assert [line["id"] for line in found] == [stored["ostrava_legal"]]
    response = client.get("/api/v1/projects.csv?q=nonexistentword")
    assert response.status_code == 200
    assert _csv(response) == []


def test_text_query_ids_are_the_search_results(app, stored):
    from knowledge_platform.search.params import SearchParams
    from knowledge_platform.search.service import matching_ids, search

    params = SearchParams(q="cizinců OR refugees OR children OR Praha")
    with app.app_context():
        everything = {hit["id"] for hit in search(replace(params, per_page=100)).hits}
        ids = matching_ids(params)
        records = list(rows.export_records(params, batch_size=2))
    assert len(everything) > 4
    assert ids == sorted(everything)
    assert [r["id"] for r in records] == ids


def test_writers_stream_without_reading_every_record_first():
    consumed = []

    def endless():
        for number in itertools.count(1):
            consumed.append(number)
            yield {column.name: None for column in COLUMNS} | {
                "id": number, "title_cs": "Kurzy češtiny " * 20, "partners": [], "regions": [],
                "funders": [], "activities": [], "target_groups": [], "source_urls": []}

    for stream in (writers.csv_chunks(endless()), writers.jsonl_chunks(endless())):
        consumed.clear()
        next(stream)  # the first chunk holds the BOM and the header
        chunk = next(stream)
        assert writers.CHUNK_BYTES <= len(chunk) < 2 * writers.CHUNK_BYTES
        assert len(consumed) < 1000


def test_batches_are_read_by_keyset_and_cover_everything(app, stored):
    from knowledge_platform.search.params import SearchParams

    with app.app_context():
        batches = list(rows.project_batches(SearchParams(), batch_size=3))
        assert [len(batch) for batch in batches] == [3, 3, 2]
        ids = [project.id for batch in batches for project in batch]
        assert ids == sorted(ids) == [p.id for p in published_projects()]


@pytest.mark.parametrize("query, bad", [
    ("region=XX999", "region"),
    ("year_from=abc", "year_from"),
    ("good_practice=maybe", "good_practice"),
    ("dialect=tab", "dialect"),
    ("sep=|", "sep"),
    ("sep=,&dialect=semicolon", "sep"),
])
def test_bad_parameters_get_a_400_json_body_naming_them(client, stored, query, bad):
    for suffix in ("csv", "jsonl", "xlsx"):
        response = client.get(f"/api/v1/projects.{suffix}?{query}")
        assert response.status_code == 400
        assert response.is_json
        assert bad in response.get_json()["errors"]


def test_two_bad_parameters_are_both_named(client):
    response = client.get("/api/v1/projects.csv?region=XX&dialect=tab")
    assert response.status_code == 400
    assert set(response.get_json()["errors"]) == {"region", "dialect"}


def test_an_empty_database_exports_a_header_only(client):
    assert _csv(client.get("/api/v1/projects.csv")) == []
    assert client.get("/api/v1/projects.jsonl").get_data() == b""
    workbook = load_workbook(io.BytesIO(client.get("/api/v1/projects.xlsx").get_data()))
    assert workbook["projects"].max_row == 1


def _as_known(project, side: str) -> str | None:
    """A date written as precisely as it is known, worked out here from the columns."""
    found, precision = getattr(project, f"{side}_date"), getattr(project, f"{side}_precision")
    if found is None:
        return None
    return {"year": found.strftime("%Y"), "month": found.strftime("%Y-%m")}.get(
        str(getattr(precision, "value", precision)), found.isoformat())


def test_dates_keep_their_precision(client, stored):
    found = {line["id"]: line for line in _jsonl(client.get("/api/v1/projects.jsonl"))}
    brno = found[stored["brno_interpreting"]]
    assert (brno["start"], brno["start_precision"]) == ("2022-03", "month")
    assert (brno["end"], brno["end_precision"]) == ("2023-12", "month")
    days = [line for line in found.values() if line["start_precision"] == "day"]
    assert days and all(date.fromisoformat(line["start"]) for line in days)
    assert datetime.fromisoformat(brno["updated_at"].replace("Z", "+00:00")).tzinfo


def test_a_download_names_bad_parameters_in_english_as_the_api_does(client):
    response = client.get("/api/v1/projects.csv?region=XX&sep=|",
                          headers={"Accept-Language": "cs"})
    assert response.get_json()["errors"] == client.get(
        "/api/v1/projects?region=XX").get_json()["errors"] | {"sep": "must be , or ;"}


def test_labels_stand_beside_the_codes_in_the_language_asked_for(client, stored):
    english = {line["id"]: line for line in _jsonl(client.get("/api/v1/projects.jsonl"))}
    czech = {line["id"]: line for line in _jsonl(
        client.get("/api/v1/projects.jsonl?labels=cs"))}
    brno = stored["brno_interpreting"]
    assert len(english[brno]["regions"]) == len(english[brno]["regions_labels"])
    assert english[brno]["regions_labels"] == ["South Moravian Region"]
    assert czech[brno]["regions_labels"] == ["Jihomoravský kraj"]
    assert czech[brno]["kinds_labels"] == ["projekt"]
    rows = _csv(client.get("/api/v1/projects.csv?labels=cs"))
    assert {row["funders_labels"] for row in rows if row["id"] == str(brno)} == {
        "; ".join(czech[brno]["funders_labels"])}  # labels may hold commas, never ";"
    assert client.get("/api/v1/projects.csv?labels=de").status_code == 400


def test_a_workbook_carries_its_codebook_and_the_search_that_made_it(client, stored):
    response = client.get("/api/v1/projects.xlsx?region=CZ064&labels=cs&utm=%01")
    workbook = load_workbook(io.BytesIO(response.get_data()))
    assert workbook.sheetnames == ["projects", "codebook", "about"]
    codebook = list(workbook["codebook"].iter_rows(values_only=True))
    assert codebook[0][:4] == ("column", "type", "meaning_en", "meaning_cs")
    assert {row[0] for row in codebook[1:]} == set(NAMES_OF_COLUMNS)
    about = {name: value for name, value in workbook["about"].iter_rows(values_only=True)}
    # The search as read (an ignored parameter, here with a control character, is not echoed).
    assert about["search"] == "region=CZ064" and about["labels"] == "cs"
    assert about["address"] == "http://localhost/api/v1/projects.xlsx?region=CZ064"
    assert int(about["records"]) == workbook["projects"].max_row - 1 > 0
    assert about["licence"] == "CC BY 4.0" and about["made"].startswith("20")
