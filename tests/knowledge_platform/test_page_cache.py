"""HTTP caching of anonymous reads (page_cache.py): validators, 304s, stored answers."""
from __future__ import annotations

from contextlib import contextmanager

import pytest
from flask import template_rendered

from knowledge_platform.db import db
from knowledge_platform.models import Organisation
from tests.conftest import make_app
from tests.factories import record, store
from tests.knowledge_platform.accounts.conftest import login, make_user


@contextmanager
def renders(app):
    """The templates rendered inside the block."""
    seen: list[str] = []

    def note(sender, template, context, **extra):
        seen.append(template.name)

    template_rendered.connect(note, app)
    try:
        yield seen
    finally:
        template_rendered.disconnect(note, app)


@pytest.fixture
def project_id(app):
    with app.app_context():
        return store(record(title="Kurzy češtiny v Jihlavě")).project_id


def test_an_anonymous_page_is_validated_and_answered_with_304_without_rendering(
        app, client, project_id):
    first = client.get(f"/en/projects/{project_id}", follow_redirects=True)
    assert first.status_code == 200
    etag = first.headers["ETag"]
    assert not first.headers["ETag"].startswith("W/")  # strong
    assert first.last_modified is not None
    control = first.headers["Cache-Control"]
    assert "public" in control and "s-maxage=" in control and "must-revalidate" in control
    with renders(app) as seen:
        again = client.get(first.request.path, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b"" and seen == []
    assert again.headers["ETag"] == etag


def test_a_second_visitor_gets_the_stored_answer_with_its_headers(app, client, project_id):
    first = client.get("/cs/search?q=Jihlava")
    with renders(app) as seen:
        second = app.test_client().get("/cs/search?q=Jihlava")  # a new visitor
    assert seen == [] and second.data == first.data
    # The language is remembered for each visitor, not stored with the page.
    assert second.headers["Set-Cookie"].startswith("lang=cs")
    assert second.headers["Content-Security-Policy"] == first.headers[
        "Content-Security-Policy"]
    assert client.head("/cs/search?q=Jihlava").status_code == 200


def test_a_change_in_the_data_changes_the_etag_at_once(app, client, project_id):
    before = client.get("/en/search?q=Jihlava")
    with app.app_context():
        added = store(record(title="Tlumočení v Jihlavě")).project_id
    after = client.get("/en/search?q=Jihlava",
                       headers={"If-None-Match": before.headers["ETag"]})
    assert after.status_code == 200 and after.headers["ETag"] != before.headers["ETag"]
    assert f"/projects/{added}".encode() in after.data
    # An organisation's own change (no project written) is public data too.
    with app.app_context():
        db.session.add(Organisation(name="Nová organizace", slug="nova-organizace"))
        db.session.commit()
    later = client.get("/en/search?q=Jihlava")
    assert later.headers["ETag"] != after.headers["ETag"]


def test_signed_in_curators_are_never_cached_nor_served_a_stored_page(app, client, project_id):
    client.get(f"/en/projects/{project_id}", follow_redirects=True)  # stored for anonymous visitors
    make_user(app, "curator@example.org")
    assert login(client, "curator@example.org").status_code == 302
    with renders(app) as seen:
        page = client.get(f"/en/projects/{project_id}", follow_redirects=True)
    assert page.status_code == 200 and seen  # rendered afresh
    assert "ETag" not in page.headers and "public" not in page.headers.get("Cache-Control", "")
    assert "Cookie" in page.headers.get("Vary", "")
    curate = client.get("/en/curate/")
    assert "ETag" not in curate.headers and "no-store" in curate.headers["Cache-Control"]


def test_a_page_that_starts_a_session_is_not_kept(app, client):
    login_page = client.get("/en/login")  # its form's CSRF token lives in a new session
    assert "Set-Cookie" in login_page.headers and "ETag" not in login_page.headers


def test_the_api_is_validated_the_same_way(app, client, project_id):
    first = client.get("/api/v1/projects?q=Jihlava")
    assert first.headers["ETag"]
    again = client.get("/api/v1/projects?q=Jihlava",
                       headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""
    assert again.headers["ETag"] == first.headers["ETag"]
    stored = app.test_client().get("/api/v1/projects?q=Jihlava")
    assert stored.headers.getlist("Link") == first.headers.getlist("Link")
    assert stored.headers["X-Request-ID"] != first.headers["X-Request-ID"]


def test_a_folder_store_is_shared_by_the_workers_of_one_server(database_url, tmp_path,
                                                               project_id):
    workers = [make_app(database_url, tmp_path / "instance", PAGE_CACHE="folder")
               for _ in range(2)]
    first = workers[0].test_client().get(f"/en/projects/{project_id}", follow_redirects=True)
    with renders(workers[1]) as seen:
        second = workers[1].test_client().get(f"/en/projects/{project_id}", follow_redirects=True)
    assert seen == [] and second.data == first.data
    folders = list((tmp_path / "instance" / "page_cache").iterdir())
    assert len(folders) == 1
    with workers[0].app_context():
        store(record(title="Další projekt"))
    workers[1].test_client().get(f"/en/projects/{project_id}", follow_redirects=True)
    assert list((tmp_path / "instance" / "page_cache").iterdir()) != folders  # replaced
    assert len(list((tmp_path / "instance" / "page_cache").iterdir())) == 1


def test_an_unknown_store_is_refused(database_url, tmp_path):
    with pytest.raises(ValueError, match="PAGE_CACHE"):
        make_app(database_url, tmp_path / "instance", PAGE_CACHE="redis")


def test_a_new_release_changes_the_data_page(app, client, project_id):
    from knowledge_platform.exports.cli import release_create

    before = client.get("/en/data")
    made = app.test_cli_runner().invoke(release_create, ["--base-url", "https://kp.example"])
    assert made.exit_code == 0, made.output
    after = client.get("/en/data", headers={"If-None-Match": before.headers["ETag"]})
    assert after.status_code == 200 and b"projects.csv" in after.data


def test_the_deployment_guide_names_the_real_settings(app):
    from pathlib import Path

    from knowledge_platform.page_cache import CACHE_CONTROL, STORES

    guide = (Path(__file__).resolve().parents[2] / "docs" / "deployment.md").read_text()
    assert all(f'PAGE_CACHE = "{store}"' in guide or f'"{store}"' in guide for store in STORES)
    assert f"$cookie_{app.config['SESSION_COOKIE_NAME']}" in guide
    assert CACHE_CONTROL.split(", ")[2] in guide  # the shared caches' lifetime


def test_a_worker_writes_a_bounded_amount_per_generation(tmp_path):
    from knowledge_platform.page_cache import FolderStore

    store = FolderStore(tmp_path, max_bytes=10)
    store.put("a" * 12 + "1", b"123456")
    store.put("a" * 12 + "2", b"123456")  # over the bound: not written
    assert store.get("a" * 12 + "1") == b"123456" and store.get("a" * 12 + "2") is None
    store.put("b" * 12 + "1", b"123456")  # a new generation starts a new allowance
    assert store.get("b" * 12 + "1") == b"123456"
    assert store.get("a" * 12 + "1") is None  # and the old answers are gone
