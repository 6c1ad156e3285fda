"""HTTP caching of anonymous reads: validators from the search generation, 304s and a
store of rendered answers, all decided before a view runs.

Every change to projects bumps the search generation in its own transaction, so an
answer made at one generation stays right until the next. A visitor without a session
cookie gets a strong ETag naming (code, generation, address); sending it back gets a 304
without rendering anything, and a new visitor gets the stored answer of the first one.
Requests with a session (curators, a form's CSRF token) are never stored or validated,
and answers that set a cookie or say ``no-store`` are never kept.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from flask import Flask, Response, current_app, g, request
from sqlalchemy import func, select, union_all

from knowledge_platform.api.http import under_api
from knowledge_platform.caching import per_generation
from knowledge_platform.db import db
from knowledge_platform.i18n import LANGUAGE_COOKIE
from knowledge_platform.models import Project, Status
from knowledge_platform.search import generations

STORES = ("folder", "memory", "none")
MAX_BODY = 512 * 1024  # larger answers (exports) are validated, not kept
# Shared caches (a reverse proxy) may keep a page half a minute; browsers ask each time.
CACHE_CONTROL = "public, max-age=0, s-maxage=30, must-revalidate"
# Set again for each visit by the hooks every answer passes (the language cookie too).
PER_VISIT = ("Set-Cookie", "X-Request-ID")


class MemoryStore:
    """Answers kept in this worker's memory, least recently used dropped past a size."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes, self.size = max_bytes, 0
        self._items: OrderedDict[str, bytes] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: str, value: bytes) -> None:
        with self._lock:
            old = self._items.pop(key, None)
            self.size += len(value) - (len(old) if old else 0)
            self._items[key] = value
            while self.size > self.max_bytes and self._items:
                self.size -= len(self._items.popitem(last=False)[1])


class FolderStore:
    """Answers kept as files in the instance folder, shared by every worker of the server;
    a generation's folder replaces the older ones. Each worker writes at most ``max_bytes``
    per generation, so a crawler's endless distinct searches cannot fill the disk."""

    def __init__(self, folder: Path, max_bytes: int) -> None:
        self.folder, self.max_bytes = folder, max_bytes
        self._generation, self._written = "", 0

    def get(self, key: str) -> bytes | None:
        try:
            return (self.folder / key[:12] / key).read_bytes()
        except OSError:
            return None

    def put(self, key: str, value: bytes) -> None:
        if key[:12] != self._generation:
            self._generation, self._written = key[:12], 0
        if self._written + len(value) > self.max_bytes:
            return
        self._written += len(value)
        target = self.folder / key[:12]
        if not target.is_dir():
            target.mkdir(parents=True, exist_ok=True)
            self._drop_all_but(target)
        temporary = target / f".{key}.{os.getpid()}.{threading.get_ident()}"
        temporary.write_bytes(value)
        temporary.replace(target / key)  # readers see the whole answer or none

    def _drop_all_but(self, current: Path) -> None:
        """Remove earlier generations' answers (another worker may be at it too)."""
        for old in self.folder.iterdir():
            if old == current:
                continue
            for path in old.glob("*"):
                path.unlink(missing_ok=True)
            # A worker may still be writing there; the next new generation retries.
            with contextlib.suppress(OSError):
                old.rmdir()


def uncached(view: Callable) -> Callable:
    """Mark a view whose answers are never validated or kept (a health check)."""
    view.uncached = True  # type: ignore[attr-defined]
    return view


def _anonymous() -> bool:
    cookies = request.cookies
    return (current_app.config["SESSION_COOKIE_NAME"] not in cookies
            and "remember_token" not in cookies)


