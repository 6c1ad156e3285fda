"""Signing in: Flask-Login's user loader and checking an e-mail address and password."""
from __future__ import annotations

import secrets
from functools import cache

from flask_login import LoginManager
from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash

from knowledge_platform.db import db
from knowledge_platform.models.users import PASSWORD_METHOD, User, normalise_email

login_manager = LoginManager()
# "strong": a session used from another address or browser is dropped, not just marked stale.
login_manager.session_protection = "strong"


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    """The signed-in user, or None when the account is gone, disabled or its password changed."""
    ident, _, token = user_id.partition(":")
    if not ident.isdigit():
        return None
    user = db.session.get(User, int(ident))
    if user is None or not user.active or not secrets.compare_digest(user.session_token, token):
        return None
    return user


@cache
def _dummy_hash() -> str:
    return generate_password_hash(secrets.token_hex(16), method=PASSWORD_METHOD)


def find_user(email: str) -> User | None:
    """The account with ``email`` (compared case-insensitively), if any."""
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def authenticate(email: str, password: str) -> User | None:
    """The active account ``email`` when ``password`` is right, else None.

    An unknown address costs the same scrypt work as a known one, so timing does not tell
    whether an account exists.
    """
    user = find_user(email)
    if user is None:
        check_password_hash(_dummy_hash(), password)
        return None
    if not user.check_password(password) or not user.active:
        return None
    return user
