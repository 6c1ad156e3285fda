"""Language handling: the language is the URL's first segment (/cs/..., /en/...)."""
from __future__ import annotations

from flask import Flask, abort, g, has_request_context, request
from flask_babel import Babel

from knowledge_platform.config import DEFAULT_LANGUAGE, LANGUAGES

babel = Babel()
LANGUAGE_COOKIE = "lang"


def url_language() -> str | None:
    """The language named by the request path's first segment, if any."""
    first = request.path.lstrip("/").split("/", 1)[0]
    return first if first in LANGUAGES else None


def preferred_language() -> str:
    """The visitor's language: remembered choice, else the browser's preference."""
    remembered = request.cookies.get(LANGUAGE_COOKIE)
    if remembered in LANGUAGES:
        return remembered
    return request.accept_languages.best_match(LANGUAGES) or DEFAULT_LANGUAGE


def pull_language(_endpoint, values):
    """A URL value preprocessor: take the language out of the URL's values into ``g.lang``
    (404 for a language the site does not have)."""
    language = values.pop("lang")
    if language not in LANGUAGES:
        abort(404)
    g.lang = language


def add_language(_endpoint, values):
    """A URL defaults function: links to language-prefixed pages stay in the current language."""
    values.setdefault("lang", g.get("lang") or preferred_language())


def select_locale() -> str:
    """The language of the page asked for; outside a request (a command such as `kp search`)
    English, as the messages are then for whoever runs it."""
    if not has_request_context():
        return g.get("lang") or "en"
    return g.get("lang") or url_language() or preferred_language()


def init_app(app: Flask) -> None:
    """Wire flask-babel and expose the language list to templates."""
    babel.init_app(app, locale_selector=select_locale)

    @app.context_processor
    def language_context():
        return {
            "LANGUAGES": LANGUAGES,
            "current_language": select_locale(),
            "switch_language_url": switch_language_url,
        }

    @app.after_request
    def remember_language(response):
        chosen = url_language()
        if chosen and request.cookies.get(LANGUAGE_COOKIE) != chosen:
            response.set_cookie(
                LANGUAGE_COOKIE, chosen, max_age=365 * 24 * 3600, samesite="Lax", httponly=True
            )
        return response


def switch_language_url(language: str) -> str:
    """The current page in ``language`` (the home page when the page has no language)."""
    from flask import url_for

    if request.blueprint and request.url_rule is not None and request.endpoint:
        args = {**(request.view_args or {}), **request.args.to_dict(flat=False), "lang": language}
        return url_for(request.endpoint, **args)
    return url_for("public.home", lang=language)