def _key() -> str | None:
    """The answer's identity: code, generation and the request that asks for it."""
    endpoint = request.endpoint or "static"  # no endpoint: a 404, nothing to keep
    if request.method not in ("GET", "HEAD") or endpoint.rsplit(".", 1)[-1] == "static" \
            or getattr(current_app.view_functions[endpoint], "uncached", False) \
            or not _anonymous():
        return None  # static files carry validators of their own
    generation = generations.request_generation()
    accept = request.headers.get("Accept", "") if under_api(request.path) else ""
    identity = "\n".join((current_app.config["PAGE_CACHE_BUILD"], request.full_path, accept))
    digest = hashlib.sha256(identity.encode()).hexdigest()[:40]
    # The generation leads, so a folder store can drop every older answer at once.
    return hashlib.sha256(f"{generation}".encode()).hexdigest()[:12] + digest


def _answer_from_cache() -> Response | None:
    """A 304 for a validator the client has, else a stored answer, else None (render)."""
    key = _key()
    if key is None:
        return None
    g.page_cache_key = key
    if key in request.if_none_match:
        response = Response(status=304)
        response.set_etag(key)
        response.headers["Cache-Control"] = CACHE_CONTROL
        g.page_cache_hit = True
        return response
    store = current_app.extensions["page_cache"]
    stored = store.get(key) if store is not None else None
    if stored is None:
        return None
    head, _, body = stored.partition(b"\n")
    g.page_cache_hit = True
    response = Response(body, 200, json.loads(head))
    response.make_conditional(request)  # If-Modified-Since
    return response


def _keep(response: Response) -> Response:
    """Validators and caching headers on a fresh anonymous answer, which is kept."""
    key = g.get("page_cache_key")
    if key is None or g.get("page_cache_hit") or response.status_code != 200:
        if not _anonymous():
            response.headers.add("Vary", "Cookie")
        return response
    cookies = {value.split("=", 1)[0] for value in response.headers.getlist("Set-Cookie")}
    if cookies - {LANGUAGE_COOKIE} or "no-store" in response.headers.get("Cache-Control", ""):
        return response  # a session begins here, or the view said so
    if response.get_etag()[0] is None:  # a file's own validator is a better one
        response.set_etag(key)
    if response.last_modified is None:
        modified = newest_update()
        if modified is not None:
            response.last_modified = modified
    response.headers.setdefault("Cache-Control", CACHE_CONTROL)  # unless the view chose
    response.headers.add("Vary", "Cookie")
    store = current_app.extensions["page_cache"]
    if store is not None and not response.is_streamed and len(response.get_data()) <= MAX_BODY:
        # Its headers as one JSON line, then the body: plain data, nothing to execute.
        headers = [(name, value) for name, value in response.headers.items()
                   if name not in PER_VISIT]
        store.put(key, json.dumps(headers).encode() + b"\n" + response.get_data())
    response.make_conditional(request)
    return response


@per_generation
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


def init_app(app: Flask) -> None:
    """Validate every anonymous read, and keep answers in the store ``PAGE_CACHE`` names:
    "folder" (shared by the server's workers), "memory" (each worker its own) or "none"."""
    choice = app.config["PAGE_CACHE"]
    if choice not in STORES:
        raise ValueError(f"PAGE_CACHE must be one of {', '.join(STORES)}, not {choice!r}")
    app.config["PAGE_CACHE_BUILD"] = _build(Path(app.root_path).parent)
    app.extensions["page_cache"] = {
        "memory": lambda: MemoryStore(app.config["PAGE_CACHE_BYTES"]),
        "folder": lambda: FolderStore(Path(app.instance_path) / "page_cache",
                                      app.config["PAGE_CACHE_BYTES"]),
        "none": lambda: None,
    }[choice]()
    app.before_request(_answer_from_cache)
    app.after_request(_keep)


@cache
def _build(root: Path) -> str:
    """What the installed code, templates and catalogs look like: a deploy changes it."""
    stamps = sorted(
        f"{path}:{path.stat().st_mtime_ns}" for folder in ("knowledge_platform", "templates",
                                                            "translations")
        for path in (root / folder).rglob("*") if path.suffix in (".py", ".html", ".mo"))
    return hashlib.sha256("\n".join(stamps).encode()).hexdigest()[:16]
