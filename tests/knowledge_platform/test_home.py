"""The home page: figures, region map and table, browse lists and short lists, checked with bs4.

Every expected number is computed here from the stored projects in Python, not with the
queries the page uses.
"""
from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import event, select
from sqlalchemy.orm import selectinload

from knowledge_platform.catalogue import FACETS
from knowledge_platform.db import db
from knowledge_platform.formatting import money
from knowledge_platform.models import Project, Status
from knowledge_platform.views.home_figures import region_map, shade_classes
from tests.factories import record, store
from tests.knowledge_platform.search import corpus

KRAJE = ["CZ010", "CZ020", "CZ031", "CZ032", "CZ041", "CZ042", "CZ051", "CZ052", "CZ053",
         "CZ063", "CZ064", "CZ071", "CZ072", "CZ080"]
GOOD_PRACTICES = ("prague_centre", "plzen_children", "liberec_draft")
# Added in this order, oldest first; the draft is the newest and must not show.
ADDED = ["landscape", "prague_refugees", "brno_interpreting", "euro_budget", "plzen_children",
         "abroad", "ostrava_legal", "prague_centre", "liberec_draft"]


def _soup(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def _number(text: str) -> int:
    return int(re.sub(r"\D", "", text))


@pytest.fixture
def ids(app):
    """The search corpus and two more projects (a budget in EUR, one abroad), with known
    creation times and good practices, a draft among them."""
    with app.app_context():
        ids = corpus.load()
        ids["euro_budget"] = store(record(
            title="Jazykové kurzy v Pardubicích", regions=["CZ053", "CZ"], funders=["ESF"],
            activities=["czech_language"], target_groups=["women"],
            implementer="Diecézní charita Brno",  # an organisation with two projects
            budget_amount=20000.0, currency="EUR", start="2005-01-01", start_precision="year",
        )).project.id
        ids["abroad"] = store(record(
            title="Předodjezdové kurzy na Ukrajině", regions=["ABROAD"], funders=["MV_CR"],
            implementer="Centrum pro integraci cizinců", budget_czk=300000.0,
            budget_amount=300000.0, start="2024-02-01", start_precision="month",
            end="2025-06-30", end_precision="month",
        )).project.id
        start = datetime(2025, 1, 1, tzinfo=UTC)
        for position, key in enumerate(ADDED):
            project = db.session.get(Project, ids[key])
            project.created_at = start + timedelta(days=position)
            project.good_practice = key in GOOD_PRACTICES
        db.session.commit()
        return ids


def _published(app) -> list[Project]:
    with app.app_context():
        projects = db.session.scalars(
            select(Project).where(Project.status == Status.PUBLISHED).options(
                selectinload(Project.regions), selectinload(Project.funders),
                selectinload(Project.activities), selectinload(Project.target_groups),
                selectinload(Project.organisations))
        ).all()
        db.session.expunge_all()
        return projects


def test_headline_figures_match_the_stored_projects(app, client, ids):
    projects = _published(app)
    budget = sum((p.budget_total for p in projects
                  if p.currency == "CZK" and p.budget_total is not None), Decimal(0))
    years = [d.year for p in projects for d in (p.start_date, p.end_date) if d]
    organisations = {link.organisation_id for p in projects for link in p.organisations}
    assert len(projects) == 8 and len(organisations) == 7  # the draft's organisation is not
    assert budget == Decimal("11080000")  # the EUR budget is left out

    for language in ("cs", "en"):
        page = _soup(client.get(f"/{language}/"))
        value = {name: page.select_one(f".figure-{name} .figure-value").text.strip()
                 for name in ("projects", "organisations", "years", "budget")}
        assert _number(value["projects"]) == len(projects)
        assert _number(value["organisations"]) == len(organisations)
        assert value["years"] == f"{min(years)}–{max(years)}" == "2005–2025"
        with app.test_request_context(f"/{language}/"):
            assert value["budget"] == money(budget, "CZK")
        budgeted, of = (int(n) for n in re.findall(
            r"\d+", page.select_one(".figure-budget .figure-note").text))
        assert (budgeted, of) == (sum(1 for p in projects if p.currency == "CZK"
                                      and p.budget_total is not None), len(projects))
    assert value["budget"] == "CZK\xa011,080,000"


def test_budget_is_formatted_for_czech(client, ids):
    page = _soup(client.get("/cs/"))
    assert page.select_one(".figure-budget .figure-value").text.strip() == "11\xa0080\xa0000\xa0Kč"


def _map(page) -> dict[str, tuple[str, int, int]]:
    """{code: (href, count in the title, colour class)} of the map's regions."""
    shown = {}
    for link in page.select("figure.region-map svg a"):
        path = link.find("path")
        title = path.find("title").text
        assert link["aria-label"] == title
        shade = int(next(c for c in path["class"] if c.startswith("shade-")).split("-")[1])
        shown[path["data-code"]] = (link["href"], _number(title.split(":")[1]), shade)
    return shown


def test_map_links_the_14_regions_with_the_table_and_database_counts(app, client, ids):
    projects = _published(app)
    expected = Counter(region.code for p in projects for region in p.regions)
    page = _soup(client.get("/cs/"))
    shown = _map(page)
    assert sorted(shown) == KRAJE
    assert {code: href for code, (href, _, _) in shown.items()} == {
        code: f"/cs/regions/{code}" for code in KRAJE}

    table = {row["data-code"]: (row.th.a["href"], row.th.a.text, _number(row.td.text))
             for row in page.select("table.region-table tbody tr")}
    assert sorted(table) == sorted([*KRAJE, "CZ", "ABROAD"])
    for code in KRAJE:
        assert table[code][2] == shown[code][1] == expected[code], code
    assert table["CZ"] == ("/cs/regions/CZ", "celá ČR", 1)
    assert table["ABROAD"] == ("/cs/regions/ABROAD", "zahraničí", 1)
    assert table["CZ010"][:2] == ("/cs/regions/CZ010", "Hlavní město Praha")
    title = page.select_one("#region-CZ010 title").text
    assert title == "Hlavní město Praha: 2 zveřejněné projekty"
    assert page.select_one("figure.region-map figcaption").text.strip()
    # The data credit is on the About page, not in the middle of the home page.
    assert page.select_one(".map-credit") is None
    about = _soup(client.get("/cs/about"))
    assert "jlacko/powerbi-cesko" in about.select_one(".about-credits .map-credit").text


def test_colour_classes_follow_the_counts(client, ids):
    page = _soup(client.get("/en/"))
    shown = list(_map(page).values())
    for _, count, shade in shown:
        assert (count == 0) == (shade == 0)
        assert 0 <= shade <= 4
        for _, other_count, other_shade in shown:
            if count > other_count:
                assert shade >= other_shade
    legend = [item.text.strip() for item in page.select(".map-legend .legend-item")]
    assert legend == ["0", "1", "2"]


@pytest.mark.parametrize("counts", [
    [0, 0, 0], [5], [1, 1, 2, 3], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 200],
    [0, 3, 3, 7, 12, 12, 40, 41, 90, 120, 0, 2, 1, 5],
])
def test_shade_classes_are_monotone_and_the_legend_covers_every_count(counts):
    shade, legend = shade_classes(counts)
    assert legend[0] == (0, 0, 0)
    assert len(legend) <= 5
    for first, second in zip(sorted(counts), sorted(counts)[1:], strict=False):
        assert shade[first] <= shade[second]
    for count in counts:
        (row,) = [row for row in legend if row[1] <= count <= row[2]]
        assert row[0] == shade[count]
    for (_, _, high), (_, low, _) in zip(legend[1:], legend[2:], strict=False):
        assert low == high + 1  # ranges without gaps


