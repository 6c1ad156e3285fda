"""HTTP plumbing of the API: JSON bodies, ETag/Last-Modified with 304s, CORS, JSON errors."""
from __future__ import annotations

import json
from decimal import Decimal
from typing import Any, NoReturn

from flask import Flask, Response, abort, g, request
from werkzeug.exceptions import HTTPException, default_exceptions
from werkzeug.routing import RequestRedirect

from knowledge_platform.api.blueprint import bp
from knowledge_platform.licences import link_header

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
    """A 200 JSON response (its validators and 304s are ``page_cache``'s, as for pages)."""
    return Response(json_bytes(data), 200, mimetype=JSON)


def error_response(status: int, errors: dict[str, str], headers=None) -> Response:
    """A JSON error body naming each bad parameter: {"errors": {name: message}}."""
    response = Response(json_bytes({"errors": errors}), status, mimetype=JSON)
    for name, value in headers or ():
        response.headers[name] = value
    return response


def fail(status: int, errors: dict[str, str]) -> NoReturn:
    """Stop the request with a JSON error (e.g. 404 for an unknown id)."""
    abort(error_response(status, errors))


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
    # The data's terms travel with every answer and download (a stored answer has them).
    if licence and licence not in response.headers.getlist("Link"):
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
