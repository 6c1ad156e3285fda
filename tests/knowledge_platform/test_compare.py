"""Projects side by side: the comparison page, its CSV, and the "Compare" toggles of the
search and project pages, checked as HTML with bs4 and as CSV."""
from __future__ import annotations

import csv
import io
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup

from knowledge_platform.catalogue import FACETS, FIELDS
from knowledge_platform.compare import (
    ROWS,
    chosen_ids,
    facet_row,
    field_row,
    lines,
    parse_ids,
    toggled,
)
from knowledge_platform.db import db
from knowledge_platform.models import VOCABULARIES, Project
from knowledge_platform.models.evaluations import CRITERIA, Evaluation
from tests.factories import record, store

ROW_NAMES = [row.name for row in ROWS]


def _soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def _label(facet: str, code: str, language: str) -> str:
    return db.session.get(VOCABULARIES[facet], code).label(language)


@pytest.fixture
def projects(app):
    """Three published projects and a draft, by name; the first has two evaluations."""
    with app.app_context():
        prague = store(record(
            title="Kurzy češtiny v Praze", regions=["CZ010"], funders=["AMIF", "MV_CR"],
            activities=["czech_language"], target_groups=["third_country_nationals"],
            start="2019-09-01", start_precision="month", end="2020-12-31", end_precision="day",
            budget_amount=1200000, currency="CZK", implementer="Centrum pro integraci cizinců",
        )).project
        brno = store(record(
            title="Poradna v Brně", regions=["CZ064"], funders=["AMIF", "MV_CR"],
            activities=["czech_language", "legal_counselling"],
            target_groups=["third_country_nationals"], start="2019-01-01",
            start_precision="year", budget_amount=50000, currency="EUR",
            budget_approximate=True, implementer="Diecézní charita Brno",
        )).project
        ostrava = store(record(
            title="=Ostravské centrum", regions=["CZ080"], funders=["ESF"],
            activities=["czech_language"], target_groups=["children_youth"],
            implementer="Centrum pro integraci cizinců",
        )).project
        draft = store(record(title="Koncept projektu"), publish=False).project
        criteria = {name: {"score": 3, "rationale": "ok"} for name in CRITERIA}
        worse = {name: {"score": 1, "rationale": "ok"} for name in CRITERIA}
        prague.evaluations += [Evaluation(reviewer="A", criteria=criteria),
                               Evaluation(reviewer="B", criteria=worse)]
        prague.good_practice = True
        db.session.commit()
        return {"prague": prague.id, "brno": brno.id, "ostrava": ostrava.id,
                "draft": draft.id}


def _table(page: BeautifulSoup) -> dict[str, tuple[bool, list[str]]]:
    """Each row of the comparison by its name: (marked as differing, its cells' texts)."""
    rows = {}
    for tr in page.select("table.compare-table tbody tr"):
        name = next(c for c in tr["class"] if c.startswith("row-"))[4:]
        rows[name] = ("differs" in tr["class"],
                      [re.sub(r"[ \t\n]+", " ", td.get_text(" ", strip=True))
                       for td in tr.select("td")])
    return rows


