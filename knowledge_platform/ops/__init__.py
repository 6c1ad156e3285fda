"""Operations: structured logs, ``/healthz``, trusted proxies, ``kp serve``, ``kp backup``
and ``kp restore``."""
from __future__ import annotations

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix


def init_app(app: Flask) -> None:
    """Wire logging first (its request hooks must wrap every other), then the rest."""
    from knowledge_platform.ops import health, logs
    from knowledge_platform.ops.cli import COMMANDS

    logs.init_app(app)
    health.init_app(app)
    proxies = int(app.config.get("TRUSTED_PROXIES") or 0)
    if proxies:
        # Client address and scheme from X-Forwarded-For/-Proto, as set by this many
        # proxies in front: login limits see the real client, HTTPS cookies get Secure.
        # Flask's documented way to add WSGI middleware, though mypy sees a method replaced.
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=proxies, x_proto=proxies)
    for command in COMMANDS:
        app.cli.add_command(command)
