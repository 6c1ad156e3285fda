"""Production serving: gunicorn run from Python, each worker building its own app."""
from __future__ import annotations

import logging
import os
import time

from gunicorn.app.base import BaseApplication
from sqlalchemy.exc import SQLAlchemyError

from knowledge_platform.db import db
from knowledge_platform.search import bitmap_cache

log = logging.getLogger(__name__)

# Each worker keeps its own facet bitmaps and database pool: memory, not CPU, limits them.
MAX_DEFAULT_WORKERS = 8


def default_workers() -> int:
    """2 × CPUs + 1, gunicorn's rule of thumb, at most MAX_DEFAULT_WORKERS."""
    return min(2 * (os.cpu_count() or 1) + 1, MAX_DEFAULT_WORKERS)


def warm(app) -> None:
    """Read the search bitmaps now, so that no visitor's first search waits for them
    (from the snapshot ``kp serve`` has just brought up to date: under 2 s at a million)."""
    started = time.perf_counter()
    with app.app_context():
        try:
            bitmap_cache.current(db.session.connection())
        except SQLAlchemyError as error:  # the first search reads them instead
            log.warning("search bitmaps not read", extra={"problem": str(error).splitlines()[0]})
            return
        finally:
            db.session.remove()
    log.info("search bitmaps read", extra={
        "duration_ms": round((time.perf_counter() - started) * 1000, 1)})


def gunicorn_options(config, host: str, port: int, workers: int | None) -> dict:
    """gunicorn settings from the command line and the app's config."""
    timeout = int(config["REQUEST_TIMEOUT"])
    return {
        "bind": f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
        "workers": workers or int(config.get("WORKERS") or default_workers()),
        "timeout": timeout,
        "graceful_timeout": min(timeout, 30),
        # The app logs every request as JSON on standard output (ops/logs.py): that is
        # the access log, so gunicorn writes none of its own.
        "accesslog": None,
        "errorlog": "-",
        "loglevel": (config.get("LOG_LEVEL") or "info").lower(),
        "proc_name": "kp",
        # gunicorn 27's control socket lives in $HOME, which a service account may lack.
        "control_socket_disable": True,
    }


class Server(BaseApplication):
    """gunicorn with the given settings; no command-line or config-file parsing of its own."""

    def __init__(self, options: dict):
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for name, value in self.options.items():
            if name in self.cfg.settings:  # older gunicorn releases lack newer settings
                self.cfg.set(name, value)

    def load(self):
        # A fresh app per worker, after the fork: no pool, cache or app context is shared
        # with the master (which still has the command's app context pushed).
        from knowledge_platform import create_app

        app = create_app()
        warm(app)
        return app
