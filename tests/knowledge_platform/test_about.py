"""The about page: what the data covers and how complete it is, checked with bs4.

The completeness shares are computed here from the stored records, field by field.
"""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from knowledge_platform import completeness
from tests.factories import record, store

FULL = dict(
    title="Kurzy češtiny v Praze", summary="Kurzy pro dospělé.", partners=["Partner Praha"],
    funders=["AMIF"], regions=["CZ010"], start="2016-01-01", start_precision="day",
    end="2017-06-30", end_precision="day", budget_amount=100000, currency="CZK",
    registration_number="CZ.AMIF.1", activities=["czech_language"],
    target_groups=["third_country_nationals"], source_url="https://example.org/kurzy",
)
# Three projects start in 2016 (so shares of a third), one in 2019, one has no start date.
PUBLISHED = [
    FULL,
    dict(title="Poradna v Brně", funders=[], regions=["CZ064"], start="2016-03-01",
         start_precision="month"),
    dict(title="Tlumočení v Brně", funders=["MV_CR"], regions=["CZ064"], start="2016-09-01",
         start_precision="day", partners=["Partner Brno"], language="en",
         target_groups=["children_youth"]),
    dict(title="Celostátní kampaň", funders=["MV_CR"], regions=["CZ"], start="2019-01-01",
         start_precision="year", end="2020-12-31", end_precision="year",
         budget_amount=5000, currency="CZK", source_url="https://example.org/kampan"),
    dict(title="Projekt bez data", funders=["ESF"], regions=[], summary="Něco."),
]
DRAFT = dict(title="Koncept", registration_number="CZ.DRAFT", start="2016-01-01",
             start_precision="day")
# Page field -> the record key that fills it.
FIELDS = {
    "title": "title", "summary": "summary", "implementer": "implementer",
    "partners": "partners", "funders": "funders", "regions": "regions",
    "start_date": "start", "end_date": "end", "budget": "budget_amount",
    "registration_number": "registration_number", "activities": "activities",
    "target_groups": "target_groups", "source_url": "source_url",
}


@pytest.fixture
def projects(app):
    stored = []
    with app.app_context():
        for data in PUBLISHED:
            full = record(**data)
            store(full)
            stored.append(full)
        store(record(**DRAFT), publish=False)
    return stored


def _soup(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def _filled(records: list[dict], field: str) -> int:
    return sum(1 for data in records if data.get(FIELDS[field]) not in (None, "", []))


def test_completeness_overall_matches_the_records(client, projects):
    page = _soup(client.get("/en/about"))
    rows = page.select(".completeness-overall tbody tr")
    # Every key field once, in the order the completeness module declares them.
    assert [row["data-field"] for row in rows] == list(completeness.FIELDS)
    assert set(completeness.FIELDS) == set(FIELDS)
    for row in rows:
        filled = _filled(projects, row["data-field"])
        assert row.select_one(".count").text == str(filled), row["data-field"]
        assert row.select_one(".share").text == f"{filled * 100 // len(projects)}%"
    assert page.select_one(".completeness-overall [data-field=title] .share").text == "100%"
    assert page.select_one(".completeness-overall [data-field=activities] .share").text == "20%"


@pytest.mark.parametrize(("language", "third", "two_thirds"), [
    ("cs", "33,3\xa0%", "66,7\xa0%"), ("en", "33.3%", "66.7%")])
def test_completeness_by_start_year_with_locale_percentages(client, projects, language, third,
                                                           two_thirds):
    page = _soup(client.get(f"/{language}/about"))
    table = page.select_one(".completeness-years")
    assert [row["data-year"] for row in table.select("tbody tr")] == \
        ["all", "2016", "2019", "unknown"]
    of_2016 = [data for data in projects if (data.get("start") or "").startswith("2016")]
    row = table.select_one("tr[data-year='2016']")
    assert row.select_one(".count").text == str(len(of_2016))
    shares = {cell["data-field"]: cell.text for cell in row.select("td.share")}
    assert _filled(of_2016, "partners") == 2 and shares["partners"] == two_thirds
    assert _filled(of_2016, "budget") == 1 and shares["budget"] == third
    assert shares["start_date"] == ("100\xa0%" if language == "cs" else "100%")
    unknown = table.select_one("tr[data-year=unknown]")
    assert {cell["data-field"]: cell.text for cell in unknown.select("td.share")}[
        "start_date"] == ("0\xa0%" if language == "cs" else "0%")
    headers = [th.text for th in table.select("thead th")]
    assert len(headers) == 2 + len(FIELDS)
    assert headers[2] == ("Název" if language == "cs" else "Title")
    assert all(th["scope"] == "col" for th in table.select("thead th"))
    assert all(th["scope"] == "row" for th in table.select("tbody th"))


def test_coverage_counts_projects_years_regions_and_languages(client, projects):
    page = _soup(client.get("/en/about"))
    assert page.select_one(".coverage-projects").text == str(len(projects))
    years = [int(data[side][:4]) for data in projects for side in ("start", "end")
             if data.get(side)]
    assert page.select_one(".coverage-years").text == f"{min(years)}–{max(years)}"
    kraje = {code for data in projects for code in data["regions"] if code.startswith("CZ0")}
    assert page.select_one(".coverage-regions").text == \
        f"{len(kraje)} of the 14 regions of Czechia"
    english = sum(1 for data in projects if data["language"] == "en")
    assert page.select_one(".coverage-languages").text == \
        f"Czech: {len(projects) - english}, English: {english}"


def test_about_page_in_czech(client, projects):
    page = _soup(client.get("/cs/about"))
    assert page.html["lang"] == "cs"
    assert page.h1.text == "O platformě"
    assert "Města a inkluzivní strategie" in page.select_one(".about-what").text
    assert page.select_one(".coverage-regions").text == "2 ze 14 krajů Česka"
    assert page.select_one(".coverage-languages").text == "čeština: 4, angličtina: 1"
    cite = page.select_one(".about-cite")
    assert "http://localhost/cs/projects/" in cite.select_one("code").text
    assert cite.select_one("a[href=\"/cs/data\"]").text == "Otevřená data"


def test_about_page_explains_the_platform_in_english(client):
    page = _soup(client.get("/en/about"))
    headings = [h2.text for h2 in page.select("h2")]
    assert headings == ["What the platform is", "Who it is for", "Where the data comes from",
                        "How to cite", "What the data covers", "How complete the data is",
                        "Credits"]
    assert "Cities and Inclusive Strategies" in page.select_one(".about-what").text
    links = [link["href"] for link in page.select(".about-cite a")]
    assert links[0] == "/en/data" and links[1].startswith("/api/v1/docs")
    # Nothing published yet: no table of zeros, a plain statement instead.
    assert page.select_one(".about-completeness .empty")
    assert page.select_one(".coverage-projects").text == "0"
