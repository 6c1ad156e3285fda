"""Error pages in the visitor's language."""
from __future__ import annotations

from flask import Flask, render_template
from werkzeug.exceptions import HTTPException, InternalServerError, NotFound


def init_app(app: Flask) -> None:
    """Render 404 and 500 with the site's layout instead of Werkzeug's plain pages."""

    @app.errorhandler(NotFound)
    def not_found(error: HTTPException):
        return render_template("errors/404.html"), 404

    @app.errorhandler(InternalServerError)
    def server_error(error: HTTPException):
        return render_template("errors/500.html"), 500
