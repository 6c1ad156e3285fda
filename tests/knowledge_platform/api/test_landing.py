"""/api/v1/ says what the API offers, where it is documented and on what terms; every API
answer and download names the data's licence, and so does every page's footer."""
from __future__ import annotations

from bs4 import BeautifulSoup

from knowledge_platform.api.openapi import OPERATIONS

CC_BY = "https://creativecommons.org/licenses/by/4.0/"


def test_the_landing_document_links_everything_and_states_the_licences(client):
    response = client.get("/api/v1/")
    assert response.status_code == 200 and response.mimetype == "application/json"
    body = response.get_json()
    assert body["licence"]["data"] == {"id": "CC-BY-4.0", "name": "CC BY 4.0", "url": CC_BY}
    assert body["licence"]["code"]["id"] == "MIT"
    assert [entry["path"] for entry in body["endpoints"]] == [
        f"http://localhost/api/v1{path}" for path, *_ in OPERATIONS]
    for url in (body["documentation"]["openapi"], body["documentation"]["docs"],
                *body["exports"].values()):
        assert client.get(url).status_code == 200, url
    assert set(body["exports"]) == {"csv", "jsonl", "xlsx"}
    ignored = client.get("/api/v1/?x=1")  # unknown parameters are ignored, as everywhere
    assert ignored.status_code == 200 and ignored.headers["Ignored-Parameters"] == "x"


def test_api_answers_and_downloads_name_the_licence(client):
    for url in ("/api/v1/", "/api/v1/projects", "/api/v1/projects.csv", "/api/v1/stats",
                "/api/v1/projects/999999"):
        response = client.get(url)
        assert f'<{CC_BY}>; rel="license"' in response.headers.getlist("Link"), url
    assert "Link" in client.get("/api/v1/").headers["Access-Control-Expose-Headers"]


def test_the_licence_is_configurable_and_in_every_footer(app, client):
    page = BeautifulSoup(client.get("/cs/about").data, "html.parser")
    licence = page.select_one("footer .licences a[rel=license]")
    assert (licence.get_text(), licence["href"]) == ("CC BY 4.0", CC_BY)
    assert "MIT" in page.select_one("footer .licences").get_text()
    app.config["DATA_LICENCE"] = "CC0-1.0"
    body = client.get("/api/v1/").get_json()
    assert body["licence"]["data"]["name"] == "CC0 1.0"
    page = BeautifulSoup(client.get("/en/").data, "html.parser")
    assert page.select_one("footer .licences a[rel=license]").get_text() == "CC0 1.0"
