"""The places-like-mine page (/<lang>/places-like-mine): a town typed any way, projects
ranked by closeness with the reason on each, filters, and the choices when unsure."""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from tests.factories import record, store


@pytest.fixture
def towns(app):
    """Projects in Jihlava, Třebíč (a neighbouring okres), Kolín (another region, the same
    size band as Třebíč) and one in Jihlava that is a draft."""
    with app.app_context():
        ids = {
            "jihlava": store(record(title="Adaptační skupiny v Jihlavě", regions=["CZ063"],
                                    municipalities=["jihlava"],
                                    activities=["czech_language"])).project.id,
            "trebic": store(record(title="Tlumočení ve školách Třebíče", regions=["CZ063"],
                                   municipalities=["trebic"],
                                   activities=["intercultural_assistance"])).project.id,
            "kolin": store(record(title="Komunitní centrum Kolín", regions=["CZ020"],
                                  municipalities=["kolin"],
                                  activities=["czech_language"])).project.id,
        }
        store(record(title="Rozpracovaný projekt v Jihlavě", regions=["CZ063"],
                     municipalities=["jihlava"]), publish=False)
        return ids


def _page(client, query: str, lang: str = "cs"):
    response = client.get(f"/{lang}/places-like-mine{query}")
    return response, BeautifulSoup(response.data, "html.parser")


def _hits(page) -> list[tuple[str, str]]:
    return [(hit.select_one(".hit-title").get_text(strip=True),
             hit.select_one(".hit-nearness").get_text(strip=True))
            for hit in page.select("li.hit")]


def test_a_town_typed_without_diacritics_in_another_case_ranks_by_closeness(client, towns):
    response, page = _page(client, "?place=jihlave")
    assert response.status_code == 200
    hits = _hits(page)
    assert [title for title, _ in hits] == ["Adaptační skupiny v Jihlavě",
                                            "Tlumočení ve školách Třebíče"]
    assert hits[0][1] == "v místě Jihlava"
    assert hits[1][1].startswith("sousední okres (okres Třebíč), ") and "km" in hits[1][1]
    # Kolín is a town of another size band than Jihlava and in another region: not near.
    assert "Komunitní centrum Kolín" not in page.get_text()
    assert "Rozpracovaný projekt" not in page.get_text()


def test_towns_of_the_same_size_elsewhere_and_an_activity_filter(client, towns):
    _, page = _page(client, "?place=Třebíč&activity=czech_language", lang="en")
    hits = _hits(page)
    assert [title for title, _ in hits] == ["Adaptační skupiny v Jihlavě",
                                            "Komunitní centrum Kolín"]
    assert hits[1][1].startswith("a town of the same size, ")
    assert page.select_one("#filter-activity option[selected]")["value"] == "czech_language"


def test_an_unknown_place_says_so_and_suggests_names(client, towns):
    response, page = _page(client, "?place=Jihl", lang="en")
    assert response.status_code == 200
    assert page.select_one("#place")["aria-invalid"] == "true"
    assert page.select_one("#place-problem").get_text(strip=True)
    suggestions = [link.get_text() for link in page.select(".place-suggestions a")]
    assert "Jihlava" in suggestions
    assert page.select("li.hit") == []


def test_the_form_works_without_javascript(client, towns):
    _, page = _page(client, "")
    form = page.select_one("form.places-form")
    assert form["method"] == "get" and page.select("script[src*=places]") == []
    assert page.select_one("#place")["list"] == "place-options"
    assert "Jihlava" in [option["value"] for option in page.select("#place-options option")]


def test_a_bad_filter_is_named(client, towns):
    response, page = _page(client, "?place=jihlava&activity=nonsense", lang="en")
    assert response.status_code == 400
    assert "nonsense" in page.select_one(".problems").get_text()


def test_a_name_two_towns_share_offers_both_and_each_link_works(client, towns):
    _, page = _page(client, "?place=Hranice", lang="en")
    links = [link["href"] for link in page.select(".place-suggestions a")]
    assert len(links) == 2 and all("place=hranice-" in link for link in links)
    response = client.get(links[0])
    chosen = BeautifulSoup(response.data, "html.parser")
    assert response.status_code == 200 and chosen.select_one("#nearby-heading")


def test_a_town_with_many_projects_still_shows_the_nearest_elsewhere(app, client, towns):
    with app.app_context():
        for number in range(30):
            store(record(title=f"Jihlavský kurz {number}", municipalities=["jihlava"],
                         regions=["CZ063"]))
    page = BeautifulSoup(client.get("/en/municipalities/jihlava").data, "html.parser")
    assert [hit.get_text(strip=True) for hit in page.select(".nearby-hits .hit-title")] == [
        "Tlumočení ve školách Třebíče"]


def test_a_town_s_page_gives_its_facts_and_the_nearest_projects_elsewhere(client, towns):
    response = client.get("/en/municipalities/jihlava")
    page = BeautifulSoup(response.data, "html.parser")
    assert response.status_code == 200
    facts = {dt.get_text(strip=True): dt.find_next("dd").get_text(strip=True)
             for dt in page.select(".place-facts dt")}
    assert facts["Region"] == "Vysočina Region" and facts["District"] == "Jihlava"
    assert facts["Municipality with extended powers (ORP)"] == "Jihlava"
    assert "(20" in facts["Population"]  # the year the figure is from
    assert [hit.get_text(strip=True) for hit in page.select(".nearby-hits .hit-title")] == [
        "Tlumočení ve školách Třebíče"]
    here = page.select("ol.hits:not(.nearby-hits) .hit-title")
    assert [hit.get_text(strip=True) for hit in here] == ["Adaptační skupiny v Jihlavě"]


@pytest.mark.parametrize("lang", ["cs", "en"])
def test_a_search_for_a_place_without_projects_offers_what_is_near(client, towns, lang):
    page = BeautifulSoup(client.get(f"/{lang}/search?q=Pelhrimov").data, "html.parser")
    box = page.select_one(".near-nothing")
    assert box is not None and "Pelhřimov" in box.get_text()
    areas = {item["class"][0]: item for item in box.select("li")}
    neighbour = [item for item in box.select("li.near-neighbour") if "Jihlava" in item.get_text()]
    assert neighbour and "(1 " in neighbour[0].get_text()
    link = neighbour[0].select_one("a")["href"]
    assert "municipality=jihlava" in link
    assert "(2 " in areas["near-region"].get_text()  # Jihlava and Třebíč, not the draft
    assert box.select_one("a[href*='places-like-mine']")


def test_no_box_when_the_place_has_projects(client, towns):
    page = BeautifulSoup(client.get("/en/search?q=Jihlava").data, "html.parser")
    assert page.select_one(".near-nothing") is None
