"""The curator workspace (signed-in staff only)."""
from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the curator pages."""
    # Importing the view modules registers their routes on the blueprint.
    from knowledge_platform.curate import (  # noqa: F401
        badge,
        edit,
        evaluate,
        history_views,
        merge_views,
        organisations,
        publishing,
        queue,
        review_page,
        upload,
    )
    from knowledge_platform.curate.views import bp

    app.register_blueprint(bp)
