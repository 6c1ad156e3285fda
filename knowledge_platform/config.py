"""Configuration: defaults, then the instance config file, then environment variables."""
from __future__ import annotations

import os
import secrets
import sys
from datetime import timedelta
from pathlib import Path

from flask import Flask

LANGUAGES = ["cs", "en"]
DEFAULT_LANGUAGE = "cs"

PACKAGE_FOLDER = Path(__file__).resolve().parent
SOURCE_ROOT = PACKAGE_FOLDER.parent
# The folders the site reads besides its code, by their name at the top of the source tree
# and inside a built package, where setup.py's build hook copies them ("demo" is taken there
# by the demo module). Keep setup.py's SITE_FOLDERS in step.
PACKAGED_NAMES = {"templates": "templates", "translations": "translations", "demo": "demo_data"}
# A wheel carries its own templates; a source checkout (editable install, tests) does not.
BUILT_PACKAGE = (PACKAGE_FOLDER / PACKAGED_NAMES["templates"]).is_dir()


def site_folder(name: str) -> Path:
    """The ``templates``, ``translations`` or ``demo`` folder: the built package's own copy
    when installed from a wheel, else the source checkout's top-level folder."""
    if BUILT_PACKAGE:
        return PACKAGE_FOLDER / PACKAGED_NAMES[name]
    return SOURCE_ROOT / name


def default_instance_path() -> Path:
    """The instance folder when KP_INSTANCE_PATH names none: ``instance/`` in a checkout;
    for an installed package Flask's own convention, since site-packages is no place for a
    database (``<venv>/var/knowledge_platform-instance``)."""
    if BUILT_PACKAGE:
        return Path(sys.prefix) / "var" / "knowledge_platform-instance"
    return SOURCE_ROOT / "instance"


class DefaultConfig:
    """Settings that hold unless the instance file or the environment says otherwise."""

    SQLALCHEMY_DATABASE_URI: str | None = None  # filled in from the instance folder
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    BABEL_DEFAULT_LOCALE = DEFAULT_LANGUAGE
    BABEL_TRANSLATION_DIRECTORIES = str(site_folder("translations"))
    IMPORT_MAX_BYTES = 20_000_000
    # Browser uploads in the curator area: the whole request (a larger one gets a 413 page),
    # the files one upload may hold (ZIP members included), and what a ZIP's members may
    # expand to in all. Every file is also held to IMPORT_MAX_BYTES.
    MAX_CONTENT_LENGTH = 100_000_000
    UPLOAD_MAX_FILES = 500
    UPLOAD_MAX_EXPANDED_BYTES = 500_000_000
    DEMO_FOLDER = str(site_folder("demo"))
    PROJECTS_PER_PAGE = 50
    # The site's public address (e.g. "https://projekty.example.cz/"), for links in data
    # releases made from the command line; web requests use the address they came to.
    PUBLIC_BASE_URL: str | None = None
    # The data's licence, an SPDX identifier (licences.KNOWN names the usual ones).
    DATA_LICENCE = "CC-BY-4.0"
    # Staff sessions: the cookie is always HttpOnly and SameSite=Lax, and Secure on HTTPS
    # requests; SESSION_COOKIE_SECURE=True makes it Secure on every response (set it when
    # a proxy terminates TLS). A session ends after this long without a request.
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    PERMANENT_SESSION_LIFETIME = timedelta(minutes=30)
    SESSION_REFRESH_EACH_REQUEST = True
    # Failed logins allowed per typed-in account and per client address ("limits" syntax),
    # counted in RATELIMIT_STORAGE_URI: "database://" shares the count between workers and
    # servers through the site's database; "redis://..." too; "memory://" counts per process.
    LOGIN_LIMIT_PER_ACCOUNT = "5 per 15 minutes"
    LOGIN_LIMIT_PER_ADDRESS = "20 per 15 minutes"
    RATELIMIT_STORAGE_URI = "database://"
    PASSWORD_MIN_LENGTH = 12
    # Operations. LOG_LEVEL: DEBUG, INFO, WARNING or ERROR (None: INFO, WARNING in tests).
    LOG_LEVEL: str | None = None
    # `kp serve`: worker processes (None: 2 x CPUs + 1, at most 8) and the seconds a worker
    # may spend on one request before gunicorn replaces it (long enough for a full export).
    WORKERS: int | None = None
    REQUEST_TIMEOUT = 120
    # Proxies in front of the site that set X-Forwarded-For and X-Forwarded-Proto (0: none;
    # 1: e.g. nginx on the same host). Only then are those headers believed.
    TRUSTED_PROXIES = 0
    # Seconds to wait for a PostgreSQL connection, so /healthz and start-up fail promptly.
    DATABASE_CONNECT_TIMEOUT = 5
    # Answers kept for anonymous visitors until the data changes (page_cache.py): "folder"
    # (files in the instance folder, shared by the server's workers; measured 2-3 times
    # the throughput of "memory" on 5 workers), "memory" (each worker its own) or "none"
    # (validators and 304s only). PAGE_CACHE_BYTES bounds what each worker keeps or writes
    # per generation.
    PAGE_CACHE = "folder"
    PAGE_CACHE_BYTES = 64 * 1024 * 1024
    # The good-practice badge needs an evaluation averaging at least this (of 3), or a
    # written override that the public page shows.
    GOOD_PRACTICE_THRESHOLD = 2.0


def load_config(app: Flask, test_config: dict | None) -> None:
    """Apply defaults, instance ``config.py``, ``KP_*``/``DATABASE_URL`` env, then test_config."""
    app.config.from_object(DefaultConfig)
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_prefixed_env("KP")
    if os.environ.get("DATABASE_URL"):
        app.config["SQLALCHEMY_DATABASE_URI"] = os.environ["DATABASE_URL"]
    if test_config:
        app.config.update(test_config)
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        db_file = Path(app.instance_path) / "knowledge_platform.db"
        app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{db_file}"
    app.config["SQLALCHEMY_DATABASE_URI"] = _with_psycopg3(app.config["SQLALCHEMY_DATABASE_URI"])
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        _set_connect_timeout(app)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret_key(Path(app.instance_path))


def _with_psycopg3(url: str) -> str:
    # Operators paste plain postgresql:// URLs; SQLAlchemy would pick psycopg2 for them.
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _set_connect_timeout(app: Flask) -> None:
    options = dict(app.config["SQLALCHEMY_ENGINE_OPTIONS"])
    connect_args = dict(options.get("connect_args") or {})
    connect_args.setdefault("connect_timeout", int(app.config["DATABASE_CONNECT_TIMEOUT"]))
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {**options, "connect_args": connect_args}


def _instance_secret_key(instance: Path) -> str:
    """Read the instance's secret key, generating it on first run (never committed)."""
    key_file = instance / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    # Several worker processes may start at once on a new instance: write the key whole
    # under a private name, then link it into place; whoever links second reads the winner's.
    draft = instance / f"secret_key.{os.getpid()}"
    fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(secrets.token_hex(32))
    try:
        os.link(draft, key_file)
    except FileExistsError:
        pass
    finally:
        draft.unlink()
    return key_file.read_text().strip()
