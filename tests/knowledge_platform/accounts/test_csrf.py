"""Every form needs a CSRF token; a POST without one is refused with 400."""
from __future__ import annotations

from bs4 import BeautifulSoup

from tests.knowledge_platform.accounts.conftest import PASSWORD, form_token, make_user


def test_login_without_token_is_refused(app, client):
    make_user(app, "cur@example.org")
    response = client.post("/en/login", data={"email": "cur@example.org", "password": PASSWORD})
    assert response.status_code == 400
    heading = BeautifulSoup(response.data, "html.parser").find("h1").get_text()
    assert heading == "The form has expired"
    assert client.get("/en/curate/").status_code == 302


def test_login_with_a_forged_token_is_refused(app, client):
    make_user(app, "cur@example.org")
    form_token(client)
    response = client.post("/en/login", data={"email": "cur@example.org", "password": PASSWORD,
                                              "csrf_token": "forged"})
    assert response.status_code == 400


def test_token_from_another_session_is_refused(app):
    make_user(app, "cur@example.org")
    token = form_token(app.test_client())
    response = app.test_client().post("/en/login", data={
        "email": "cur@example.org", "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 400


def test_csrf_can_be_switched_off_only_by_setting(app, client):
    # The one place the protection is disabled: to show that the setting is what guards.
    app.config["WTF_CSRF_ENABLED"] = False
    make_user(app, "cur@example.org")
    response = client.post("/en/login", data={"email": "cur@example.org", "password": PASSWORD})
    assert response.status_code == 302


def test_public_search_form_needs_no_token(client):
    soup = BeautifulSoup(client.get("/en/").data, "html.parser")
    form = soup.select_one("form.search-form")
    assert form["method"] == "get"
    assert form.find("input", {"name": "csrf_token"}) is None
    assert client.get("/en/search?q=kurzy").status_code == 200
