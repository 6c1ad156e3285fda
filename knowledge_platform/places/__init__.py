"""Places: the gazetteer's towns and city districts in the database, their pages, and the
ranking of projects by how close their places are to a town ("places like mine")."""
from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the ``places`` command."""
    from knowledge_platform.places.cli import places_group

    app.cli.add_command(places_group)
