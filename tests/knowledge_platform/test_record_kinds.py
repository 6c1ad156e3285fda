"""Records that are not projects: each record's kind is stored (a project unless its source
says otherwise), filtered and counted like any facet, and money counts projects only."""
from __future__ import annotations

from decimal import Decimal
from statistics import median

import pytest
from bs4 import BeautifulSoup

from tests.factories import record, store

PROJECT_BUDGETS = [Decimal(100_000), Decimal(250_000), Decimal(400_000), Decimal(1_000_000)]


@pytest.fixture
def records(app):
    with app.app_context():
        for amount in PROJECT_BUDGETS:
            store(record(budget_amount=float(amount), currency="CZK", start="2020-01-01"))
        store(record(title="Dotační program kraje", kinds=["PROGRAMME"],
                     budget_amount=500_000_000, currency="CZK", start="2020-01-01"))
        store(record(title="Poradna pro cizince", kinds=["SERVICE"]))


def test_a_record_without_a_kind_is_a_project_and_kinds_are_a_facet(client, records):
    api = client.get("/api/v1/projects?facets=1&per_page=100").get_json()
    kinds = next(facet for facet in api["facets"] if facet["name"] == "kind")
    assert {value["code"]: value["count"] for value in kinds["values"]} == {
        "PROJECT": 4, "PROGRAMME": 1, "SERVICE": 1}
    only = client.get("/api/v1/projects?kind=PROGRAMME").get_json()
    assert [item["title"] for item in only["items"]] == ["Dotační program kraje"]
    assert client.get("/api/v1/kinds").status_code == 200
    page = BeautifulSoup(client.get("/en/search?kind=SERVICE").data, "html.parser")
    assert [hit.get_text(" ", strip=True) for hit in page.select(".hit h2, .hit h3")][:1] == [
        "Poradna pro cizince"]


def test_budget_figures_count_projects_only_with_coverage_and_quartiles(client, records):
    api = client.get("/api/v1/statistics").get_json()
    assert api["totals"]["projects"] == 6
    assert api["totals"]["budget"] == [{"currency": "CZK", "total": float(sum(PROJECT_BUDGETS)),
                                        "project_count": 4}]
    page = BeautifulSoup(client.get("/en/").data, "html.parser")
    assert page.select_one(".figure-budget .figure-value")["data-value"] == str(
        sum(PROJECT_BUDGETS))
    assert "4 of 4 projects have a budget" in page.select_one(".figure-budget .figure-note").text
    assert page.select_one(".figure-median .figure-value")["data-value"] == str(
        median(PROJECT_BUDGETS))
    statistics = BeautifulSoup(client.get("/en/statistics").data, "html.parser")
    coverage = statistics.select_one(".budget-coverage").text
    assert "4 of 4 projects have a budget" in coverage
    assert "2 other records" in coverage
    # The programme's 500 million is in no row of any table either.
    years = {row["data-key"]: row.select_one(".budget").text
             for row in statistics.select("table[data-name=years] tbody tr")}
    assert years["2020"] == "CZK\xa01,750,000"


def test_a_programme_of_a_fund_is_listed_inside_it_and_charted_once(app, client):
    with app.app_context():
        store(record(funders=["ESF", "OPZ"], budget_amount=300_000, currency="CZK",
                     start="2019-01-01"))
        store(record(funders=["ESF"], budget_amount=100_000, currency="CZK", start="2019-01-01"))
    page = BeautifulSoup(client.get("/en/statistics").data, "html.parser")
    rows = page.select("table[data-name=funders] tbody tr")
    keys = [row["data-key"] for row in rows]
    assert keys.index("OPZ") == keys.index("ESF") + 1  # right under its fund
    assert rows[keys.index("OPZ")]["data-part-of"] == "ESF"
    assert "of which" in rows[keys.index("OPZ")].th.text
    for chart in page.select("#funders svg"):
        labels = [bar.select_one(".bar-label").text for bar in chart.select(".bar-row")]
        assert not any("Operational Programme Employment" in label for label in labels)
    budgets = [float(rect["data-value"]) for rect in page.select("#chart-funders-budget rect")]
    assert sum(budgets) == 400_000  # the OPZ project's money once, in the ESF bar
    grid = page.select("table[data-name=funder-by-year] tbody tr")
    assert [row["data-key"] for row in grid if "part" in (row.get("class") or [])] == ["OPZ"]


def test_the_codebook_says_which_programmes_belong_to_which_fund(app, tmp_path):
    from knowledge_platform.exports.codebook import write_codebook_md

    with app.app_context():
        write_codebook_md(tmp_path / "codebook.md", "1", "2026-12-06", "projects.csv", "csv",
                          "comma")
    text = (tmp_path / "codebook.md").read_text("utf-8")
    assert "Programmes of a fund: `OPZ` of `ESF`, `OPZ_PLUS` of `ESF`" in text
    assert "## kind" in text and "`PROGRAMME`" in text


def test_the_home_page_says_how_many_records_are_not_projects(client, records):
    page = BeautifulSoup(client.get("/en/").data, "html.parser")
    assert page.select_one(".figure-projects .figure-note").text == (
        "of them 2 programmes, services or networks")
