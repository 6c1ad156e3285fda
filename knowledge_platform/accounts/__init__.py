"""Staff accounts: login with Flask-Login, CSRF on every form, login limits, ``kp users``."""
from __future__ import annotations

from flask import Flask
from flask_wtf.csrf import CSRFError, CSRFProtect

from knowledge_platform.accounts.auth import login_manager
from knowledge_platform.accounts.limits import limiter
from knowledge_platform.accounts.sessions import HttpsAwareSessionInterface
from knowledge_platform.roles import login_redirect, role_required

csrf = CSRFProtect()

__all__ = ["csrf", "init_app", "limiter", "login_manager", "role_required"]


def init_app(app: Flask) -> None:
    """Wire sessions, login, CSRF protection, login limits, the pages and the commands."""
    from knowledge_platform.accounts import views
    from knowledge_platform.accounts.cli import users_group

    app.session_interface = HttpsAwareSessionInterface()
    login_manager.init_app(app)
    login_manager.unauthorized_handler(login_redirect)
    csrf.init_app(app)
    limiter.init_app(app)
    app.register_blueprint(views.bp)
    app.register_error_handler(CSRFError, views.csrf_failed)
    app.cli.add_command(users_group)
