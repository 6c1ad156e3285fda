"""Logging in and out: messages, redirects, cookies, inactive accounts, session expiry."""
from __future__ import annotations

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from itsdangerous.timed import TimestampSigner

from knowledge_platform.db import db
from knowledge_platform.models.users import User
from tests.knowledge_platform.accounts.conftest import (
    PASSWORD,
    error_text,
    form_token,
    login,
    make_user,
)

WRONG = "Wrong e-mail address or password."
REAL_TIMESTAMP = TimestampSigner.get_timestamp


def _session_cookie(response) -> str:
    cookies = [value for value in response.headers.getlist("Set-Cookie")
               if value.startswith("session=")]
    assert cookies, response.headers
    return cookies[-1]


def test_login_page_has_a_form_with_csrf_token(client):
    page = client.get("/cs/login")
    assert page.status_code == 200
    soup = BeautifulSoup(page.data, "html.parser")
    form = soup.select_one("form.login-form")
    assert form["method"] == "post"
    assert {field["name"] for field in form.find_all("input")} >= {"email", "password",
                                                                    "csrf_token"}
    assert soup.find("input", {"name": "password"})["type"] == "password"


def test_login_success_goes_to_the_landing_page_and_records_the_time(app, client):
    user_id = make_user(app, "cur@example.org", role="curator")
    response = login(client, "CUR@example.org ")
    assert response.status_code == 302
    assert response.headers["Location"] == "/en/curate/"
    page = client.get("/en/curate/")
    assert page.status_code == 200
    header = BeautifulSoup(page.data, "html.parser").select_one(".account-nav")
    assert "cur@example.org" in header.get_text()
    assert header.select_one("form.logout-form input[name=csrf_token]")
    with app.app_context():
        assert db.session.get(User, user_id).last_login_at is not None


def test_reviewers_land_on_the_review_list(app, client):
    make_user(app, "rev@example.org", role="reviewer")
    assert login(client, "rev@example.org", lang="cs").headers["Location"] == "/cs/curate/review"


def test_wrong_password_and_unknown_account_get_the_same_answer(app, client):
    make_user(app, "cur@example.org")
    wrong = login(client, "cur@example.org", "not the password")
    unknown = login(client, "nobody@example.org", "not the password")
    assert wrong.status_code == unknown.status_code == 200
    assert error_text(wrong) == error_text(unknown) == WRONG
    assert client.get("/en/curate/").status_code == 302


def test_inactive_user_cannot_log_in(app, client):
    make_user(app, "off@example.org", active=False)
    response = login(client, "off@example.org")
    assert response.status_code == 200
    assert error_text(response) == WRONG
    assert client.get("/en/curate/review").status_code == 302


def test_missing_fields_are_reported_on_the_form(client):
    response = login(client, "", "")
    assert response.status_code == 200
    assert len(BeautifulSoup(response.data, "html.parser").select(".field-errors li")) == 2


def test_logout_is_a_post_that_ends_the_session(app, client):
    make_user(app, "cur@example.org")
    login(client, "cur@example.org")
    assert client.get("/en/logout").status_code == 405
    token = form_token(client, "/en/curate/review")
    response = client.post("/en/logout", data={"csrf_token": token})
    assert response.status_code == 302 and response.headers["Location"] == "/en/"
    assert client.get("/en/curate/review").status_code == 302


def test_logout_without_csrf_token_is_refused(app, client):
    make_user(app, "cur@example.org")
    login(client, "cur@example.org")
    assert client.post("/en/logout").status_code == 400
    assert client.get("/en/curate/review").status_code == 200


@pytest.mark.parametrize("target", ["/en/curate/users", "/cs/curate/review?page=2"])
def test_next_parameter_returns_to_a_local_page(app, client, target):
    make_user(app, "adm@example.org", role="admin")
    response = login(client, "adm@example.org", next_url=target)
    assert response.headers["Location"] == target


@pytest.mark.parametrize("target", [
    "https://evil.example/", "//evil.example/path", "/\\evil.example", "\\\\evil.example",
    "/\t/evil.example", "javascript:alert(1)", "http:/evil.example", "evil.example",
])
def test_next_parameter_to_another_site_is_refused(app, client, target):
    make_user(app, "cur@example.org")
    page = client.get(f"/en/login?next={target}")
    assert "evil" not in BeautifulSoup(page.data, "html.parser").select_one("form")["action"]
    response = login(client, "cur@example.org", next_url=target)
    assert response.status_code == 302
    assert response.headers["Location"] == "/en/curate/"


def test_anonymous_visit_sends_to_login_and_back(app, client):
    make_user(app, "adm@example.org", role="admin")
    response = client.get("/cs/curate/users")
    assert response.status_code == 302
    assert response.headers["Location"] == "/cs/login?next=/cs/curate/users"
    form = BeautifulSoup(client.get(response.headers["Location"]).data, "html.parser")
    assert form.select_one("form.login-form")["action"] == "/cs/login?next=/cs/curate/users"
    assert login(client, "adm@example.org", next_url="/cs/curate/users",
                 lang="cs").headers["Location"] == "/cs/curate/users"


def test_logged_in_user_visiting_login_is_sent_on(app, client):
    make_user(app, "cur@example.org")
    login(client, "cur@example.org")
    assert client.get("/en/login").headers["Location"] == "/en/curate/"


def test_session_cookie_flags(app, client):
    make_user(app, "cur@example.org")
    cookie = _session_cookie(login(client, "cur@example.org"))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # plain HTTP in development
    assert "Expires=" in cookie  # a permanent session, bounded by the inactivity limit


def test_session_cookie_is_secure_over_https(app):
    make_user(app, "cur@example.org")
    client = app.test_client()
    page = client.get("/en/login", base_url="https://localhost")
    assert "Secure" in _session_cookie(page)
    token = BeautifulSoup(page.data, "html.parser").find("input", {"name": "csrf_token"})["value"]
    # Over HTTPS Flask-WTF also wants a same-origin Referer, which browsers send.
    response = client.post("/en/login", base_url="https://localhost",
                           headers={"Referer": "https://localhost/en/login"}, data={
        "email": "cur@example.org", "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 302
    assert "Secure" in _session_cookie(response)


def test_secure_cookie_can_be_forced_by_setting(app, client):
    app.config["SESSION_COOKIE_SECURE"] = True
    make_user(app, "cur@example.org")
    assert "Secure" in _session_cookie(client.get("/en/login"))


def _at(monkeypatch, offset: timedelta) -> None:
    """Make the session signer's clock run ``offset`` ahead of now."""
    monkeypatch.setattr(TimestampSigner, "get_timestamp",
                        lambda self: REAL_TIMESTAMP(self) + int(offset.total_seconds()))


def test_session_expires_after_inactivity(app, client, monkeypatch):
    make_user(app, "cur@example.org")
    login(client, "cur@example.org")
    lifetime = app.permanent_session_lifetime
    assert lifetime == timedelta(minutes=30)
    _at(monkeypatch, lifetime + timedelta(seconds=5))
    response = client.get("/en/curate/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/en/login")


def test_each_request_extends_the_session(app, client, monkeypatch):
    make_user(app, "cur@example.org")
    login(client, "cur@example.org")
    lifetime = app.permanent_session_lifetime
    for step in (0.6, 1.2, 1.8):  # never more than 0.6 lifetimes between requests
        _at(monkeypatch, lifetime * step)
        assert client.get("/en/curate/").status_code == 200, step
