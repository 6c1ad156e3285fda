"""Passwords are stored only as salted scrypt hashes."""
from __future__ import annotations

from sqlalchemy import select, text

from knowledge_platform.db import db
from knowledge_platform.models.users import User, UserRole


def test_password_is_hashed_with_scrypt_and_verifies(app):
    with app.app_context():
        user = User(email="a@example.org", role=UserRole.CURATOR)
        user.set_password("a long enough secret")
        assert user.password_hash.startswith("scrypt:")
        assert "a long enough secret" not in user.password_hash
        assert user.check_password("a long enough secret")
        assert not user.check_password("a long enough secreT")
        assert not user.check_password("")


def test_same_password_gets_a_different_salt(app):
    with app.app_context():
        first, second = User(email="a@x.cz"), User(email="b@x.cz")
        first.set_password("the very same secret")
        second.set_password("the very same secret")
        assert first.password_hash != second.password_hash


def test_new_password_rotates_the_session_token(app):
    with app.app_context():
        user = User(email="a@x.cz")
        user.set_password("first password here")
        before = user.session_token
        user.set_password("second password here")
        assert user.session_token != before


def test_database_holds_no_clear_password(app):
    with app.app_context():
        user = User(email="db@example.org", role=UserRole.REVIEWER)
        user.set_password("stored safely please")
        db.session.add(user)
        db.session.commit()
        row = db.session.execute(text("SELECT * FROM user_account")).one()
        assert "stored safely please" not in " ".join(str(value) for value in row)
        stored = db.session.scalar(select(User).where(User.email == "db@example.org"))
        assert stored.check_password("stored safely please")
