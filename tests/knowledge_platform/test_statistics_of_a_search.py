"""Statistics of any search: the page, its downloads and /api/v1/statistics narrowed to what
a search finds, years counted by start or by every year a project ran, and cross-tabulations
equal to the counts worked out by hand from the API's records."""
from __future__ import annotations

import csv
import io
from collections import Counter

import pytest
from bs4 import BeautifulSoup

from tests.factories import record, store
from tests.markup import markup_problems

PROJECTS = [
    dict(title="Kurzy češtiny v Praze", funders=["AMIF", "MV_CR"], regions=["CZ010"],
         activities=["czech_language"], start="2016-01-01", end="2017-12-31",
         budget_amount=1200000, currency="CZK"),
    dict(title="Poradna v Brně", funders=["MV_CR"], regions=["CZ064"],
         activities=["legal_counselling", "czech_language"], start="2017-05-01",
         end="2019-04-30", budget_amount=300000, currency="CZK"),
    dict(title="Kurzy češtiny v Ostravě", funders=["ESF"], regions=["CZ080"],
         activities=["czech_language"], start="2019-03-01", end="2019-12-31"),
]


@pytest.fixture
def projects(app):
    with app.app_context():
        for data in PROJECTS:
            store(record(**data), publish=True)
        store(record(title="Koncept kurzů", funders=["AMIF"], regions=["CZ010"],
                     start="2016-02-01"), publish=False)


