"""``/healthz`` for load balancers and monitoring: is the database there, is its schema right.

One query per call (the schema revision, which also proves the connection), no session,
no cookies, no language prefix.
"""
from __future__ import annotations

import time

from flask import Blueprint, current_app, jsonify
from flask.wrappers import Response
from sqlalchemy.exc import SQLAlchemyError

from knowledge_platform.db import db, describe_error
from knowledge_platform.ops.checks import AHEAD, CURRENT, current_revisions, schema_state
from knowledge_platform.page_cache import uncached

bp = Blueprint("health", __name__)
# "ahead" is healthy: during a rolling upgrade the old servers run on the migrated schema.
HEALTHY_SCHEMAS = (CURRENT, AHEAD)


@bp.get("/healthz")
@uncached
def healthz() -> Response:
    """200 with {"status": "ok", ...} when the site can serve; 503 with "error" otherwise."""
    started = time.perf_counter()
    try:
        with db.engine.connect() as connection:
            schema = schema_state(current_revisions(connection))
    except SQLAlchemyError as error:
        # The reason goes to the log only: this page is public.
        current_app.logger.error("health check failed", extra={"reason": describe_error(error)})
        database, schema = "error", "unknown"
    else:
        database = "ok"
    healthy = database == "ok" and schema in HEALTHY_SCHEMAS
    response = jsonify(
        status="ok" if healthy else "error",
        database=database,
        schema=schema,
        duration_ms=round((time.perf_counter() - started) * 1000, 1),
    )
    response.status_code = 200 if healthy else 503
    response.headers["Cache-Control"] = "no-store"
    return response


def init_app(app) -> None:
    """Register ``/healthz``, exempt from the login rate limits' storage lookups."""
    from knowledge_platform.accounts.limits import limiter

    app.register_blueprint(bp)
    limiter.exempt(bp)