def test_the_page_has_a_column_per_project_in_the_order_given_and_a_row_per_field(
        app, client, projects):
    ids = [projects["brno"], projects["prague"]]
    response = client.get(f"/en/compare?ids={ids[0]},{ids[1]}")
    assert response.status_code == 200
    page = _soup(response)
    table = page.select_one("table.compare-table")
    assert table.caption.text == "2 projects side by side"
    headers = table.select("thead th")
    assert [th["scope"] for th in headers] == ["col"] * 3
    assert [th.a.text for th in headers[1:]] == ["Poradna v Brně", "Kurzy češtiny v Praze"]
    assert headers[1].a["href"].startswith(f"/en/projects/{ids[0]}-")
    assert all(th["scope"] == "row" for th in table.select("tbody th"))
    rows = _table(page)
    assert list(rows) == ROW_NAMES
    with app.app_context():
        prague, brno = _label("region", "CZ010", "en"), _label("region", "CZ064", "en")
        funders = [_label("funder", code, "en") for code in ("AMIF", "MV_CR")]
        activities = [_label("activity", code, "en")
                      for code in ("czech_language", "legal_counselling")]
    assert rows["region"] == (True, [brno, prague])
    assert rows["funder"] == (False, [" ".join(funders)] * 2)
    assert rows["period"] == (True, ["from 2019", "September 2019 – Dec 31, 2020"])
    assert rows["budget_total"] == (True, ["approx. €50,000", "CZK\xa01,200,000"])
    assert rows["activity"] == (True, [" ".join(sorted(activities, key=activities.index)),
                                       activities[0]])
    assert rows["implementers"] == (True, ["Diecézní charita Brno",
                                           "Centrum pro integraci cizinců"])
    assert rows["good_practice"] == (True, ["No", "Yes"])
    # (3 + 1) / 2 = 2.0 from the project page's own sentence; none recorded for the other.
    assert rows["evaluation"] == (True, ["not recorded",
                                         "Average score 2.0 out of 3 from 2 evaluations"])
    assert rows["target_group"][0] is False


def test_differing_rows_are_marked_for_the_eye_and_for_screen_readers(client, projects):
    page = _soup(client.get(f"/cs/compare?ids={projects['prague']},{projects['brno']}"))
    for tr in page.select("table.compare-table tbody tr"):
        mark = tr.select_one("th .differs-mark")
        if "differs" in tr["class"]:
            assert mark is not None and mark.text == "liší se"
        else:
            assert "same" in tr["class"] and mark is None
    assert page.select_one("tr.row-funder.same") and page.select_one("tr.row-region.differs")


def test_czech_page_labels_and_formats_in_czech(app, client, projects):
    page = _soup(client.get(f"/cs/compare?ids={projects['prague']},{projects['brno']}"))
    assert page.html["lang"] == "cs"
    assert page.select_one("table.compare-table caption").text == "2 projekty vedle sebe"
    labels = [th.contents[0].strip() for th in page.select("tbody th")]
    assert labels[ROW_NAMES.index("period")] == "Doba realizace"
    rows = _table(page)
    assert rows["period"][1] == ["září 2019 – 31. 12. 2020", "od 2019"]
    assert rows["budget_total"][1] == ["1\xa0200\xa0000\xa0Kč", "cca 50\xa0000\xa0€"]
    assert rows["good_practice"][1] == ["Ano", "Ne"]
    assert rows["evaluation"][1][0] == "Průměrné hodnocení 2,0 ze 3 (2 hodnocení)"


@pytest.mark.parametrize(("ids", "status", "message"), [
    ("{prague}", 400, "Choose at least 2 projects to compare."),
    ("", 400, "Choose at least 2 projects to compare."),
    ("{prague},{prague}", 400, "Choose at least 2 projects to compare."),
    ("{prague},{brno},{ostrava},1000,1001", 400, "At most 4 projects can be compared at once."),
    ("{prague},abc", 400, "Projects are named by their numbers, separated by commas."),
    ("{prague},999999", 404, "No published project has the number 999999."),
    ("{prague},99999999999999999999", 404,
     "No published project has the number 99999999999999999999."),
    ("{prague},{draft}", 404, "No published project has the number {draft}."),
])
def test_a_wrong_choice_is_explained_in_the_page_language(client, projects, ids, status,
                                                          message):
    response = client.get("/en/compare?ids=" + ids.format(**projects))
    assert response.status_code == status
    page = _soup(response)
    assert page.select_one(".compare-problem").text.strip() == message.format(**projects)
    assert page.select_one("table.compare-table") is None
    # The draft's title is never shown.
    assert "Koncept" not in response.get_data(as_text=True)


def test_a_wrong_choice_in_czech(client, projects):
    response = client.get(f"/cs/compare?ids={projects['prague']}")
    assert response.status_code == 400
    assert _soup(response).select_one(".compare-problem").text.strip() == \
        "Vyberte k porovnání alespoň 2 projekty."


