"""The good-practice sheet wherever it goes out: its parts, the cost per participant worked
out from the budget, the project page in both languages, the API and the CSV export."""
from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup

from knowledge_platform import sheets
from knowledge_platform.db import db
from knowledge_platform.exports.codebook import codebook_rows
from knowledge_platform.models import Project
from knowledge_platform.models.projects import cost_per_participant
from tests.factories import record, store

LINK = {"url": "https://example.org/metodika.pdf", "kind": "methodology",
        "label": "Metodika tandemové výuky"}


@pytest.fixture
def sheet_id(app) -> int:
    """A published good-practice project with a complete sheet: 250,000 CZK, 1,200 people."""
    with app.app_context():
        project = store(record(title="Tandemová výuka češtiny", budget_amount=250_000,
                               currency="CZK")).project
        project.good_practice = True
        project.results_cs = "Kurzy prošlo 1 200 lidí."
        project.results_en = "1,200 people went through the courses."
        project.lessons_cs, project.lessons_en = "Dobrovolníci potřebují zaškolení.", \
            "Volunteers need training."
        project.requirements_cs, project.requirements_en = "Dva lektoři a učebna.", \
            "Two teachers and a classroom."
        project.participants = 1200
        project.sheet_links = [LINK, {"url": "https://example.org/foto", "kind": "photos",
                                      "label": ""}]
        db.session.commit()
        return project.id


def test_cost_per_participant_is_the_budget_shared_out_to_the_cent():
    assert cost_per_participant(Decimal("250000"), 1200) == Decimal("208.33")
    assert cost_per_participant(Decimal("76941"), 220) == Decimal("349.73")
    # Unknown either way, or nobody counted: no cost rather than a division by zero.
    assert cost_per_participant(None, 10) is None
    assert cost_per_participant(Decimal("1000"), None) is None
    assert cost_per_participant(Decimal("1000"), 0) is None


def test_the_sheet_s_parts_and_what_a_record_lacks(app, sheet_id):
    assert [part.name for part in sheets.PARTS] == [
        "results", "lessons", "requirements", "participants", "sheet_links"]
    with app.app_context():
        project = db.session.get(Project, sheet_id)
        assert sheets.missing_parts(project) == [] and sheets.has_sheet(project)
        project.lessons_en, project.participants, project.sheet_links = "", 0, []
        assert [part.name for part in sheets.missing_parts(project)] == [
            "lessons", "participants", "sheet_links"]
        other = store(record(title="Bez listu")).project
        assert not sheets.has_sheet(other)


def _page(client, language: str, project_id: int) -> BeautifulSoup:
    response = client.get(f"/{language}/projects/{project_id}", follow_redirects=True)
    assert response.status_code == 200
    return BeautifulSoup(response.data, "html.parser")


@pytest.mark.parametrize(("language", "heading", "people", "cost", "kind"), [
    ("en", "Good-practice sheet", "1,200", "CZK\xa0208.33", "Methodology"),
    ("cs", "Karta dobré praxe", "1\xa0200", "208,33\xa0Kč", "Metodika"),
])
def test_the_project_page_shows_the_sheet_as_a_section_of_its_own(
        client, sheet_id, language, heading, people, cost, kind):
    page = _page(client, language, sheet_id)
    section = page.select_one("section.good-practice-sheet")
    assert section.h2.get_text(strip=True) == heading
    assert section["aria-labelledby"] == section.h2["id"]
    texts = {div["class"][1]: (div["lang"], div.get_text(strip=True))
             for div in section.select("div.sheet-text")}
    assert texts["sheet-results"] == (language, "Kurzy prošlo 1 200 lidí." if language == "cs"
                                      else "1,200 people went through the courses.")
    assert set(texts) == {"sheet-results", "sheet-lessons", "sheet-requirements"}
    assert section.select_one(".sheet-participants").get_text(strip=True) == people
    shown = section.select_one(".sheet-cost-per-participant").contents[0].strip()
    assert shown == cost
    links = section.select(".sheet-links li")
    assert [link.a["href"] for link in links] == [LINK["url"], "https://example.org/foto"]
    assert links[0].select_one(".sheet-link-kind").get_text() == kind
    assert links[0].a.get_text() == LINK["label"]
    assert links[1].a.get_text() == "https://example.org/foto"  # no label: the address


def test_a_record_without_a_sheet_has_no_such_section(app, client):
    with app.app_context():
        project_id = store(record(title="Poradna bez listu")).project.id
    assert _page(client, "en", project_id).select("section.good-practice-sheet") == []


def test_the_api_carries_the_sheet_and_the_cost(client, sheet_id):
    body = client.get(f"/api/v1/projects/{sheet_id}").get_json()
    assert body["results_en"] == "1,200 people went through the courses."
    assert body["requirements_cs"] == "Dva lektoři a učebna."
    assert body["participants"] == 1200
    assert body["sheet_links"][0] == LINK
    assert body["cost_per_participant"] == 208.33
    assert body["currency"] == "CZK"


def test_the_csv_export_carries_the_sheet_and_the_documented_cost(app, client, sheet_id):
    response = client.get("/api/v1/projects.csv")
    text = response.data.decode("utf-8-sig")
    rows = {int(row["id"]): row for row in csv.DictReader(io.StringIO(text, newline=""))}
    row = rows[sheet_id]
    assert row["participants"] == "1200"
    assert row["cost_per_participant"] == "208.33"
    assert row["lessons_cs"] == "Dobrovolníci potřebují zaškolení."
    assert row["sheet_links"] == f"{LINK['url']} | https://example.org/foto"
    assert row["sheet_links_kinds"] == "methodology | photos"
    with app.app_context():
        documented = {entry[0]: entry for entry in codebook_rows() if not entry[5]}
    assert "never typed" in documented["cost_per_participant"][2]
    assert documented["participants"][1] == "whole number"


def test_a_sheet_written_in_one_language_is_shown(app, client):
    with app.app_context():
        project = store(record(title="Kurzy jen česky")).project
        project.results_cs = "Kurz dokončilo dvacet rodičů."
        db.session.commit()
        project_id = project.id
    section = _page(client, "en", project_id).select_one("section.good-practice-sheet")
    assert section is not None and "Kurz dokončilo dvacet rodičů." in section.get_text()
