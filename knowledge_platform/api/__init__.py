"""The read-only public JSON API at /api/v1/, documented by OpenAPI at /api/v1/openapi.json."""
from __future__ import annotations

from flask import Flask

from knowledge_platform.api import (  # noqa: F401  (each module registers its routes)
    docs,
    http,
    landing,
    openapi,
    organisations,
    places,
    projects,
    stats,
    vocabularies,
)
from knowledge_platform.api.blueprint import bp


def init_app(app: Flask) -> None:
    """Register the API blueprint and its JSON errors, CORS and conditional requests."""
    app.register_blueprint(bp)
    http.init_app(app)
