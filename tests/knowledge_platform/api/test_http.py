"""Conditional requests, CORS and JSON errors across the API."""
from __future__ import annotations

from datetime import UTC, timedelta

import pytest
from werkzeug.http import http_date

from knowledge_platform.db import db
from knowledge_platform.models import Project

ENDPOINTS = ["/projects", "/organisations", "/regions", "/funders", "/activities",
             "/target-groups", "/stats", "/openapi.json"]


@pytest.mark.parametrize("path", ENDPOINTS)
def test_etag_answers_304_and_cors_is_open(client, ids, path):
    response = client.get("/api/v1" + path)
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    etag = response.headers["ETag"]
    again = client.get("/api/v1" + path, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.data == b""
    assert again.headers["ETag"] == etag


def test_etag_is_a_hash_of_the_body(client, ids):
    first = client.get("/api/v1/projects", query_string={"per_page": 1})
    second = client.get("/api/v1/projects", query_string={"per_page": 2})
    assert first.headers["ETag"] != second.headers["ETag"]
    assert client.get("/api/v1/projects", query_string={"per_page": 1}).headers["ETag"] == \
        first.headers["ETag"]
    stale = client.get("/api/v1/projects", headers={"If-None-Match": first.headers["ETag"]})
    assert stale.status_code == 200


def test_last_modified_is_the_newest_project_change(app, client, ids):
    with app.app_context():
        project = db.session.get(Project, ids["landscape"])
        project.summary_cs += " Změna."
        db.session.commit()
        newest = project.updated_at
    response = client.get(f"/api/v1/projects/{ids['ostrava_legal']}")
    modified = response.last_modified
    newest = newest if newest.tzinfo else newest.replace(tzinfo=UTC)
    assert modified == newest.replace(microsecond=0)
    later = client.get(f"/api/v1/projects/{ids['ostrava_legal']}",
                       headers={"If-Modified-Since": http_date(modified)})
    assert later.status_code == 304
    earlier = client.get(f"/api/v1/projects/{ids['ostrava_legal']}",
                         headers={"If-Modified-Since": http_date(modified - timedelta(1))})
    assert earlier.status_code == 200


def test_an_edit_changes_the_etag(app, client, ids):
    path = f"/api/v1/projects/{ids['landscape']}"
    before = client.get(path).headers["ETag"]
    with app.app_context():
        db.session.get(Project, ids["landscape"]).title_en = "Landscape and nature"
        db.session.commit()
    response = client.get(path, headers={"If-None-Match": before})
    assert response.status_code == 200
    assert response.get_json()["title_en"] == "Landscape and nature"


def test_preflight_allows_get_from_any_origin(client, ids):
    response = client.options("/api/v1/projects", headers={
        "Origin": "https://example.org", "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "If-None-Match"})
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "GET" in response.headers["Access-Control-Allow-Methods"]
    assert "If-None-Match" in response.headers["Access-Control-Allow-Headers"]


def test_site_pages_get_no_cors_header(client, ids):
    assert "Access-Control-Allow-Origin" not in client.get("/cs/search").headers


@pytest.mark.parametrize(("method", "path", "status", "subject"), [
    ("GET", "/api/v1/nothing-here", 404, "path"),
    ("GET", "/api/v2/projects", 404, "path"),
    ("GET", "/api/v1/projects/abc", 404, "path"),
    ("POST", "/api/v1/projects", 405, "method"),
    ("DELETE", "/api/v1/projects/1", 405, "method"),
])
def test_http_errors_under_the_api_are_json(client, ids, method, path, status, subject):
    response = client.open(path, method=method)
    assert response.status_code == status
    assert response.mimetype == "application/json"
    assert subject in response.get_json()["errors"]
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_site_404_stays_html(client):
    response = client.get("/cs/nothing-here")
    assert response.status_code == 404 and response.mimetype == "text/html"


def test_a_server_error_in_the_api_is_json(app, client, ids, monkeypatch):
    from knowledge_platform.api import stats

    def broken():
        raise RuntimeError("boom")

    monkeypatch.setattr(stats, "totals", broken)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = client.get("/api/v1/stats")
    assert response.status_code == 500
    assert response.get_json() == {"errors": {"server": "internal error"}}


def test_unknown_parameters_are_ignored_and_named(client, ids):
    plain = client.get("/api/v1/regions")
    response = client.get("/api/v1/regions", query_string={"lang": "en", "utm_source": "x"})
    assert response.status_code == 200 and response.data == plain.data
    assert response.headers["Ignored-Parameters"] == "lang, utm_source"
    assert "Ignored-Parameters" in response.headers["Access-Control-Expose-Headers"]
    assert "Ignored-Parameters" not in plain.headers
    # A misspelt filter is named; the one spelt right still filters.
    search = client.get("/api/v1/projects", query_string={"regoin": "CZ064", "q": "kurzy"})
    assert search.status_code == 200 and search.headers["Ignored-Parameters"] == "regoin"
    export = client.get("/api/v1/projects.csv", query_string={"regoin": "CZ064"})
    assert export.status_code == 200 and export.headers["Ignored-Parameters"] == "regoin"
