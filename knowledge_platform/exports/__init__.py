"""Exports for researchers: CSV, JSON Lines and XLSX downloads, and ``kp export`` releases."""
from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the download endpoints and the ``export`` and ``release`` commands."""
    from knowledge_platform.exports.cli import export_command, release_group
    from knowledge_platform.exports.views import bp

    app.register_blueprint(bp)
    app.cli.add_command(export_command)
    app.cli.add_command(release_group)
