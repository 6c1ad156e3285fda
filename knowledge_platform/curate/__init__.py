"""The curator workspace (signed-in staff only).

``blueprint`` holds the one blueprint (``bp``) with its guards and labels, ``inputs`` the
cleaning of typed input. The pages and their logic live in a subpackage per task: ``queue``,
``upload``, ``review``, ``edit``, ``merge``, ``history``, ``publish`` and ``users``; modules
named ``pages`` (or ``*_pages``) hold the views, the others the logic they use.
"""
from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the curator pages."""
    # Importing the page modules registers their routes on the blueprint.
    from knowledge_platform.curate.blueprint import bp
    from knowledge_platform.curate.edit import pages as _edit  # noqa: F401
    from knowledge_platform.curate.history import pages as _history  # noqa: F401
    from knowledge_platform.curate.merge import organisation_detail as _organisation  # noqa: F401
    from knowledge_platform.curate.merge import organisation_pages as _organisations  # noqa: F401
    from knowledge_platform.curate.merge import pages as _merge  # noqa: F401
    from knowledge_platform.curate.publish import badge_pages as _badge  # noqa: F401
    from knowledge_platform.curate.publish import pages as _publish  # noqa: F401
    from knowledge_platform.curate.queue import bulk as _bulk  # noqa: F401
    from knowledge_platform.curate.queue import pages as _queue  # noqa: F401
    from knowledge_platform.curate.review import pages as _review  # noqa: F401
    from knowledge_platform.curate.upload import pages as _upload  # noqa: F401
    from knowledge_platform.curate.users import pages as _users  # noqa: F401

    app.register_blueprint(bp)
