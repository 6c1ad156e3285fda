"""Hostile input: injection payloads in every text field of imported documents, in the search
box, and in the API's query parameters. Nothing may execute (payloads come back escaped), crash
(no 500), or leak internals (no stack trace, no SQL, no driver names)."""
from __future__ import annotations

import csv
import html
import json
from pathlib import Path
from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from knowledge_platform.db import db
from knowledge_platform.models import Organisation, Project, Status

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg/onload=alert(1)>",
    '<a href="javascript:alert(1)">klik</a>',
    "javascript:alert(1)",
    "' OR 1=1 --",
    "'; DROP TABLE project; --",
    'NEAR(kurzy cizinci, 2) "neuzavřená * ^title: title:kurzy {col}',
    "kurzy & !češtiny | <-> :* (( ))",
    "\x00nulový\x00bajt",
    "\u202eRTL override\u202c a \u200bnulová šířka",
    "{{ 7*7 }} {% raw %} ${7*7}",
    "%s%n%x%d",
    "kurzy " * 300 + "a" * 20_000,
]
# What must never reach a visitor: internals that only an unhandled error would show.
LEAKS = ("Traceback (most recent call last)", "sqlalchemy", "psycopg", "sqlite3.", "Error:",
         "SELECT ", " FROM project", "search_fts", "werkzeug", 'File "/')
SAFE_SCHEMES = ("http://", "https://", "/", "#", "?", "mailto:")


def _text_document(payload: str, number: int) -> str:
    return (f"{payload} Kurzy češtiny {number}\n\n"
            f"Realizátor: {payload} Charita {number}\n"
            f"Partneři: {payload}; Spolek Most {number}\n"
            f"Registrační číslo: CZ.03.2.63/0.0/0.0/15_007/{number:07d}\n"
            f"Zdroj: https://example.cz/projekt?x={payload}\n\n"
            f"Projekt nabízí kurzy češtiny pro cizince v Brně. {payload}\n")


def _html_document(payload: str, number: int) -> str:
    escaped = html.escape(payload)
    # The raw payload goes where a careless page puts markup, the escaped one where text goes.
    return (f"<!doctype html><html><head><title>{escaped}</title>"
            f'<link rel="canonical" href="javascript:alert({number})"></head><body><main>'
            f"<h1>{escaped} Tlumočení {number}</h1><dl><dt>Realizátor</dt>"
            f"<dd>{escaped} Diakonie {number}</dd><dt>Partneři</dt><dd>{escaped}</dd>"
            f"<dt>Registrační číslo</dt><dd>CZ.03.2.63/0.0/0.0/15_007/{number:07d}</dd></dl>"
            f"<p>Tlumočení pro cizince v nemocnicích. {escaped}</p>{payload}"
            f'<img src=x onerror="alert({number})"><script>alert({number})</script>'
            f"</main></body></html>")


def write_hostile_documents(folder: Path) -> None:
    """Every payload in every text field: plain text and HTML files, and one CSV of them."""
    folder.mkdir()
    for number, payload in enumerate(PAYLOADS, start=1):
        (folder / f"text-{number:02d}.txt").write_text(_text_document(payload, number), "utf-8")
        (folder / f"page-{number:02d}.html").write_text(
            _html_document(payload, 100 + number), "utf-8")
    with open(folder / "rows.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["Název projektu", "Realizátor", "Partneři", "Anotace", "URL",
                         "Registrační číslo", "Kraj"])
        for number, payload in enumerate(PAYLOADS, start=201):
            if "\x00" in payload:
                continue  # one null byte makes the whole file binary: that file is tested alone
            writer.writerow([f"{payload} Asistence {number}", f"{payload} Poradna {number}",
                             payload, f"Asistence pro cizince. {payload}",
                             f"javascript:alert({number})",
                             f"CZ.03.2.63/0.0/0.0/15_007/{number:07d}", payload])
    # A file name is shown on the project page too.
    (folder / '"><img src=x onerror=alert(9)>.txt').write_text(
        _text_document("Jméno souboru", 300), "utf-8")


def assert_no_leak(body: str) -> None:
    for leak in LEAKS:
        assert leak not in body, leak