def test_a_column_can_be_removed_when_more_than_two_are_compared(client, projects):
    ids = f"{projects['ostrava']},{projects['prague']},{projects['brno']}"
    page = _soup(client.get(f"/en/compare?ids={ids}"))
    removes = [a["href"] for a in page.select("thead .compare-remove")]
    assert removes[0] == f"/en/compare?ids={projects['prague']},{projects['brno']}"
    page = _soup(client.get(f"/en/compare?ids={projects['prague']},{projects['brno']}"))
    assert page.select("thead .compare-remove") == []


@pytest.mark.parametrize("language", ["cs", "en"])
def test_csv_has_a_row_per_field_and_a_column_per_project(app, client, projects, language):
    ids = f"{projects['ostrava']},{projects['prague']}"
    page = _soup(client.get(f"/{language}/compare?ids={ids}"))
    link = page.select_one("a.compare-csv")["href"]
    assert link == f"/{language}/compare.csv?ids={ids}"
    response = client.get(link)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/csv")
    assert f"compare-{projects['ostrava']}-{projects['prague']}-{language}.csv" in \
        response.headers["Content-Disposition"]
    body = response.get_data().decode("utf-8")
    assert body.startswith("\ufeff")
    header, address, *rows = list(csv.reader(io.StringIO(body[1:])))
    # A title starting like a formula is made inert, as in every export.
    assert header == [{"en": "Field", "cs": "Pole"}[language], "'=Ostravské centrum",
                      "Kurzy češtiny v Praze"]
    assert address[1].endswith(f"/{language}/projects/{projects['ostrava']}-ostravske-centrum")
    page_rows = _table(page)
    assert [row[0] for row in rows] == [
        th.contents[0].strip() for th in page.select("table.compare-table tbody th")]
    for name, row in zip(ROW_NAMES, rows, strict=True):
        assert len(row) == 3
        cells = page_rows[name][1]
        if name == "activity" or name == "funder":
            assert row[1:] == ["; ".join(_items(page, name, i)) for i in range(2)]
        elif "not recorded" not in cells and "neuvedeno" not in cells:
            assert row[1:] == cells
    with app.app_context():
        funders = "; ".join(_label("funder", code, language) for code in ("AMIF", "MV_CR"))
    assert rows[ROW_NAMES.index("funder")][2] == funders
    assert rows[ROW_NAMES.index("budget_total")][1] == ""


def _items(page: BeautifulSoup, name: str, column: int) -> list[str]:
    cell = page.select(f"tr.row-{name} td")[column]
    return [li.text for li in cell.select("li")] or [cell.text]


def test_csv_refuses_a_wrong_choice_in_the_page_language(client, projects):
    response = client.get(f"/cs/compare.csv?ids={projects['prague']},{projects['draft']}")
    assert response.status_code == 404
    assert response.get_data(as_text=True) == \
        f"Žádný zveřejněný projekt nemá číslo {projects['draft']}."


def test_a_merged_project_is_compared_as_the_project_it_became(app, client, projects):
    with app.app_context():
        merged = store(record(title="Starý záznam pražských kurzů")).project
        merged.merged_into_id = projects["prague"]
        db.session.commit()
        merged_id = merged.id
    page = _soup(client.get(f"/en/compare?ids={merged_id},{projects['brno']}"))
    assert [th.a.text for th in page.select("thead th")[1:]] == [
        "Kurzy češtiny v Praze", "Poradna v Brně"]


def test_the_picked_projects_are_read_leniently_and_toggled():
    assert chosen_ids("3, x,4,3,,5,6,7") == (3, 4, 5, 6)
    assert chosen_ids(None) == ()
    assert toggled((3, 4), 4) == (3,)
    assert toggled((3, 4), 5) == (3, 4, 5)
    assert toggled((3, 4, 5, 6), 7) == (3, 4, 5, 6)  # full: nothing added
    assert parse_ids(" 12, 34 ,12") == (12, 34)


def _query(href: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(href).query)