def _page(client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200, url
    assert markup_problems(response.get_data(as_text=True)) == []
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def _crosstab(page: BeautifulSoup, name: str) -> dict[tuple[str, str], int]:
    table = page.select_one(f"table[data-name={name}]")
    return {(row["data-key"], cell["data-column"]): int(cell.text)
            for row in table.select("tbody tr") for cell in row.select("td")}


def _by_hand(client, query: str, rows: str, basis: str) -> Counter:
    """Funder (or region) × year counts from the API's own records of the search."""
    items = client.get(f"/api/v1/projects?per_page=100&{query}").get_json()["items"]
    found: Counter = Counter()
    for item in items:
        record_ = client.get(item["url"]).get_json()
        first, last = int(record_["start_date"][:4]), int(record_["end_date"][:4])
        years = [first] if basis == "start" else range(first, last + 1)
        for term in record_[{"funder": "funders", "region": "regions"}[rows]]:
            for year in years:
                found[(term["code"], str(year))] += 1
    return found


@pytest.mark.parametrize("basis", ["start", "period"])
@pytest.mark.parametrize("query", ["", "q=kurzy", "region=CZ010&region=CZ064"])
def test_a_crosstab_equals_the_counts_worked_out_from_the_api(client, projects, query, basis):
    page = _page(client, f"/en/statistics?{query}&basis={basis}")
    shown = {key: count for key, count in _crosstab(page, "funder-by-year").items() if count}
    assert shown == _by_hand(client, query, "funder", basis)
    api = client.get(f"/api/v1/statistics?{query}&basis={basis}").get_json()
    cells = next(table["cells"] for table in api["crosstabs"] if table["name"] == "funder-by-year")
    assert {(cell["row"], str(cell["column"])): cell["project_count"] for cell in cells} == shown


def test_a_search_narrows_every_figure(client, projects):
    everything = _page(client, "/en/statistics")
    narrowed = _page(client, "/en/statistics?q=Praze&region=CZ010&region=CZ080")
    assert "3 published projects" in everything.select_one(".lead").text
    assert "1 published project found by this search" in narrowed.select_one(".lead").text
    regions = {row["data-key"]: row.select_one(".projects").text
               for row in narrowed.select("table[data-name=regions] tbody tr")}
    assert regions["CZ010"] == "1" and regions["CZ080"] == "0" and regions["CZ064"] == "0"
    api = client.get("/api/v1/statistics?region=CZ080&q=kurzy&region=CZ010").get_json()
    found = client.get("/api/v1/projects?q=kurzy&region=CZ010&region=CZ080").get_json()
    assert api["scope"] == {"query": "q=kurzy&region=CZ010&region=CZ080", "basis": "start"}
    assert api["totals"]["projects"] == found["total"] == 2
    assert api["totals"]["budget"] == [{"currency": "CZK", "total": 1200000.0,
                                        "project_count": 1}]


def test_years_count_by_start_or_by_every_year_a_project_ran(client, projects):
    def years(basis):
        api = client.get(f"/api/v1/statistics?basis={basis}").get_json()
        return {row["key"]: row["project_count"] for row in api["years"]}

    assert years("start") == {2016: 1, 2017: 1, 2018: 0, 2019: 1}
    assert years("period") == {2016: 1, 2017: 2, 2018: 1, 2019: 2}
    page = _page(client, "/cs/statistics?basis=period")
    assert "v každém roce, kdy probíhal" in page.select_one(".basis").text


def test_downloads_carry_the_search(client, projects):
    page = _page(client, "/en/statistics?q=kurzy&basis=period")
    links = [a["href"] for a in page.select(".download a")]
    assert links and all(link.endswith("?q=kurzy&basis=period") for link in links)
    rows = list(csv.reader(io.StringIO(client.get(
        "/en/statistics/funder-by-year.csv?q=kurzy&basis=period").get_data(as_text=True)
        .lstrip("\ufeff"))))
    assert rows[0][:6] == ["Code", "Funding source", "Code", "Year active", "Projects",
                           "Projects with a budget"]
    counts = {(row[0], row[2]): int(row[4]) for row in rows[1:] if int(row[4])}
    assert counts == _by_hand(client, "q=kurzy", "funder", "period")


def test_the_search_page_links_to_the_statistics_of_its_results(client, projects):
    page = _page(client, "/en/search?q=kurzy&region=CZ010")
    link = page.select_one("a.statistics")["href"]
    assert link == "/en/statistics?q=kurzy&region=CZ010"
    assert "1 published project found by this search" in _page(client, link).text


def test_bad_parameters_are_named_and_refused(client, projects):
    response = client.get("/en/statistics?basis=decade&budget_min=NaN")
    assert response.status_code == 400
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert {item["data-parameter"] for item in page.select(".problems li")} == {
        "basis", "budget_min"}
    assert client.get("/api/v1/statistics?basis=decade").status_code == 400
    assert client.get("/en/statistics/funder-by-year.csv?basis=x").status_code == 400
    assert client.get("/en/statistics/nothing.csv").status_code == 404


def test_each_crosstab_has_a_heatmap_with_a_cell_per_table_cell(client, projects):
    page = _page(client, "/en/statistics")
    sections = page.select("section.crosstab")
    assert len(sections) == 3
    empty = [section for section in sections if not section.select("table")]
    assert [section["id"] for section in empty] == ["target_group-by-year"]  # none recorded
    assert empty[0].select_one(".empty").text == "No project here has both recorded."
    for section in sections[:2]:
        chart = section.select_one("svg.heatmap")
        assert chart["role"] == "img" and chart.find("title").text and chart.find("desc").text
        cells = section.select(f"table[data-name={section['id']}] tbody td")
        assert [rect["data-value"] for rect in chart.select("rect")] == [
            cell.text for cell in cells]


def test_a_crosstab_shows_budget_sums_of_its_cells_too(client, projects):
    page = _page(client, "/en/statistics?basis=period")
    budgets = page.select_one("table[data-name=funder-by-year-budget]")
    cells = {(row["data-key"], cell["data-column"]): cell.text
             for row in budgets.select("tbody tr") for cell in row.select("td")}
    # 2017: the Prague courses (1,200,000, AMIF and MV_CR) and the Brno counselling
    # (300,000, MV_CR) both ran; 2019: the Brno counselling and the Ostrava courses (none).
    assert cells[("AMIF", "2017")] == "CZK\xa01,200,000"
    assert cells[("MV_CR", "2017")] == "CZK\xa01,500,000"
    assert cells[("MV_CR", "2019")] == "CZK\xa0300,000"
    assert cells[("ESF", "2019")] == "–"
