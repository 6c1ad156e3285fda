"""The statistics page: tables, SVG charts and CSV downloads, checked with bs4 and csv.

Every expected figure is computed here in Python from the records the test stores, not
with the queries the page uses.
"""
from __future__ import annotations

import csv
import io
from collections import Counter
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup

from knowledge_platform.views.charts import BACKGROUND, PALETTE, Bar, bar_chart, contrast_ratio
from tests.factories import record, store

# Published projects; a project with two funders or regions counts once under each.
PUBLISHED = [
    dict(title="Kurzy češtiny v Praze", funders=["AMIF", "MV_CR"], regions=["CZ010"],
         activities=["czech_language"], start="2016-01-01", start_precision="day",
         budget_amount=1200000.40, currency="CZK"),
    dict(title="Poradna v Brně a Praze", funders=["MV_CR"], regions=["CZ064", "CZ010"],
         activities=["legal_counselling", "czech_language"], start="2016-05-01",
         start_precision="month", budget_amount=300000, currency="CZK"),
    dict(title="Ostravské centrum", funders=["ESF"], regions=["CZ080"],
         activities=["social_counselling"], start="2019-03-01", start_precision="day"),
    dict(title="Projekt bez data", funders=["MV_CR"], regions=["CZ010"], activities=[],
         budget_amount=50000, currency="EUR"),
]
DRAFT = dict(title="Koncept", funders=["AMIF"], regions=["CZ010"], activities=["czech_language"],
             start="2016-02-01", start_precision="day", budget_amount=999, currency="CZK")
FACETS = {"funders": "funders", "regions": "regions", "activities": "activities"}


@pytest.fixture
def projects(app):
    with app.app_context():
        for data in PUBLISHED:
            store(record(**data))
        store(record(**DRAFT), publish=False)