def test_search_results_toggle_the_comparison_in_the_address(client, projects):
    page = _soup(client.get("/en/search?q=&sort=oldest"))
    hits = {int(li["id"][4:]): li for li in page.select("li.hit")}
    assert set(hits) == {projects["prague"], projects["brno"], projects["ostrava"]}
    add = hits[projects["prague"]].select_one(".compare-toggle a.compare-add")
    assert add.text.startswith("Compare")
    assert _query(add["href"]) == {"sort": ["oldest"], "compare": [str(projects["prague"])]}
    assert add["href"].endswith(f"#hit-{projects['prague']}")
    assert page.select_one(".compare-bar") is None

    # One picked: the bar asks for another; the picked one can be taken out again.
    page = _soup(client.get(add["href"].split("#")[0]))
    bar = page.select_one(".compare-bar")
    assert "1 project picked for comparison." in bar.text and bar.select_one(".compare-go") is None
    remove = page.select_one(f"#hit-{projects['prague']} a.compare-remove")
    assert remove.text.startswith("Remove from comparison")
    assert _query(remove["href"]) == {"sort": ["oldest"]}
    add = page.select_one(f"#hit-{projects['brno']} a.compare-add")
    both = f"{projects['prague']},{projects['brno']}"
    assert _query(add["href"]) == {"sort": ["oldest"], "compare": [both]}

    # Two picked: the bar leads to the comparison, in the order they were picked.
    page = _soup(client.get(add["href"].split("#")[0]))
    go = page.select_one(".compare-bar a.compare-go")
    assert go.text == "Compare (2)" and go["href"] == f"/en/compare?ids={both}"
    assert _query(page.select_one(".compare-bar a.compare-clear")["href"]) == {"sort": ["oldest"]}
    assert client.get(go["href"]).status_code == 200
    # The search form sends the picked projects with new words or filters, and the title
    # links carry them to the project pages.
    assert page.select_one("form.search-form input[type=hidden][name=compare]")["value"] == both
    title = page.select_one(f"#hit-{projects['ostrava']} .hit-title a")
    assert _query(title["href"]) == {"compare": [both]}


def test_the_comparison_stays_through_paging_and_filter_chips(client, projects):
    picked = f"{projects['brno']},{projects['ostrava']}"
    page = _soup(client.get(f"/cs/search?per_page=1&page=2&region=CZ010&region=CZ064"
                            f"&compare={picked}"))
    pager = page.select_one("nav.pagination")
    for link in pager.select("a"):
        assert _query(link["href"])["compare"] == [picked]
    chip = page.select_one(".chips a")
    assert _query(chip["href"])["compare"] == [picked]
    # The next page, reached through its link, still shows the picked ones as picked.
    following = _soup(client.get(pager.select_one("a[rel=prev]")["href"]))
    assert following.select_one(".compare-bar .compare-go")["href"] == \
        f"/cs/compare?ids={picked}"
    assert following.select_one(".compare-bar .compare-go").text == "Porovnat (2)"


def test_a_full_comparison_says_so_instead_of_offering_more(client, projects, app):
    with app.app_context():
        more = [store(record(title=f"Další projekt {n}")).project_id for n in range(2)]
    picked = [projects["prague"], projects["brno"], projects["ostrava"], more[0]]
    page = _soup(client.get(f"/en/search?compare={','.join(map(str, picked))}"))
    full = page.select_one(f"#hit-{more[1]} .compare-full")
    assert full.text == "Comparison full (4 projects)"
    assert page.select_one(f"#hit-{more[1]} a.compare-add") is None
    assert page.select_one(f"#hit-{more[0]} a.compare-remove")


def test_the_project_page_toggles_and_keeps_the_comparison_through_its_redirect(
        client, projects):
    response = client.get(f"/cs/projects/{projects['brno']}?compare={projects['prague']}")
    assert response.status_code == 301
    assert _query(response.location) == {"compare": [str(projects["prague"])]}
    page = _soup(client.get(response.location))
    add = page.select_one(".compare-toggle a.compare-add")
    assert add.text.startswith("Porovnat")
    picked = f"{projects['prague']},{projects['brno']}"
    assert add["href"] == f"/cs/projects/{projects['brno']}-poradna-v-brne?compare={picked}"
    page = _soup(client.get(add["href"]))
    assert page.select_one(".compare-toggle a.compare-remove").text.startswith(
        "Odebrat z porovnání")
    assert page.select_one(".compare-bar .compare-go")["href"] == f"/cs/compare?ids={picked}"


