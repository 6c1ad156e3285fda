"""HTTP plumbing of the API: JSON bodies, ETag/Last-Modified with 304s, CORS, JSON errors."""
from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, NoReturn

from flask import Flask, Response, abort, g, request
from sqlalchemy import func, select, union_all
from werkzeug.exceptions import HTTPException, default_exceptions
from werkzeug.routing import RequestRedirect

from knowledge_platform.api.blueprint import bp
from knowledge_platform.db import db
from knowledge_platform.licences import link_header
from knowledge_platform.models import Project, Status

API_ROOT = "/api"
JSON = "application/json"
# Which part of the request an error without a named parameter is about.
# Names the query parameters an answer did not use (unknown ones, and misspelt filters).
IGNORED_HEADER = "Ignored-Parameters"
ERROR_SUBJECT = {404: "path", 405: "method", 406: "accept", 500: "server"}


def under_api(path: str) -> bool:
    """Whether ``path`` belongs to the API (so errors answer JSON and CORS applies)."""
    return path == API_ROOT or path.startswith(API_ROOT + "/")


def json_bytes(data: Any) -> bytes:
    """``data`` as compact UTF-8 JSON (Czech letters as they are, not as \\u escapes)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=_number).encode()


def _number(value: Any) -> int | float:
    # apispec writes the bounds of Decimal fields as Decimals.
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def json_response(data: Any) -> Response:
    """A 200 JSON response with ETag and Last-Modified, or a 304 when the client has it."""
    body = json_bytes(data)
    response = Response(body, 200, mimetype=JSON)
    response.set_etag(hashlib.sha256(body).hexdigest()[:40])
    modified = newest_update()
    if modified is not None:
        response.last_modified = modified
    # Caches may keep a copy but must revalidate it, which the ETag makes cheap.
    response.cache_control.public = True
    response.cache_control.no_cache = True
    response.make_conditional(request)  # returns ``response``, typed as werkzeug's class
    return response


def error_response(status: int, errors: dict[str, str], headers=None) -> Response:
    """A JSON error body naming each bad parameter: {"errors": {name: message}}."""
    response = Response(json_bytes({"errors": errors}), status, mimetype=JSON)
    for name, value in headers or ():
        response.headers[name] = value
    return response


def fail(status: int, errors: dict[str, str]) -> NoReturn:
    """Stop the request with a JSON error (e.g. 404 for an unknown id)."""
    abort(error_response(status, errors))


def newest_update() -> datetime | None:
    """When any project last changed (any status, so unpublishing counts too), in UTC.

    One indexed maximum per status instead of a scan of the whole table.
    """
    maxima = union_all(*(
        select(func.max(Project.updated_at).label("at")).where(Project.status == status)
        for status in Status
    )).subquery()
    newest = db.session.scalar(select(func.max(maxima.c.at)))
    if newest is None:
        return None
    if isinstance(newest, str):  # SQLite hands back text from an aggregate over a union
        newest = datetime.fromisoformat(newest)
    return newest.replace(tzinfo=UTC) if newest.tzinfo is None else newest.astimezone(UTC)


def http_error(error: HTTPException) -> Response:
    """Any HTTP error under /api/ as JSON, never Werkzeug's or the site's HTML page."""
    status = error.code or 500
    message = "internal error" if status >= 500 else (error.description or error.name)
    headers = [(name, value) for name, value in error.get_headers()
               if name.lower() != "content-type"]
    return error_response(status, {ERROR_SUBJECT.get(status, "request"): message}, headers)


# Errors raised inside the API's views (500 included) are the blueprint's to answer.
for _code in default_exceptions:
    bp.register_error_handler(_code, http_error)


def _routing_error(_=None) -> Response | None:
    # A URL under /api/ that matches no route (404) or no method (405) never reaches the
    # blueprint, so it would get the site's HTML error page; answer it here instead.
    error = request.routing_exception
    if error is None or isinstance(error, RequestRedirect) or not under_api(request.path):
        return None
    return http_error(error)


def _api_headers(response: Response) -> Response:
    if not under_api(request.path):
        return response
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Expose-Headers"] = (
        f"ETag, Last-Modified, Link, {IGNORED_HEADER}")
    ignored = g.get("ignored_parameters")
    if ignored:  # a misspelt filter changes nothing: say so rather than refuse the request
        response.headers[IGNORED_HEADER] = ", ".join(dict.fromkeys(ignored))
    licence = link_header()
    if licence:  # the data's terms travel with every answer and download
        response.headers.add("Link", licence)
    if request.method == "OPTIONS":
        response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        response.headers["Access-Control-Allow-Headers"] = request.headers.get(
            "Access-Control-Request-Headers", "If-None-Match, If-Modified-Since")
        response.headers["Access-Control-Max-Age"] = "86400"
    return response


def init_app(app: Flask) -> None:
    """JSON for routing errors under /api/, and CORS, licence and ignored-parameter headers
    on every API response (exports included)."""
    app.before_request(_routing_error)
    app.after_request(_api_headers)