def _soup(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def _table(page: BeautifulSoup, name: str) -> dict[str, dict[str, str]]:
    """{row key: {"label", "projects", "budgeted", currency...}} of one statistics table."""
    rows = {}
    for row in page.select(f"table[data-name={name}] tbody tr"):
        cells = {"label": row.th.text, "projects": row.select_one(".projects").text,
                 "budgeted": row.select_one(".budgeted").text}
        cells.update({cell["data-currency"]: cell.text for cell in row.select(".budget")})
        rows[row["data-key"]] = cells
    return rows


def _expected_counts(field: str) -> Counter:
    return Counter(code for data in PUBLISHED for code in data[field])


def _expected_years() -> dict[str, int]:
    years = Counter(int(data["start"][:4]) for data in PUBLISHED if data.get("start"))
    return {str(year): years[year] for year in range(min(years), max(years) + 1)}


def test_year_table_counts_published_projects_by_start_year(client, projects):
    rows = _table(_soup(client.get("/en/statistics")), "years")
    # Years without projects between the first and the last are there, with zero.
    assert {key: int(row["projects"]) for key, row in rows.items()} == _expected_years()
    czk = sum(Decimal(str(d["budget_amount"])) for d in PUBLISHED
              if d.get("start", "").startswith("2016") and d.get("currency") == "CZK")
    assert rows["2016"]["CZK"] == "CZK\xa0" + f"{czk.quantize(Decimal(1)):,}"
    assert rows["2016"]["budgeted"] == "2"
    assert rows["2019"]["CZK"] == "–" and rows["2017"]["projects"] == "0"


@pytest.mark.parametrize("name", FACETS)
def test_term_tables_count_a_project_once_under_each_term(client, projects, name):
    rows = _table(_soup(client.get("/en/statistics")), name)
    shown = {key: int(row["projects"]) for key, row in rows.items() if int(row["projects"])}
    assert shown == dict(_expected_counts(FACETS[name]))
    if name != "regions":
        # Most projects first.
        assert list(rows) == [code for code, _ in
                              sorted(shown.items(), key=lambda item: -item[1])][:len(rows)]


def test_multi_funder_rows_add_up_to_more_than_the_projects(client, projects):
    page = _soup(client.get("/en/statistics"))
    rows = _table(page, "funders")
    assert sum(int(row["projects"]) for row in rows.values()) > len(PUBLISHED)
    assert rows["MV_CR"]["CZK"] == "CZK\xa01,500,000"  # both CZK projects have MV_CR
    assert rows["MV_CR"]["EUR"] == "€50,000"
    assert rows["AMIF"]["CZK"] == "CZK\xa01,200,000"  # the draft's 999 is not added
    notes = [note.text for note in page.select("#funders .note")]
    assert any("counts once under each" in note for note in notes)


def test_every_region_is_listed_even_without_projects(client, projects):
    rows = _table(_soup(client.get("/en/statistics")), "regions")
    assert len(rows) == 16 and list(rows)[:2] == ["CZ010", "CZ020"]
    assert rows["CZ020"]["projects"] == "0"
    assert rows["CZ010"]["label"] == "Prague"


def test_czech_page_formats_for_the_locale(client, projects):
    page = _soup(client.get("/cs/statistics"))
    assert page.h1.text == "Statistiky"
    rows = _table(page, "funders")
    assert rows["MV_CR"]["label"] == "Ministerstvo vnitra ČR"
    assert rows["MV_CR"]["CZK"] == "1\xa0500\xa0000\xa0Kč"
    assert rows["MV_CR"]["EUR"] == "50\xa0000\xa0€"
    headers = [th.text for th in page.select("table[data-name=years] thead th")]
    assert headers == ["Rok zahájení", "Projekty", "Projekty s rozpočtem", "Rozpočet (CZK)",
                       "Rozpočet (EUR)"]
    assert page.select_one("#years .note:-soup-contains('nemá datum zahájení')").text.startswith(
        "1 zveřejněný projekt")


def test_projects_without_a_start_date_are_named(client, projects):
    notes = [note.text for note in _soup(client.get("/en/statistics")).select("#years .note")]
    without = sum(1 for data in PUBLISHED if not data.get("start"))
    assert f"{without} published project has no start date and is not counted here." in notes


@pytest.mark.parametrize("language", ["cs", "en"])
def test_every_table_has_charts_with_one_bar_per_row(client, projects, language):
    page = _soup(client.get(f"/{language}/statistics"))
    for section in page.select("section.statistics-section:not(.crosstab)"):
        rows = section.select("tbody tr")
        charts = section.select("svg")
        assert len(charts) == 2, section["id"]
        for chart in charts:
            assert chart["role"] == "img"
            title, desc = chart.find("title"), chart.find("desc")
            assert title.text and desc.text
            assert chart["aria-labelledby"] == f"{title['id']} {desc['id']}"
            bars = chart.select("rect.bar")
            assert len(bars) == len(rows)
            # Each bar is labelled with its row's text.
            assert [label.text for label in chart.select(".bar-label")] == \
                [row.th.text for row in rows]
            assert all(bar["fill"] in PALETTE for bar in bars)
        caption = section.select_one("table caption")
        assert caption.text and all(th["scope"] == "col" for th in section.select("thead th"))
        assert all(row.th["scope"] == "row" for row in rows)


def test_bar_lengths_follow_the_values(client, projects):
    page = _soup(client.get("/en/statistics"))
    chart = page.select_one("#chart-years-projects")
    bars = {bar.find_previous_sibling("text").text: float(bar["width"])
            for bar in chart.select("rect.bar")}
    years = _expected_years()
    top = max(years.values())
    assert bars["2016"] == pytest.approx(bars["2019"] * years["2016"] / years["2019"], rel=0.01)
    assert bars["2017"] == 0 and years["2016"] == top
    assert "2016" in chart.find("desc").text


@pytest.mark.parametrize(("language", "label_header"), [("cs", "Zdroj financování"),
                                                         ("en", "Funding source")])
def test_csv_download_has_the_table_in_the_page_language(client, projects, language,
                                                         label_header):
    page = _soup(client.get(f"/{language}/statistics"))
    link = page.select_one("#funders .download a")["href"]
    assert link == f"/{language}/statistics/funders.csv"
    response = client.get(link)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response.headers["Content-Disposition"]
    body = response.get_data()
    assert body.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM for Excel
    header, *rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert header[:2] == ["Code" if language == "en" else "Kód", label_header]
    by_code = {row[0]: row for row in rows}
    assert {code: int(row[2]) for code, row in by_code.items()} == \
        dict(_expected_counts("funders"))
    budgets = dict(zip(header, by_code["MV_CR"], strict=True))
    currency_header = "Budget (CZK)" if language == "en" else "Rozpočet (CZK)"
    assert budgets[currency_header] == "1500000.40"  # full precision, a plain number
    assert by_code["ESF"][header.index(currency_header)] == ""
    if language == "cs":
        assert by_code["MV_CR"][1] == "Ministerstvo vnitra ČR"


def test_year_csv_matches_the_page(client, projects):
    body = client.get("/en/statistics/years.csv").get_data().decode("utf-8-sig")
    header, *rows = list(csv.reader(io.StringIO(body)))
    assert header[:3] == ["Start year", "Projects", "Projects with a budget"]
    assert {row[0]: int(row[1]) for row in rows} == _expected_years()


@pytest.mark.parametrize("path", ["/en/statistics/nothing.csv", "/cs/statistics/project.csv",
                                  "/de/statistics"])
def test_unknown_csv_names_are_404(client, path):
    assert client.get(path).status_code == 404


def test_empty_database_renders(client):
    page = _soup(client.get("/en/statistics"))
    assert page.select("#funders .empty")
    assert not page.select("#funders svg")
    # Regions are listed with zeros even before anything is published.
    assert len(page.select("table[data-name=regions] tbody tr")) == 16


def test_page_and_api_agree(client, projects):
    years = {item["year"]: item["project_count"]
             for item in client.get("/api/v1/stats").get_json()["years"]}
    rows = _table(_soup(client.get("/en/statistics")), "years")
    assert years == {int(key): int(row["projects"]) for key, row in rows.items()
                     if row["projects"] != "0"}


def test_navigation_links_the_statistics_and_about_pages(client):
    page = _soup(client.get("/en/"))
    footer = {a.text: a["href"] for a in page.select("footer nav a")}
    assert footer == {"Organisations": "/en/organisations", "Statistics": "/en/statistics",
                      "Open data": "/en/data", "About the platform": "/en/about"}
    assert page.select_one(".home-figures .more-figures a")["href"] == "/en/statistics"
    current = _soup(client.get("/cs/statistics")).select_one("footer nav a[aria-current=page]")
    assert current["href"] == "/cs/statistics"


def test_palette_contrasts_with_the_background():
    assert all(contrast_ratio(colour, BACKGROUND) >= 3 for colour in PALETTE)
    assert contrast_ratio("#ffffff", "#000000") == pytest.approx(21)


def test_chart_escapes_and_shortens_labels():
    long_label = "<b>" + "x" * 100
    svg = BeautifulSoup(bar_chart([Bar(long_label, 3, "3"), Bar("y", 0, "0")], "c", "T", "D"),
                        "html.parser")
    label = svg.select_one(".bar-label").text
    assert label.startswith("<b>") and label.endswith("…") and len(label) < len(long_label)
    assert svg.select_one(".bar-row title").text.startswith(long_label)  # the full label
    assert "<b>" not in str(bar_chart([Bar("<b>", 1, "1")], "c", "T", "D"))
    widths = [float(bar["width"]) for bar in svg.select("rect.bar")]
    assert widths[0] > 0 and widths[1] == 0