def test_cached_pages_keep_each_choice_apart(app, projects):
    """The page cache keys answers by their address, so a stored page of one choice is
    never served for another."""
    first = _soup(app.test_client().get(f"/en/search?compare={projects['prague']}"))
    second = _soup(app.test_client().get(
        f"/en/search?compare={projects['prague']},{projects['brno']}"))
    again = _soup(app.test_client().get(f"/en/search?compare={projects['prague']}"))
    assert first.select_one(".compare-go") is None
    assert second.select_one(".compare-go").text == "Compare (2)"
    assert str(again) == str(first)


def test_unpublishing_a_compared_project_hides_it(app, client, projects):
    url = f"/en/compare?ids={projects['prague']},{projects['brno']}"
    assert client.get(url).status_code == 200
    with app.app_context():
        project = db.session.get(Project, projects["brno"])
        project.status = "archived"
        db.session.commit()
    response = client.get(url)
    assert response.status_code == 404
    assert "Poradna v Brně" not in response.get_data(as_text=True)


def test_browse_pages_toggle_on_their_own_address(client, projects):
    page = _soup(client.get(f"/en/regions/CZ064?compare={projects['prague']}"))
    add = page.select_one(f"#hit-{projects['brno']} a.compare-add")
    picked = f"{projects['prague']},{projects['brno']}"
    assert add["href"] == f"/en/regions/CZ064?compare={picked}#hit-{projects['brno']}"


def test_any_catalogue_field_or_facet_can_be_a_row(app, projects):
    """A row is one entry naming the catalogue: every field and facet reads as text."""
    with app.test_request_context("/en/"):
        project = db.session.get(Project, projects["prague"])
        rows = [field_row(scalar.name) for scalar in FIELDS] + \
            [facet_row(facet.name) for facet in FACETS]
        for line in lines([project, project], "en", rows):
            assert all(isinstance(item, str) for item in line.values[0])
            assert not line.differs
        assert field_row("title_cs").label == "Title in Czech"
        assert lines([project], "en", [field_row("subsidy"), field_row("language")])[1] \
            .values == (("Czech",),)


def test_place_size_and_the_good_practice_sheet_have_rows(app, client):
    """The rows the issue lists beside the catalogue's: place and town size, participants
    and the computed cost per participant, results and what it takes."""
    with app.app_context():
        first = store(record(title="Adaptační kurzy v Jihlavě", municipalities=["jihlava"],
                             regions=["CZ063"], budget_amount=100000, currency="CZK")).project
        first.participants = 40
        first.results_cs, first.results_en = "Čtyřicet dětí dokončilo kurz.", "Forty finished."
        first.requirements_cs, first.requirements_en = "Dva lektoři.", "Two teachers."
        second = store(record(title="Kurzy v Kolíně", municipalities=["kolin"],
                              regions=["CZ020"])).project
        db.session.commit()
        ids = f"{first.id},{second.id}"
    page = _soup(client.get(f"/en/compare?ids={ids}"))
    cells = {row.select_one("th").get_text(" ", strip=True): [
        cell.get_text(" ", strip=True) for cell in row.select("td")]
        for row in page.select("tbody tr")}
    assert [value for key, value in cells.items() if key.startswith("Municipalities")] == [
        ["Jihlava", "Kolín"]]
    sizes = next(value for key, value in cells.items() if key.startswith("Town sizes"))
    assert sizes == ["50,000–100,000 inhabitants", "20,000–50,000 inhabitants"]
    cost = next(value for key, value in cells.items() if key.startswith("Cost per participant"))
    assert cost[0] == "CZK\xa02,500" and cost[1] in ("", "not recorded")
    results = next(value for key, value in cells.items() if key.startswith("Results"))
    assert results[0] == "Forty finished."
    assert any(key.startswith("What it takes") for key in cells)
