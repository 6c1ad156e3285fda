"""Login rate limits: failed attempts counted per account and per client address.

An attempt is counted before its password is checked and given back unless it failed:
counting after the check let concurrent attempts all pass the check first, so eight
workers could together try more passwords than the limit allows.
"""
from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from flask import current_app, g, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from limits import RateLimitItem, parse

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


# (setting, key) of each limit a login attempt counts against.
LOGIN_LIMITS = (("LOGIN_LIMIT_PER_ACCOUNT", _account_key),
                ("LOGIN_LIMIT_PER_ADDRESS", _address_key))


def mark_failed_attempt() -> None:
    """Keep this request counted against the login limits (called on a wrong password)."""
    g.login_failed = True


def login_limited(on_breach: Callable[[float], object]) -> Callable:
    """Limit failed logins per account and per address; ``on_breach(reset_at)`` renders the
    refusal (``reset_at``: when the window that refused ends, in epoch seconds)."""

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def limited(*args, **kwargs):
            if request.method != "POST":
                return view(*args, **kwargs)
            counted = []
            for setting, key in LOGIN_LIMITS:
                item, identifier = parse(current_app.config[setting]), key()
                counted.append((item, identifier))
                if not limiter.limiter.hit(item, identifier):
                    _give_back(counted)  # a refused attempt tries no password
                    return on_breach(limiter.limiter.get_window_stats(item, identifier).reset_time)
            try:
                response = view(*args, **kwargs)
            except BaseException:
                _give_back(counted)
                raise
            if not g.get("login_failed"):
                _give_back(counted)  # a success, or a form that tried no password
            return response

        return limited

    return decorate


def _give_back(counted: list[tuple[RateLimitItem, str]]) -> None:
    for item, identifier in counted:
        limiter.limiter.hit(item, identifier, cost=-1)
