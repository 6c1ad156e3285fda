"""Helpers for the account tests: users, CSRF tokens read from forms, logging in."""
from __future__ import annotations

from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import delete

from knowledge_platform.db import db
from knowledge_platform.models.users import User, UserRole

PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def _no_users_left(app):
    """The shared PostgreSQL database keeps rows between tests; accounts must not leak."""
    yield
    with app.app_context():
        db.session.rollback()
        db.session.execute(delete(User))
        db.session.commit()


def make_user(app, email: str, role: str = "curator", password: str = PASSWORD,
              active: bool = True, name: str = "") -> int:
    """Store an account and return its id."""
    with app.app_context():
        user = User(email=email, name=name, role=UserRole(role), active=active)
        user.set_password(password)
        db.session.add(user)
        db.session.commit()
        return user.id


def form_token(client, path: str = "/en/login") -> str:
    """The CSRF token of the first form on ``path`` (it also puts one in the session)."""
    page = client.get(path)
    assert page.status_code == 200, (path, page.status_code)
    field = BeautifulSoup(page.data, "html.parser").find("input", {"name": "csrf_token"})
    assert field is not None, f"no CSRF token on {path}"
    return field["value"]


def login(client, email: str, password: str = PASSWORD, next_url: str | None = None,
          lang: str = "en", **kwargs):
    """Post the login form as a browser would, token included."""
    token = form_token(client, f"/{lang}/login")
    query = f"?next={quote(next_url, safe='')}" if next_url is not None else ""
    return client.post(f"/{lang}/login{query}",
                       data={"email": email, "password": password, "csrf_token": token}, **kwargs)


def error_text(response) -> str:
    """The login page's error message."""
    found = BeautifulSoup(response.data, "html.parser").select_one(".form-error")
    return found.get_text(strip=True) if found else ""