def test_map_is_read_from_the_svg_file():
    regions = region_map()
    assert regions is region_map()  # parsed once
    assert sorted(shape.code for shape in regions.shapes) == KRAJE
    assert "MIT" in regions.notice
    assert next(s for s in regions.shapes if s.code == "CZ064").name == "Jihomoravský kraj"


@pytest.mark.parametrize(("kind", "attribute"), [
    ("funders", "funders"), ("activities", "activities"), ("target-groups", "target_groups")])
def test_browse_lists_link_values_with_their_counts(app, client, ids, kind, attribute):
    projects = _published(app)
    expected = Counter(term.code for p in projects for term in getattr(p, attribute))
    page = _soup(client.get("/en/"))
    items = page.select(f".browse-{kind} .browse-list li")
    shown = {}
    for item in items:
        code = item.a["href"].rsplit("/", 1)[1]
        assert item.a["href"] == f"/en/{kind}/{code}"
        shown[code] = _number(item.select_one(".count").text)
    assert shown == dict(expected)
    counts = [_number(item.select_one(".count").text) for item in items]
    assert counts == sorted(counts, reverse=True)


def test_browse_lists_use_the_page_language(client, ids):
    czech = _soup(client.get("/cs/")).select_one(".browse-funders a[href$='/MV_CR']")
    english = _soup(client.get("/en/")).select_one(".browse-funders a[href$='/MV_CR']")
    assert (czech.text, english.text) == ("Ministerstvo vnitra ČR", "Ministry of the Interior")


