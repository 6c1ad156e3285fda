"""Either language's query finds a record written in one, and the page says what else it
searched for (the glossary, search_index/glossary.py)."""
from __future__ import annotations

from bs4 import BeautifulSoup

from tests.factories import record, store


def test_a_czech_query_finds_an_english_record_and_names_the_english_term(app, client):
    with app.app_context():
        english = store(record(language="en", title="Adaptation groups in kindergartens",
                               summary="Groups where newly arrived children settle in."))
        czech = store(record(title="Doučování dětí cizinců", summary="Doučování ve škole."))
    page = BeautifulSoup(client.get("/cs/search?q=adaptační+skupiny").text, "html.parser")
    hits = [link["href"] for link in page.select(".hits h3 a, .hits h2 a")]
    assert any(f"/{english.project_id}" in href for href in hits)
    assert not any(f"/{czech.project_id}" in href for href in hits)
    also = page.select_one(".also-searched")
    assert "Hledáno také:" in also.text
    assert [link.text for link in also.select("a")] == ["adaptation group"]
    assert also.a["href"] == "/cs/search?q=adaptation+group"

    answer = client.get("/api/v1/projects?q=tutoring").get_json()
    assert answer["also_searched"] == ["doučování"]
    assert [item["id"] for item in answer["items"]] == [czech.project_id]


def test_no_line_when_nothing_else_was_searched(app, client):
    with app.app_context():
        store(record(title="Kurzy pro rodiče"))
    page = BeautifulSoup(client.get("/en/search?q=rodiče").text, "html.parser")
    assert page.select_one(".also-searched") is None
    assert client.get("/api/v1/projects?q=rodiče").get_json()["also_searched"] == []
