"""The knowledge platform of integration projects: a Flask application factory."""
from __future__ import annotations

import os
from pathlib import Path

from flask import Flask
from sqlalchemy.orm import configure_mappers

from knowledge_platform.config import SOURCE_ROOT, default_instance_path, site_folder

ROOT = SOURCE_ROOT  # the source checkout's top level (tests read its files)


def create_app(test_config: dict | None = None) -> Flask:
    """Create and configure an app; ``test_config`` overrides every other setting."""
    app = Flask(
        __name__,
        instance_relative_config=True,
        instance_path=os.environ.get("KP_INSTANCE_PATH") or str(default_instance_path()),
        template_folder=str(site_folder("templates")),
    )
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)

    from knowledge_platform import (  # noqa: F401
        accounts,
        api,
        cli,
        config,
        curate,
        db,
        exports,
        formatting,
        i18n,
        models,
        ops,
        page_cache,
        places,
        routing,
        security,
        views,
    )
    from knowledge_platform.search import index  # noqa: F401  (registers the index hook)

    config.load_config(app, test_config)
    routing.init_app(app)  # before any blueprint adds its rules
    db.init_app(app)
    ops.init_app(app)  # first: its request log times and sees every request
    page_cache.init_app(app)  # next: its answers get every other hook's headers
    i18n.init_app(app)
    formatting.init_app(app)
    views.init_app(app)
    api.init_app(app)
    cli.init_app(app)
    exports.init_app(app)
    places.init_app(app)
    accounts.init_app(app)
    curate.init_app(app)
    security.init_app(app)
    # Backrefs (e.g. Project.search_document) exist only once mappers are configured;
    # a command whose first use of them is at class level (`kp index check`) needs them now.
    configure_mappers()
    return app
