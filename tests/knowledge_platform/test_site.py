"""The home page, language switching and error pages, checked as HTML with bs4."""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from tests.factories import record, store


def _soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


@pytest.fixture
def projects(app):
    with app.app_context():
        store(record(
            title="Kurzy češtiny pro děti v Plzni", regions=["CZ032"], funders=["MV_CR"],
            implementer="Plzeňská integrační poradna", budget_czk=9542746.0,
            budget_amount=9542746.0, currency="CZK",
            start="2017-09-01", start_precision="month", end="2020-12-31", end_precision="month",
        ))
        store(record(title="Draft that nobody sees"), publish=False)


def test_root_redirects_by_browser_language(client):
    assert client.get("/", headers={"Accept-Language": "en-GB,en;q=0.9"}).location == "/en/"
    assert client.get("/", headers={"Accept-Language": "cs,en;q=0.5"}).location == "/cs/"
    assert client.get("/", headers={"Accept-Language": "de"}).location == "/cs/"


def test_chosen_language_is_remembered(client):
    client.get("/en/")
    assert client.get("/", headers={"Accept-Language": "cs"}).location == "/en/"


def test_home_lists_published_projects_with_region_and_funders(client, projects):
    page = _soup(client.get("/cs/"))
    items = page.select(".home-recent li.project")
    assert [item.select_one(".project-title").text for item in items] == [
        "Kurzy češtiny pro děti v Plzni"
    ]
    facts = items[0]
    assert facts.select_one(".regions").text == "Plzeňský kraj"
    assert facts.select_one(".implementer").text == "Plzeňská integrační poradna"
    assert facts.select_one(".period").text == "září 2017 – prosinec 2020"
    assert page.select_one(".browse-funders a").text == "Ministerstvo vnitra ČR"
    assert page.select_one(".figure-budget .figure-value").text == "9\xa0542\xa0746\xa0Kč"
    assert page.select_one(".figure-projects dt").text == "Zveřejněné projekty"
    assert page.select_one(".figure-projects .figure-value").text == "1"


def test_home_in_english(client, projects):
    page = _soup(client.get("/en/"))
    assert page.html["lang"] == "en"
    facts = page.select_one(".home-recent li.project")
    assert facts.select_one(".regions").text == "Plzeň Region"
    assert facts.select_one(".period").text == "September 2017 – December 2020"
    assert page.select_one(".browse-funders a").text == "Ministry of the Interior"
    assert page.select_one(".figure-budget .figure-value").text == "CZK\xa09,542,746"
    assert page.select_one(".figure-projects dt").text == "Published projects"
    assert page.select_one(".figure-projects .figure-value").text == "1"
    assert page.select_one("footer").text.strip().startswith("A database of projects")


def test_language_switch_links_to_the_same_page(client):
    page = _soup(client.get("/cs/?page=1"))
    switch = page.select_one("nav .language-switch a[hreflang=en]")
    assert switch["href"] == "/en/?page=1"
    assert page.select_one("nav .language-switch [aria-current]").text == "CS"


def test_user_text_is_escaped(client, app):
    with app.app_context():
        store(record(title="<script>alert(1)</script> Kurz"))
    body = client.get("/cs/").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Kurz" in body


@pytest.mark.parametrize(
    ("path", "heading"),
    [("/cs/no-such-page", "Stránka nenalezena"), ("/en/no-such-page", "Page not found"),
     ("/de/", "Stránka nenalezena")],
)
def test_not_found_page_in_the_url_language(client, path, heading):
    response = client.get(path, headers={"Accept-Language": "cs"})
    assert response.status_code == 404
    assert _soup(response).h1.text == heading


def test_server_error_page_in_both_languages(app):
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/<lang>/boom")
    def boom(lang):
        raise RuntimeError("boom")

    client = app.test_client()
    for lang, heading in (("cs", "Něco se pokazilo"), ("en", "Something went wrong")):
        response = client.get(f"/{lang}/boom")
        assert response.status_code == 500
        assert _soup(response).h1.text == heading
        assert "RuntimeError" not in response.get_data(as_text=True)


def test_every_page_names_the_icon_and_the_old_address_leads_to_it(client):
    from bs4 import BeautifulSoup

    page = BeautifulSoup(client.get("/cs/about").data, "html.parser")
    icon = page.select_one('link[rel="icon"]')
    assert icon["type"] == "image/svg+xml"
    assert client.get(icon["href"]).status_code == 200
    moved = client.get("/favicon.ico")
    assert moved.status_code == 301 and moved.headers["Location"] == icon["href"]


def test_public_sources_name_web_addresses_never_file_names(app, client):
    from tests.factories import record, store

    with app.app_context():
        on_web = store(record(title="Kurzy češtiny v Kladně",
                              source_url="https://www.example.org/projekty/kurzy"),
                       location="/srv/imports/2024/kurzy_kladno_FINAL.html").project.id
        offline = store(record(title="Tlumočení v Mostě"),
                        location="/srv/imports/tlumoceni_most.docx").project.id
    for project_id, expected in ((on_web, "https://www.example.org/projekty/kurzy"),
                                 (offline, "A document without a web address")):
        page = client.get(f"/en/projects/{project_id}", follow_redirects=True)
        sources = BeautifulSoup(page.data, "html.parser").select_one("ul.sources").get_text()
        assert expected in sources
        assert "kurzy_kladno_FINAL" not in sources and "tlumoceni_most" not in sources
