"""Who may see what: the role groups, the ``role_required`` decorator, the 403 page, and
safe redirects to the login page.

Shared by the blueprints that guard their pages (accounts, curate), so it belongs to none.
"""
from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from urllib.parse import urlsplit

from flask import abort, g, redirect, render_template, request, url_for
from flask_login import current_user
from flask_login.mixins import AnonymousUserMixin
from werkzeug.exceptions import Forbidden

from knowledge_platform.models.users import User, UserRole

ALL_ROLES = tuple(UserRole)
# Who may change records: import, edit, settle, merge, publish.
EDITORS = (UserRole.CURATOR, UserRole.ADMIN)


def safe_next(target: str | None) -> str | None:
    """``target`` when it is a path on this site, else None (no open redirects)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    if any(ord(char) < 32 or ord(char) == 127 for char in target):
        # Browsers drop tabs and newlines, which would turn "/\t/evil.example" into "//evil…".
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target


def login_redirect():
    """Send an anonymous visitor to the login page, to come back to this page afterwards."""
    here = request.full_path.rstrip("?") if request.method == "GET" else None
    return redirect(url_for("accounts.login", lang=g.get("lang"), next=safe_next(here)))


def landing_url(user: User | AnonymousUserMixin) -> str:
    """Where a user goes after signing in: the dashboard, or the review list for reviewers."""
    if getattr(user, "role", None) == UserRole.REVIEWER:
        return url_for("curate.review", lang=g.get("lang"))
    return url_for("curate.dashboard", lang=g.get("lang"))


def role_required(*roles: UserRole | str) -> Callable:
    """Let only signed-in users with one of ``roles`` in: others get the login page or 403.

    The allowed roles are kept on the view as ``required_roles``, where the curator
    blueprint and the permission tests read them.
    """
    allowed = frozenset(UserRole(role) for role in roles)

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def guarded(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_redirect()
            if current_user.role not in allowed:
                abort(403)
            return view(*args, **kwargs)

        # mypy cannot type an attribute set on a function (and B010 rules out setattr()).
        guarded.required_roles = allowed  # type: ignore[attr-defined]
        return guarded

    return decorate


def forbidden(_error: Forbidden):
    """The page for a signed-in user whose role does not allow the page."""
    return render_template("accounts/forbidden.html"), 403
