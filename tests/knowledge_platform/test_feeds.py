"""Atom feeds of searches, and the search page's feed and download links."""
from __future__ import annotations

import time
import xml.etree.ElementTree as ET
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup

from knowledge_platform.db import db
from knowledge_platform.models import Project
from tests.factories import record, store

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def ids(app):
    with app.app_context():
        brno = store(record(title="Tlumočení pro rodiny v Brně", regions=["CZ064"],
                            summary="Tlumočníci <b>pomáhají</b> rodinám na úřadech.")).project.id
        time.sleep(0.01)
        plzen = store(record(title="Kurzy češtiny v Plzni", regions=["CZ032"])).project.id
        time.sleep(0.01)
        script = store(record(title="Škola <script>alert(1)</script> v Brně",
                              regions=["CZ064"])).project.id
        store(record(title="Koncept v Brně", regions=["CZ064"]), publish=False)
        return {"brno": brno, "plzen": plzen, "script": script}


def _feed(client, url: str) -> ET.Element:
    response = client.get(url)
    assert response.status_code == 200
    assert response.mimetype == "application/atom+xml"
    return ET.fromstring(response.data)


def test_feed_lists_published_matches_newest_update_first(client, ids, app):
    feed = _feed(client, "/cs/search.atom?region=CZ064")
    entries = feed.findall(f"{ATOM}entry")
    titles = [entry.findtext(f"{ATOM}title") for entry in entries]
    assert titles == ["Škola <script>alert(1)</script> v Brně", "Tlumočení pro rodiny v Brně"]
    assert feed.findtext(f"{ATOM}updated") == entries[0].findtext(f"{ATOM}updated")
    assert entries[0].findtext(f"{ATOM}updated").endswith("+00:00")  # RFC 3339 needs an offset
    link = entries[1].find(f"{ATOM}link").get("href")
    assert urlsplit(link).path == f"/cs/projects/{ids['brno']}-tlumoceni-pro-rodiny-v-brne"
    assert [c.get("term") for c in entries[1].findall(f"{ATOM}category")][0] == "CZ064"
    alternate = [x for x in feed.findall(f"{ATOM}link") if x.get("rel") == "alternate"][0]
    assert parse_qs(urlsplit(alternate.get("href")).query) == {"region": ["CZ064"]}

    with app.app_context():  # an update moves a project to the top of the feed
        project = db.session.get(Project, ids["brno"])
        project.title_cs = "Tlumočení pro rodiny v Brně a okolí"
        db.session.commit()
    first = _feed(client, "/cs/search.atom?region=CZ064").find(f"{ATOM}entry")
    assert first.findtext(f"{ATOM}title") == "Tlumočení pro rodiny v Brně a okolí"


def test_feed_follows_a_text_query_and_escapes_summaries(client, ids):
    feed = _feed(client, "/en/search.atom?q=tlumoceni")
    (entry,) = feed.findall(f"{ATOM}entry")
    summary = entry.find(f"{ATOM}summary")
    assert summary.get("type") == "html"
    # The summary is HTML carried as text: the project's own markup stays escaped inside it.
    assert "&lt;b&gt;pomáhají&lt;/b&gt;" in summary.text and "<mark>" in summary.text
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"


def test_feed_with_bad_parameters_names_them(client):
    response = client.get("/cs/search.atom?region=XX&year_from=abc")
    assert response.status_code == 400
    assert "region" in response.get_data(as_text=True)
    assert "year_from" in response.get_data(as_text=True)


def test_search_page_links_its_feed_and_downloads(client, ids):
    page = BeautifulSoup(client.get("/cs/search?q=brno&region=CZ064").data, "html.parser")
    alternate = page.select_one('link[rel=alternate][type="application/atom+xml"]')
    assert urlsplit(alternate["href"]).path == "/cs/search.atom"
    assert parse_qs(urlsplit(alternate["href"]).query) == {"q": ["brno"], "region": ["CZ064"]}
    links = {urlsplit(a["href"]).path: parse_qs(urlsplit(a["href"]).query)
             for a in page.select(".downloads a")}
    # Downloads carry the search, and the labels of codes in the page's language.
    download = {"q": ["brno"], "region": ["CZ064"], "labels": ["cs"]}
    assert links["/api/v1/projects.jsonl"] == links["/api/v1/projects.xlsx"] == download
    semicolon = [a["href"] for a in page.select(".downloads a") if "semicolon" in a["href"]]
    assert parse_qs(urlsplit(semicolon[0]).query)["dialect"] == ["semicolon"]