def assert_safe_page(response) -> BeautifulSoup:
    """A page that rendered, whose markup holds nothing a payload could have injected."""
    assert response.status_code in (200, 400, 404), response.status_code
    body = response.get_data(as_text=True)
    assert_no_leak(body)
    soup = BeautifulSoup(body, "html.parser")
    for script in soup.find_all("script"):
        assert script.get("src", "").startswith("/static/") and not script.string, script
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            assert not name.lower().startswith("on"), tag
            if name in ("href", "src", "action", "formaction", "xlink:href"):
                assert str(value).strip().lower().startswith(SAFE_SCHEMES), tag
    assert soup.find(["svg", "iframe", "object", "embed"], attrs={"onload": True}) is None
    return soup


def assert_json_answer(response) -> object:
    """200 with data, or 400 with {"errors": ...}; JSON either way, nothing internal."""
    assert response.status_code in (200, 400), response.status_code
    body = response.get_data(as_text=True)
    assert_no_leak(body)
    data = json.loads(body)
    if response.status_code == 400:
        assert set(data) == {"errors"}
    return data


@pytest.fixture
def hostile_import(app, runner, tmp_path):
    folder = tmp_path / "hostile"
    write_hostile_documents(folder)
    result = runner.invoke(args=["import", "--publish", str(folder)])
    assert "unexpected error" not in result.output and "Traceback" not in result.output
    with app.app_context():
        projects = db.session.scalars(select(Project).where(
            Project.status == Status.PUBLISHED)).all()
        organisations = db.session.scalars(select(Organisation.id)).all()
        titles = {project.id: project.title_cs or project.title_en for project in projects}
        # A page-long "title" or name is cut to its column on every engine, never refused.
        assert max(map(len, titles.values())) == Project.title_cs.type.length
        names = db.session.scalars(select(Organisation.name)).all()
        assert max(map(len, names)) == Organisation.name.type.length
    # Every document but those with null bytes (refused as binary) became a project.
    assert "failed 2" in result.output and len(titles) == 3 * len(PAYLOADS) - 2, result.output
    return titles, organisations


def test_imported_payloads_come_back_escaped_on_every_page(client, hostile_import):
    titles, organisations = hostile_import
    shown_literally = 0
    for project_id, title in titles.items():
        for language in ("cs", "en"):
            response = client.get(f"/{language}/projects/{project_id}", follow_redirects=True)
            assert response.status_code == 200
            soup = assert_safe_page(response)
            if "<script>alert(1)</script>" in title:
                # Escaped markup reads as the text it is.
                assert "<script>alert(1)</script>" in soup.get_text()
                shown_literally += 1
        assert_json_answer(client.get(f"/api/v1/projects/{project_id}"))
    assert shown_literally >= 2
    for organisation_id in organisations:
        response = client.get(f"/cs/organisations/{organisation_id}", follow_redirects=True)
        assert response.status_code == 200
        assert_safe_page(response)
        assert_json_answer(client.get(f"/api/v1/organisations/{organisation_id}"))
    for path in ("/cs/", "/en/search?q=alert", "/cs/search?q=onerror", "/cs/search?q=script",
                 "/en/statistics", "/cs/search?q=kurzy&page=2"):
        assert_safe_page(client.get(path))
    # Highlighted snippets (the one place markup is built from text) show the payload as text.
    soup = assert_safe_page(client.get("/cs/search?q=alert"))
    snippets = " ".join(p.get_text() for p in soup.select("p.snippet"))
    assert "alert(1)</script>" in snippets and soup.select("p.snippet mark")
    feed = client.get("/cs/search.atom?q=alert")
    assert feed.status_code == 200
    assert_no_leak(feed.get_data(as_text=True))
    assert BeautifulSoup(feed.data, "xml").find("script") is None


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_payloads_in_search_box_and_filters(client, payload):
    for params in ({"q": payload}, {"q": payload, "region": "CZ064"}, {"region": payload},
                   {"sort": payload, "q": "kurzy"}, {"page": payload}, {"year_from": payload},
                   {"decade": payload}, {"budget_min": payload}, {"lang": payload}):
        query = urlencode(params)
        for language in ("cs", "en"):
            assert_safe_page(client.get(f"/{language}/search?{query}"))
        feed = client.get(f"/cs/search.atom?{query}")
        assert feed.status_code in (200, 400)
        assert_no_leak(feed.get_data(as_text=True))
        assert_json_answer(client.get(f"/api/v1/projects?{query}&facets=1"))
    for params in ({"q": payload}, {"sort": payload}, {"per_page": payload}, {payload: "1"}):
        assert_json_answer(client.get(f"/api/v1/organisations?{urlencode(params)}"))
    export = client.get(f"/api/v1/projects.csv?{urlencode({'q': payload})}")
    assert export.status_code in (200, 400)
    assert_no_leak(export.get_data(as_text=True))
