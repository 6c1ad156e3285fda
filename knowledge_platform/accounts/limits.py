"""Login rate limits: failed attempts counted per account and per client address."""
from __future__ import annotations

from collections.abc import Callable

from flask import current_app, g, request
from flask.wrappers import Response
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

from knowledge_platform.accounts import limit_storage  # noqa: F401  (registers database://)
from knowledge_platform.models.users import normalise_email

# Storage comes from RATELIMIT_STORAGE_URI: "database://" (the default) counts in the site's
# database, which every worker and server shares; "redis://…" works too.
limiter = Limiter(key_func=get_remote_address)


def _account_key() -> str:
    # Keyed by the address typed in, whether or not such an account exists, so the
    # lockout looks the same for both.
    return "account:" + normalise_email(request.form.get("email", ""))


def _address_key() -> str:
    return "address:" + (get_remote_address() or "unknown")


def _attempt_failed(_response: Response) -> bool:
    return bool(g.get("login_failed"))


def mark_failed_attempt() -> None:
    """Count this request against the login limits (called on a wrong password)."""
    g.login_failed = True


def login_limited(on_breach: Callable) -> Callable:
    """Limit failed logins per account and per address; ``on_breach`` renders the refusal."""

    def decorate(view: Callable) -> Callable:
        for setting, key in (("LOGIN_LIMIT_PER_ACCOUNT", _account_key),
                             ("LOGIN_LIMIT_PER_ADDRESS", _address_key)):
            view = limiter.limit(
                _setting(setting), key_func=key, methods=["POST"],
                deduct_when=_attempt_failed, on_breach=on_breach,
            )(view)
        return view

    return decorate


def _setting(name: str) -> Callable[[], str]:
    return lambda: current_app.config[name]
