"""Download endpoints: every search as CSV, JSON Lines or XLSX, streamed."""
from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify, request, stream_with_context
from flask_babel import force_locale

from knowledge_platform.exports.query import SEPARATOR_DIALECTS, ExportQuery
from knowledge_platform.exports.rows import export_records
from knowledge_platform.exports.writers import MEDIA_TYPES, chunks, default_filename
from knowledge_platform.licences import data_licence
from knowledge_platform.search.params import ParameterError
from knowledge_platform.search.schema import load_query, search_params

bp = Blueprint("exports", __name__, url_prefix="/api/v1")


@bp.get("/projects.csv")
def projects_csv():
    """Projects matching the search parameters as CSV (``dialect=semicolon`` for Czech Excel)."""
    return _export("csv")


@bp.get("/projects.jsonl")
def projects_jsonl():
    """Projects matching the search parameters as JSON Lines."""
    return _export("jsonl")


@bp.get("/projects.xlsx")
def projects_xlsx():
    """Projects matching the search parameters as an XLSX workbook."""
    return _export("xlsx")


def _export(format_: str) -> Response:
    """The streamed download, or a 400 JSON body naming each bad parameter."""
    try:
        with force_locale("en"):  # the API's language, whatever the reader's
            data = load_query(ExportQuery(), request.args)
    except ParameterError as error:
        response = jsonify(errors=error.problems)
        response.status_code = 400
        return _public(response)
    dialect: str = data.get("dialect") or SEPARATOR_DIALECTS[data.get("sep") or ","]
    base_url = current_app.config["PUBLIC_BASE_URL"] or request.host_url
    params = search_params(data)
    records = export_records(params, base_url=base_url, language=data["labels"])
    # The search as read, not echoed: an ignored parameter may hold anything.
    query = params.query_string().lstrip("?")
    about = [("search", query or "(every project)"),
             ("address", f"{request.base_url}?{query}" if query else request.base_url),
             ("labels", data["labels"]), ("licence", data_licence()["name"] or "")]
    response = Response(stream_with_context(chunks(records, format_, dialect, about)),
                        content_type=MEDIA_TYPES[format_])
    name = default_filename(format_, dialect)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    # A stream has no length up front; proxies must not wait to buffer the whole file.
    response.headers["X-Accel-Buffering"] = "no"
    return _public(response)


def _public(response: Response) -> Response:
    # Read-only public data: any site may fetch it, as from the rest of the API.
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response
