"""Login limits per account and per address, with a message that does not reveal accounts."""
from __future__ import annotations

from bs4 import BeautifulSoup

from tests.knowledge_platform.accounts.conftest import PASSWORD, error_text, login, make_user

LOCKED = "Too many failed attempts to log in. Wait a few minutes and try again."


def _fail(client, email: str, times: int) -> list[int]:
    return [login(client, email, "wrong password!").status_code for _ in range(times)]


def test_lockout_is_identical_for_known_and_unknown_accounts(app, client):
    make_user(app, "known@example.org")
    per_account = int(app.config["LOGIN_LIMIT_PER_ACCOUNT"].split()[0])
    assert _fail(client, "known@example.org", per_account) == [200] * per_account
    assert _fail(client, "unknown@example.org", per_account) == [200] * per_account
    known = login(client, "known@example.org", PASSWORD)  # even the right password now
    unknown = login(client, "unknown@example.org", PASSWORD)
    assert known.status_code == unknown.status_code == 429
    assert error_text(known) == error_text(unknown) == LOCKED
    strip = {"csrf_token", "email"}

    def form_shape(response):
        form = BeautifulSoup(response.data, "html.parser").select_one("form.login-form")
        return [(field.get("name"), field.get("type")) for field in form.find_all("input")
                if field.get("name") not in strip]

    assert form_shape(known) == form_shape(unknown)
    # Another account from the same address is not affected by these two.
    make_user(app, "other@example.org")
    assert login(client, "other@example.org").status_code == 302


def test_account_limit_ignores_case_and_spaces(app, client):
    app.config["LOGIN_LIMIT_PER_ACCOUNT"] = "2 per minute"
    make_user(app, "known@example.org")
    assert _fail(client, "Known@Example.org", 1) == [200]
    assert _fail(client, " known@example.org", 1) == [200]
    assert login(client, "known@example.org").status_code == 429


def test_address_limit_counts_failures_across_accounts(app, client):
    app.config["LOGIN_LIMIT_PER_ADDRESS"] = "3 per minute"
    make_user(app, "known@example.org")
    statuses = [login(client, f"guess{n}@example.org", "wrong password!").status_code
                for n in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert error_text(login(client, "known@example.org")) == LOCKED
    # Another address is not locked out.
    other = app.test_client()
    other.environ_base["REMOTE_ADDR"] = "192.0.2.7"
    assert login(other, "known@example.org").status_code == 302


def test_successful_logins_do_not_count(app):
    app.config["LOGIN_LIMIT_PER_ACCOUNT"] = "2 per minute"
    make_user(app, "known@example.org")
    for _ in range(4):
        client = app.test_client()
        assert login(client, "known@example.org").status_code == 302


def test_the_login_page_itself_is_not_limited(app, client):
    app.config["LOGIN_LIMIT_PER_ADDRESS"] = "1 per minute"
    login(client, "x@example.org", "wrong password!")
    assert all(client.get("/en/login").status_code == 200 for _ in range(5))
