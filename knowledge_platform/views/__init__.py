"""The site's blueprints and error pages."""
from __future__ import annotations

from flask import Flask

from knowledge_platform.catalogue import FACETS
from knowledge_platform.licences import code_licence, data_licence
from knowledge_platform.personal import contact_person
from knowledge_platform.views import (  # noqa: F401
    about,
    compare,
    data,
    errors,
    feeds,
    organisations,
    places,
    projects,
    public,
    search,
    statistics,
)


def init_app(app: Flask) -> None:
    """Register the public pages and the error handlers."""
    app.register_blueprint(public.bp)
    app.add_url_rule("/", endpoint="root", view_func=public.root)
    # Browsers and crawlers ask for /favicon.ico whatever the page says.
    app.add_url_rule("/favicon.ico", endpoint="favicon", view_func=public.favicon)
    errors.init_app(app)
    compare.init_app(app)
    # Templates loop over the catalogue's facets instead of naming each one.
    app.jinja_env.globals["facets"] = FACETS
    # The one gate of personal data on pages: the listed contact person, or None.
    app.jinja_env.globals["contact_person"] = contact_person
    app.jinja_env.globals.update(data_licence=data_licence, code_licence=code_licence)
