"""The staff accounts list (administrators only; accounts are managed with ``kp users``)."""
from __future__ import annotations

from flask import render_template
from sqlalchemy import select

from knowledge_platform.curate.blueprint import bp
from knowledge_platform.db import db
from knowledge_platform.models.users import User, UserRole
from knowledge_platform.roles import role_required


def all_users() -> list[User]:
    """Every account: administrators first, then curators, then reviewers; by e-mail."""
    return list(db.session.scalars(select(User).order_by(User.role, User.email)))


@bp.get("/users")
@role_required(UserRole.ADMIN)
def users():
    """Every staff account with its role and state."""
    return render_template("curate/users.html", users=all_users())
