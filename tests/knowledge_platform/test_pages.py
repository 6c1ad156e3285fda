"""Search, browse, project and organisation pages, checked as HTML with bs4."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from sqlalchemy import func, select

from knowledge_platform.db import db
from knowledge_platform.models import LINKS, Organisation, Project
from tests.knowledge_platform.search import corpus

TRANSLATIONS = Path(__file__).resolve().parents[2] / "translations"


def _soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


@pytest.fixture
def ids(app):
    with app.app_context():
        return corpus.load()


def test_search_page_lists_hits_with_highlighted_snippets(client, ids):
    page = _soup(client.get("/cs/search?q=kurzy+cestiny+v+Brne"))
    assert page.select_one(".result-count").text == "Nalezen 1 projekt"
    (hit,) = page.select("li.hit")
    link = hit.select_one(".hit-title a")
    assert link["href"] == f"/cs/projects/{ids['brno_interpreting']}-" \
        "tlumocnicke-sluzby-pro-ukrajinske-rodiny-v-brne"
    assert hit.select_one(".implementer").text == "Diecézní charita Brno"
    assert hit.select_one(".regions a")["href"] == "/cs/regions/CZ064"
    # "jazyka" too: čeština and "český jazyk" are synonyms.
    assert [m.text for m in hit.select(".snippet mark")] == ["kurzy", "českého", "jazyka", "Brně"]


def test_facet_counts_on_the_page_match_the_database(client, app, ids):
    page = _soup(client.get("/cs/search"))
    shown = {
        box["value"]: int(re.search(r"\((\d+)\)", box.find_next("label").text).group(1))
        for box in page.select(".facet-region input[type=checkbox]")
    }
    with app.app_context():
        published = select(Project.id).where(Project.status == "published")
        expected = dict(db.session.execute(
            select(LINKS["region"].c.code, func.count())
            .where(LINKS["region"].c.project_id.in_(published))
            .group_by(LINKS["region"].c.code)).all())
    assert shown == expected


def test_ticked_facets_filter_and_show_removable_chips(client, ids):
    page = _soup(client.get("/en/search?region=CZ010&region=CZ080"))
    assert page.select_one(".result-count").text == "3 projects found"
    chips = page.select(".chips a")
    assert sorted(chip.text.split(" ×")[0] for chip in chips) == [
        "Region: Moravian-Silesian Region", "Region: Prague"]
    prague = next(chip for chip in chips if "Prague" in chip.text)
    assert prague["href"] == "/en/search?region=CZ080"
    assert page.select_one("#f-region-CZ010").has_attr("checked")


def test_pagination_links_keep_the_query(client, ids):
    page = _soup(client.get("/cs/search?per_page=2&sort=oldest&page=2"))
    nav = page.select_one("nav.pagination")
    assert nav.select_one("a[rel=prev]")["href"] == "/cs/search?sort=oldest&per_page=2"
    assert nav.select_one("a[rel=next]")["href"] == "/cs/search?sort=oldest&page=3&per_page=2"
    assert "Stránka 2 z 3" in nav.text


def test_fallback_suggestion_and_empty_state(client, ids):
    page = _soup(client.get("/cs/search?q=Ostrava+Plze%C5%88"))
    assert page.select_one(".notice.fallback")
    page = _soup(client.get("/en/search?q=Ostrafa"))
    assert page.select_one(".empty")
    assert page.select_one(".suggestion a")["href"].startswith("/en/search?q=ostrav")


def test_invalid_parameters_are_a_400_page_naming_them(client):
    response = client.get("/en/search?page=-1&region=XX")
    assert response.status_code == 400
    problems = {item["data-parameter"]: item.get_text()
                for item in _soup(response).select(".problems li")}
    # Named as the form names them, in the page's language.
    assert problems == {"page": "Page: must be between 1 and 1,000,000",
                        "region": "Region: unknown code XX"}


def test_a_bad_parameter_is_named_beside_its_field(client, ids):
    response = client.get("/cs/search?q=kurzy&year_from=abc&budget_min=-5&region=CZ064")
    assert response.status_code == 400
    page = _soup(response)
    for name, message in {"year_from": "musí být celé číslo",
                          "budget_min": "musí být mezi 0 a 1\xa0000\xa0000\xa0000\xa0000\xa0000"
                          }.items():
        box = page.select_one(f"input#{name}")
        assert box["aria-invalid"] == "true"
        assert page.find(id=box["aria-describedby"]).get_text() == message
        # The message is right before its box, after its label.
        assert box.find_previous_sibling()["id"] == box["aria-describedby"]
    assert page.select_one("#year_from")["value"] == "abc"  # as typed, to correct
    assert page.select_one("#budget_min")["value"] == "-5"
    # The summary links to the fields; the others are untouched and the results stay.
    assert [a["href"] for a in page.select(".problems a")] == ["#year_from", "#budget_min"]
    assert page.select_one("#year_to").get("aria-invalid") is None
    assert page.select_one("#f-region-CZ064").has_attr("checked")
    assert page.select("li.hit")
    assert page.select_one("details#filters").has_attr("open")  # open to show the messages


@pytest.mark.parametrize(("language", "budget", "year"), [
    ("en", "Budget to (CZK): must be between 0 and 1,000,000,000,000,000",
     "To year: must be between 1900 and 2100"),
    ("cs", "Rozpočet do (Kč): musí být mezi 0 a 1\xa0000\xa0000\xa0000\xa0000\xa0000",
     "Do roku: musí být mezi 1900 a 2100"),
])
def test_numbers_in_a_parameter_message_are_grouped_as_the_page_writes_them(
        client, language, budget, year):
    page = _soup(client.get(f"/{language}/search?budget_max=-1&year_to=1850"))
    problems = {item["data-parameter"]: item.get_text() for item in page.select(".problems li")}
    # Years stay years ("1900", never "1,900").
    assert problems == {"budget_max": budget, "year_to": year}
    # The API speaks English, grouped the English way.
    errors = client.get("/api/v1/projects?budget_max=-1").get_json()["errors"]
    assert errors == {"budget_max": "must be between 0 and 1,000,000,000,000,000"}


def test_a_bad_code_is_named_in_its_facet(client, ids):
    page = _soup(client.get("/en/search?region=XX"))
    region = page.select_one("fieldset#facet-region")
    assert page.find(id=region["aria-describedby"]).get_text() == "unknown code XX"
    assert page.select_one(".problems a")["href"] == "#facet-region"
    # A parameter the form has no field for is named in the summary alone.
    page = _soup(client.get("/en/search?page=0"))
    assert page.select_one(".problems li").get_text() == "Page: must be between 1 and 1,000,000"
    assert page.select(".problems a") == [] and page.select("[aria-invalid]") == []


@pytest.mark.parametrize(("language", "hint"), [
    ("cs", "Hodnoty v jedné skupině hledání rozšiřují, různé skupiny je zužují."),
    ("en", "Values in one group widen the search; different groups narrow it."),
])
def test_the_filters_are_a_disclosure_counting_the_chosen_values(client, ids, language, hint):
    page = _soup(client.get(f"/{language}/search?region=CZ010&region=CZ064&year_from=2010"))
    filters = page.select_one("details#filters")
    assert not filters.has_attr("open")  # closed on a phone; search.js opens it when wide
    assert filters.summary.get_text() == {"cs": "Filtry (3)", "en": "Filters (3)"}[language]
    assert filters.select_one(".filters-hint").get_text() == hint
    assert filters.select_one("aside.facets button.apply")
    assert page.select_one("script[src$='/static/search.js']").has_attr("defer")


REGIONS = ["CZ010", "CZ020", "CZ031", "CZ032", "CZ041", "CZ042", "CZ051", "CZ052", "CZ053",
           "CZ063"]


@pytest.fixture
def ten_regions(app):
    """Ten projects, the k-th in the first k regions: the regions count 10, 9, ... 1."""
    from tests.factories import record, store

    with app.app_context():
        for k in range(1, 11):
            store(record(regions=REGIONS[:k]))


def test_a_chosen_value_is_never_behind_show_more(client, ten_regions):
    def regions(path):
        facet = _soup(client.get(path)).select_one("fieldset#facet-region")
        more = facet.select_one("details.more")
        return ([box["value"] for box in facet.select("input") if box not in more.select("input")],
                [box["value"] for box in more.select("input")], facet)

    shown, more, _ = regions("/en/search")
    assert (shown, more) == (REGIONS[:8], REGIONS[8:])
    shown, more, facet = regions("/en/search?region=CZ063")  # the last, one project
    assert shown == [*REGIONS[:8], "CZ063"] and more == ["CZ053"]
    assert facet.select_one("#f-region-CZ063").has_attr("checked")


@pytest.mark.parametrize(("path", "heading", "count"), [
    ("/cs/regions/CZ010", "Hlavní město Praha", 2),
    ("/en/funders/AMIF", "Asylum, Migration and Integration Fund (AMIF)", 2),
    ("/cs/activities/legal_counselling", "právní poradenství", 2),
    ("/en/target-groups/children_youth", "children and youth", 1),
    ("/cs/years/2009", "Projekty probíhající v roce 2009", 1),
])
def test_browse_pages_are_the_search_with_a_preset(client, ids, path, heading, count):
    page = _soup(client.get(path))
    assert page.h1.text == heading
    assert len(page.select("li.hit")) == count
    assert page.select(".facet input[checked]") or "years" in path


@pytest.mark.parametrize("path", ["/cs/regions/CZ999", "/cs/funders/NOPE", "/en/projects/9999",
                                  "/cs/organisations/9999", "/cs/years/1200"])
def test_unknown_things_are_404(client, ids, path):
    assert client.get(path).status_code == 404


def test_drafts_have_no_public_page(client, ids):
    assert client.get(f"/cs/projects/{ids['liberec_draft']}").status_code == 404


def test_project_page_shows_every_field_formatted_for_the_locale(client, ids):
    project_id = ids["ostrava_legal"]
    response = client.get(f"/cs/projects/{project_id}")
    assert response.status_code == 301
    page = _soup(client.get(response.location))
    assert page.h1.text == "Právní poradenství pro cizince v Ostravě"
    facts = page.select_one(".project-facts")
    assert facts.select_one(".budget").text == "1\xa0200\xa0000\xa0Kč"
    assert facts.select_one(".period").text == "1. 1. 2016 – 31. 12. 2018"
    assert facts.select_one(".regions a")["href"] == "/cs/regions/CZ080"
    assert facts.select_one(".activities a")["href"] == "/cs/activities/legal_counselling"
    implementer = facts.select_one(".implementer a")
    assert implementer.text == "Organizace pro pomoc uprchlíkům"
    assert implementer["href"].startswith("/cs/organisations/")
    assert page.select_one(".cite a")["href"].startswith("http://localhost/cs/projects/")
    english = _soup(client.get(response.location.replace("/cs/", "/en/")))
    assert english.select_one(".budget").text == "CZK\xa01,200,000"
    assert english.select_one(".period").text == "Jan 1, 2016 – Dec 31, 2018"
    assert english.select_one(".language-note").text == "This project is described only in Czech."


def test_similar_projects_share_activities(client, ids):
    page = _soup(client.get(f"/cs/projects/{ids['ostrava_legal']}", follow_redirects=True))
    similar = [a.text for a in page.select(".similar a")]
    assert similar[0] == "Legal counselling for refugees in Prague"


def test_organisation_page_lists_its_projects(client, app, ids):
    with app.app_context():
        organisation = db.session.scalars(
            select(Organisation).where(Organisation.name == "Diecézní charita Brno")).one()
        path = f"/en/organisations/{organisation.id}-{organisation.slug}"
    page = _soup(client.get(path))
    assert page.h1.text == "Diecézní charita Brno"
    assert "Diocesan Charity Brno" in page.select_one(".aliases").text
    items = page.select(".timeline-item")
    assert [item.a.text for item in items] == ["Tlumočnické služby pro ukrajinské rodiny v Brně"]
    assert "(implementer)" in items[0].text


def _catalog(language: str) -> dict:
    with (TRANSLATIONS / language / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return {message.id: message for message in read_po(handle) if message.id}


def _ui_strings(language: str, other: str) -> set[str]:
    """Translated UI strings of ``language`` that read differently in ``other``."""
    theirs = _catalog(other)
    found = set()
    for key, message in _catalog(language).items():
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        # Pieces the other language writes the same way (names, "CSV") prove nothing.
        other_message = theirs.get(key)
        other_strings = () if other_message is None else (
            other_message.string if isinstance(other_message.string, tuple)
            else (other_message.string,))
        same = {part for text in other_strings for part in _pieces(text)}
        found.update(part for text in strings for part in _pieces(text)
                     if len(part) >= 8 and part not in same)
    return found


def _pieces(text: str) -> list[str]:
    return [part.strip(" .:()") for part in re.split(r"%\(\w+\)\w", text)]


@pytest.mark.parametrize(("language", "other"), [("en", "cs"), ("cs", "en")])
def test_no_ui_text_of_the_other_language(client, ids, language, other):
    foreign = _ui_strings(other, language)
    project = ids["brno_interpreting"]
    paths = ["/", "/search", "/search?q=Ostrafa", "/regions/CZ064", "/years/2022",
             f"/projects/{project}", "/statistics", "/about", "/no-such-page"]
    for path in paths:
        response = client.get(f"/{language}{path}", follow_redirects=True)
        page = _soup(response)
        for data in page.select(".hit, .project-page h1, .description, .project-list"):
            data.decompose()  # project data is in its own language; only UI text counts
        # Addresses ("…/cs/projects/12") are the same words in both languages.
        text = re.sub(r"\S+://\S+", " ", page.get_text(" "))
        leaked = sorted(s for s in foreign if s in text)
        assert leaked == [], (path, leaked)


def test_catalogs_translate_every_string():
    for language in ("cs", "en"):
        with (TRANSLATIONS / language / "LC_MESSAGES" / "messages.po").open("rb") as handle:
            catalog = read_po(handle)
        untranslated = [m.id for m in catalog if m.id and not (
            all(m.string) if isinstance(m.string, tuple) else m.string)]
        assert untranslated == [], language
