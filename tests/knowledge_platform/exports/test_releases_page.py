"""Published data releases: `kp release create` into the instance, the open data page with
files, checksums, changes since the release before and a citation, a stable address for the
newest files, and a release that loads back into an empty database as the same records."""
from __future__ import annotations

import hashlib

from bs4 import BeautifulSoup
from sqlalchemy import select

from knowledge_platform.db import db
from knowledge_platform.exports.cli import release_create
from knowledge_platform.ingest.runs import import_paths
from knowledge_platform.models import Project, Status
from tests.factories import record, store
from tests.knowledge_platform.exports.test_round_trip import (
    MAX_BYTES,
    _differences,
    _empty_database,
    _snapshot,
)


def _create(app) -> str:
    result = app.test_cli_runner().invoke(release_create, ["--base-url", "https://kp.example"])
    assert result.exit_code == 0, result.output
    return result.output


def test_releases_list_their_files_changes_and_citation(app, client, stored):
    first = _create(app)
    assert "since no earlier release: 8 added, 0 changed, 0 withdrawn" in first
    again = app.test_cli_runner().invoke(release_create, ["--base-url", "https://kp.example"])
    assert again.exit_code != 0 and "nothing has changed" in again.output
    with app.app_context():
        published = list(db.session.scalars(select(Project).where(
            Project.status == Status.PUBLISHED).order_by(Project.id)))
        published[0].status = Status.DRAFT  # withdrawn
        published[1].title_cs = published[1].title_cs + " (opraveno)"  # changed
        db.session.commit()
        store(record(title="Nový projekt"))  # added
    second = _create(app)
    assert "8 projects; since" in second and "1 added, 1 changed, 1 withdrawn" in second

    page = BeautifulSoup(client.get("/en/data").data, "html.parser")
    releases = page.select("section.release")
    assert len(releases) == 2 and "newest" in releases[0].h2.text
    assert "1 added, 1 changed, 1 withdrawn" in releases[0].select_one(".release-changes").text
    assert releases[1].select_one(".release-changes").text == "The first release."
    version = releases[0].h2.text.split()[1]
    assert f"release {version}" in releases[0].select_one(".citation").text
    rows = releases[0].select(".release-files tbody tr")
    assert {row.a.text for row in rows} >= {"projects.csv", "projects.jsonl", "projects.xlsx",
                                             "codebook.md", "codebook.csv", "record.schema.json"}
    for row in rows:
        download = client.get(row.a["href"])
        assert download.status_code == 200
        assert hashlib.sha256(download.get_data()).hexdigest() == row.select_one(
            ".checksum").text
        assert "immutable" in download.headers["Cache-Control"]


def test_the_newest_files_have_a_stable_address(app, client, stored):
    assert client.get("/en/data/latest/projects.csv").status_code == 404  # none yet
    _create(app)
    newest = client.get("/en/data/latest/projects.csv")
    assert newest.status_code == 302 and newest.location.endswith("/projects.csv")
    assert client.get(newest.location).status_code == 200
    for bad in ("/en/data/latest/secret.txt", "/en/data/latest/..%2Fconfig.py",
                "/en/data/1999.01.01+deadbeef/projects.csv"):
        assert client.get(bad).status_code == 404, bad


def test_a_release_loads_back_into_an_empty_database_as_the_same_records(
        app, client, stored, tmp_path):
    _create(app)
    newest = client.get("/en/data/latest/projects.jsonl")
    data = tmp_path / "projects.jsonl"
    data.write_bytes(client.get(newest.location).get_data())
    with app.app_context():
        before = _snapshot()
        _empty_database()
        report = import_paths([str(data)], max_bytes=MAX_BYTES, publish=True)
        assert report.counts["new"] == len(before)
        assert _differences(_snapshot(), before) == []


def test_the_api_landing_document_links_the_newest_release(app, client, stored):
    assert client.get("/api/v1/").get_json()["releases"]["latest"] is None
    _create(app)
    releases = client.get("/api/v1/").get_json()["releases"]
    assert releases["page"] == "http://localhost/en/data"
    latest = releases["latest"]
    assert latest["records"] == 8 and latest["version"] in latest["citation"]
    stamp = client.get(latest["release"])
    assert stamp.status_code == 200 and stamp.get_json()["version"] == latest["version"]
    assert client.get(latest["files"]["projects.csv"]).status_code == 302
