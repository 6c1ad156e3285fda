"""The curator workspace (signed-in staff only)."""
from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the curator pages."""
    from knowledge_platform.curate.views import bp

    app.register_blueprint(bp)
