"""Login and logout pages under the language prefix, and the CSRF error page.

The 403 page is ``knowledge_platform.roles.forbidden``, shared with the curator area.
"""
from __future__ import annotations

import math
import time

from flask import Blueprint, g, make_response, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import Forbidden

from knowledge_platform.accounts.auth import authenticate
from knowledge_platform.accounts.forms import LoginForm
from knowledge_platform.accounts.limits import login_limited, mark_failed_attempt
from knowledge_platform.db import db
from knowledge_platform.i18n import add_language, pull_language
from knowledge_platform.models.projects import utcnow
from knowledge_platform.roles import ALL_ROLES, forbidden, landing_url, role_required, safe_next

bp = Blueprint("accounts", __name__, url_prefix="/<lang>")
bp.url_value_preprocessor(pull_language)
bp.url_defaults(add_language)


def _render_login(form: LoginForm, error: str | None = None, status: int = 200):
    next_url = safe_next(request.args.get("next"))
    return render_template("accounts/login.html", form=form, error=error, next_url=next_url), status


def locked_out(reset_at: float):
    """The answer once a login limit is reached; the same for known and unknown accounts,
    saying in Retry-After when the window ends."""
    body, status = _render_login(LoginForm(), _(
        "Too many failed attempts to log in. Wait a few minutes and try again."
    ), 429)
    response = _no_store(make_response(body, status))
    response.headers["Retry-After"] = str(max(1, math.ceil(reset_at - time.time())))
    return response


def _no_store(response):
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/login", methods=["GET", "POST"])
@login_limited(on_breach=locked_out)
def login():
    """Sign in with e-mail address and password, then go back to the page asked for."""
    target = safe_next(request.args.get("next"))
    if current_user.is_authenticated:
        return redirect(target or landing_url(current_user))
    form = LoginForm()
    if not form.validate_on_submit():
        return _render_login(form)
    user = authenticate(form.email.data, form.password.data)
    if user is None:
        mark_failed_attempt()
        # One message for a wrong password, an unknown address and a disabled account.
        return _render_login(form, _("Wrong e-mail address or password."))
    session.clear()  # a fresh session on every login: nothing carried over from before
    login_user(user)
    session.permanent = True  # expires after PERMANENT_SESSION_LIFETIME without a request
    user.last_login_at = utcnow()
    db.session.commit()
    return redirect(target or landing_url(user))


@bp.post("/logout")
@role_required(*ALL_ROLES)
def logout():
    """Sign out and forget the session."""
    logout_user()
    session.clear()
    return redirect(url_for("public.home", lang=g.lang))


@bp.after_request
def never_cache(response):
    """Keep login pages out of caches (they carry a per-session CSRF token)."""
    return _no_store(response)


def csrf_failed(error: CSRFError):
    """A form sent without a valid CSRF token (often: the page was open too long)."""
    return render_template("accounts/csrf_error.html", reason=error.description), 400


bp.register_error_handler(Forbidden, forbidden)
