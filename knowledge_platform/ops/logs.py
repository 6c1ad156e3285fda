"""Structured logs: one JSON object per line, for every request and every import event.

Request lines (logger ``knowledge_platform.request``) go to standard output, the site's
access log; everything else under ``knowledge_platform`` (import events, errors) goes to
standard error, as gunicorn does with its own access and error logs.
"""
from __future__ import annotations

import json
import logging
import re
import sys
import time
import uuid
from datetime import UTC, datetime

from flask import Flask, g, has_request_context, request
from flask.logging import default_handler
from flask.wrappers import Response

APP_LOGGER = "knowledge_platform"  # also Flask's app.logger, so unhandled errors land here
REQUEST_LOGGER = "knowledge_platform.request"
LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
# A request id passed on by a proxy is kept when it looks like one; else a new one is made.
_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,100}")
# Attributes every LogRecord has; any other attribute came from ``extra=`` and is a field.
_RECORD_ATTRIBUTES = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}
# Load balancers ask every few seconds; their requests are logged at DEBUG only.
QUIET_PATHS = frozenset({"/healthz"})

request_log = logging.getLogger(REQUEST_LOGGER)


class JsonFormatter(logging.Formatter):
    """A record as one JSON line: time, level, logger, message, then its ``extra`` fields."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update((k, v) for k, v in vars(record).items() if k not in _RECORD_ATTRIBUTES)
        if "request_id" not in entry and has_request_context() and "request_id" in g:
            entry["request_id"] = g.request_id
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class StandardStreamHandler(logging.StreamHandler):
    """Writes to ``sys.stdout`` or ``sys.stderr`` as they are when a record comes, so output
    redirected after start-up (test capture, daemons) is followed."""

    def __init__(self, stream_name: str):
        self.stream_name = stream_name
        super().__init__()

    @property
    def stream(self):
        return getattr(sys, self.stream_name)

    @stream.setter
    def stream(self, _value) -> None:
        pass  # StreamHandler.__init__ assigns one; the property always looks it up


def configure(level: str) -> None:
    """Send the platform's loggers to JSON handlers at ``level`` (once per process)."""
    if level.upper() not in LEVELS:
        raise ValueError(f"LOG_LEVEL must be one of {', '.join(LEVELS)}, not {level!r}")
    for name, stream in ((APP_LOGGER, "stderr"), (REQUEST_LOGGER, "stdout")):
        logger = logging.getLogger(name)
        if not any(isinstance(h, StandardStreamHandler) for h in logger.handlers):
            handler = StandardStreamHandler(stream)
            handler.setFormatter(JsonFormatter())
            logger.addHandler(handler)
        # Alembic's logging config puts a plain handler on the root logger; not twice.
        logger.propagate = False
    app_logger = logging.getLogger(APP_LOGGER)
    app_logger.removeHandler(default_handler)
    app_logger.setLevel(level.upper())


def _start_request() -> None:
    g.request_started = time.perf_counter()
    given = request.headers.get("X-Request-ID", "")
    g.request_id = given if _REQUEST_ID.fullmatch(given) else uuid.uuid4().hex


def _log_request(response: Response) -> Response:
    started = g.get("request_started")
    duration = round((time.perf_counter() - started) * 1000, 1) if started else None
    level = logging.DEBUG if request.path in QUIET_PATHS else logging.INFO
    request_log.log(level, "request", extra={
        "method": request.method,
        "path": request.path,
        "status": response.status_code,
        "duration_ms": duration,
        "remote_addr": request.remote_addr,
        "request_id": g.get("request_id"),
    })
    if "request_id" in g:
        response.headers.setdefault("X-Request-ID", g.request_id)
    return response


def init_app(app: Flask) -> None:
    """Configure the level from LOG_LEVEL (WARNING when testing, else INFO) and log requests.

    Register this before other request hooks: it must time every request and, running
    last after the request, see the final status.
    """
    configure(app.config.get("LOG_LEVEL") or ("WARNING" if app.testing else "INFO"))
    app.before_request(_start_request)
    app.after_request(_log_request)