def test_recently_added_projects_newest_first(client, ids):
    page = _soup(client.get("/cs/"))
    items = page.select(".home-recent li.project")
    newest_published = [key for key in reversed(ADDED) if key != "liberec_draft"][:6]
    assert [item.select_one(".project-title a")["href"].split("/")[3].split("-")[0]
            for item in items] == [str(ids[key]) for key in newest_published]
    first = items[0]
    assert first.select_one(".project-title").text == "Integrační centrum Praha"
    assert first.select_one(".implementer").text == "Integrační centrum Praha"
    assert first.select_one(".regions a")["href"] == "/cs/regions/CZ010"
    assert first.select_one(".project-title a")["href"] == \
        f"/cs/projects/{ids['prague_centre']}-integracni-centrum-praha"


def test_good_practices_only_published_good_practices(client, ids):
    page = _soup(client.get("/en/"))
    titles = [item.select_one(".project-title").text
              for item in page.select(".home-good-practices li.project")]
    assert titles == ["Integrační centrum Praha", "Adaptační kurzy pro děti cizinců v Plzni"]
    item = page.select_one(".home-good-practices li.project")
    assert item.select_one(".regions").text == "Prague"
    assert item.select_one(".project-title")["lang"] == "cs"  # no English title recorded


def test_drafts_are_never_counted_or_shown(client, ids):
    for language in ("cs", "en"):
        page = _soup(client.get(f"/{language}/"))
        assert "Liberci" not in page.get_text()
        assert "Centrum Liberec" not in page.get_text()
        assert _map(page)["CZ051"][1:] == (0, 0)
        assert not page.select(".browse-funders a[href$='/REGION']")
        assert not page.select(f"a[href*='/projects/{ids['liberec_draft']}']")


def test_empty_platform(client):
    page = _soup(client.get("/en/"))
    assert page.select_one(".figure-projects .figure-value").text == "0"
    assert page.select_one(".figure-budget .figure-value").text == "CZK\xa00"
    assert not page.select_one(".figure-years")
    assert len(_map(page)) == 14 and {shade for _, _, shade in _map(page).values()} == {0}
    assert page.select_one(".home-recent .empty")
    assert page.select_one(".home-good-practices .empty")
    assert not page.select_one(".home-browse")


@pytest.mark.parametrize(("language", "labels"), [
    ("cs", ["Platforma v číslech", "Projekty podle krajů", "Procházet projekty",
            "Nově přidané projekty", "Příklady dobré praxe"]),
    ("en", ["The platform in numbers", "Projects by region", "Browse projects",
            "Recently added projects", "Good practices"]),
])
def test_both_languages_have_their_own_labels(client, ids, language, labels):
    page = _soup(client.get(f"/{language}/"))
    assert page.html["lang"] == language
    assert [h2.text for h2 in page.select("main h2")] == labels
    assert page.select_one("label[for=q]").text == (
        "Hledaná slova" if language == "cs" else "Search words")
    prague = page.select_one("tr[data-code=CZ010] th a").text
    assert prague == ("Hlavní město Praha" if language == "cs" else "Prague")
    title = page.select_one("#region-CZ010 title").text
    assert title == ("Hlavní město Praha: 2 zveřejněné projekty" if language == "cs"
                     else "Prague: 2 published projects")


def test_page_structure_is_accessible(client, ids):
    page = _soup(client.get("/cs/"))
    levels = [int(h.name[1]) for h in page.select("main h1, main h2, main h3")]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))
    for section in page.select("main section[aria-labelledby]"):
        assert page.find(id=section["aria-labelledby"])
    assert page.select_one("figure.region-map svg")["aria-labelledby"] == "map-caption"
    assert page.select_one("table.region-table caption").text
    assert not page.select("li.project .budget")  # the long list is gone


def test_home_page_runs_a_handful_of_queries(app, client, ids):
    statements = []

    def count(_connection, _cursor, statement, *_args):
        statements.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        _soup(client.get("/cs/"))
    finally:
        event.remove(engine, "before_cursor_execute", count)
    # A fixed number whatever the corpus: the totals, two per facet (its terms and their
    # counts, shared with the statistics page), the short lists and their relations, and
    # the page cache's two (the data's generation, its newest change).
    assert 0 < len(statements) <= 16 + 2 * len(FACETS), statements
