"""Staff accounts: curators, reviewers and administrators who sign in to the curator area."""
from __future__ import annotations

import enum
import secrets
from datetime import datetime

from sqlalchemy import DateTime, String
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.security import check_password_hash, generate_password_hash

from knowledge_platform.db import Model
from knowledge_platform.models.organisations import enum_column
from knowledge_platform.models.projects import utcnow

PASSWORD_METHOD = "scrypt"


class UserRole(enum.StrEnum):
    ADMIN = "admin"  # users, vocabularies, everything
    CURATOR = "curator"  # import, edit, publish
    REVIEWER = "reviewer"  # evaluate and comment; no publishing


def new_session_token() -> str:
    """A random token that ties browser sessions to the account's current credentials."""
    return secrets.token_hex(16)


def normalise_email(email: str) -> str:
    """The form under which an address is stored and looked up."""
    return email.strip().lower()


class User(Model):
    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[UserRole] = mapped_column(enum_column(UserRole, "user_role"))
    active: Mapped[bool] = mapped_column(default=True)
    # Changed whenever the password, role or active flag changes, which ends every
    # session signed in under the old value (sessions carry it in their user id).
    session_token: Mapped[str] = mapped_column(String(64), default=new_session_token)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    def __repr__(self) -> str:
        return f"<User {self.id} {self.role}>"

    @property
    def display_name(self) -> str:
        """The name when one is set, else the e-mail address."""
        return self.name or self.email

    def set_password(self, password: str) -> None:
        """Store a salted scrypt hash of ``password`` and end existing sessions."""
        self.password_hash = generate_password_hash(password, method=PASSWORD_METHOD)
        self.rotate_sessions()

    def check_password(self, password: str) -> bool:
        """Whether ``password`` matches the stored hash."""
        return check_password_hash(self.password_hash, password)

    def rotate_sessions(self) -> None:
        """Invalidate every browser session signed in to this account."""
        self.session_token = new_session_token()

    # The interface Flask-Login expects.
    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        return f"{self.id}:{self.session_token}"
