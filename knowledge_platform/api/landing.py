"""The API's landing document at /api/v1/: what it offers, where it is documented, and on
what terms the data may be used."""
from __future__ import annotations

from flask import request, url_for

from knowledge_platform.api.arguments import NoQuery, validated
from knowledge_platform.api.blueprint import PREFIX, bp
from knowledge_platform.api.http import json_response
from knowledge_platform.api.openapi import OPERATIONS, TITLE
from knowledge_platform.exports.releases import latest
from knowledge_platform.exports.writers import MEDIA_TYPES
from knowledge_platform.licences import code_licence, data_licence


@bp.get("/")
def landing():
    """Links to every endpoint, the exports, the OpenAPI document and the docs; the licences."""
    validated(NoQuery(), request.args)
    root = request.host_url.rstrip("/") + PREFIX
    return json_response({
        "title": TITLE,
        "version": "v1",
        "licence": {"data": data_licence(), "code": code_licence()},
        "documentation": {"openapi": url_for("api.openapi", _external=True),
                          "docs": url_for("api.docs", _external=True)},
        "endpoints": [{"path": root + path, "summary": summary}
                      for path, _operation, _tag, summary, *_rest in OPERATIONS],
        "exports": {format_: url_for(f"exports.projects_{format_}", _external=True)
                    for format_ in MEDIA_TYPES},
        "releases": _releases(),
    })


def _releases() -> dict:
    """The data page and the newest release (None before the first), to cite and download."""
    newest = latest()
    return {
        "page": url_for("public.data_page", lang="en", _external=True),
        "latest": newest and {
            "version": newest["version"], "date": newest["date"], "records": newest["records"],
            "citation": newest["citation"],
            "release": url_for("public.release_download", lang="en", version=newest["version"],
                               name="release.json", _external=True),
            "files": {name: url_for("public.latest_file", lang="en", name=name, _external=True)
                      for name in newest["files"]},
        },
    }
