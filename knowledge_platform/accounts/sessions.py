"""The session cookie: HttpOnly and SameSite=Lax always, Secure on HTTPS requests."""
from __future__ import annotations

from flask import Flask, has_request_context, request
from flask.sessions import SecureCookieSessionInterface


class HttpsAwareSessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, marked Secure whenever the request came over HTTPS.

    SESSION_COOKIE_SECURE=True forces the flag on every response (use it behind a proxy
    that terminates TLS and does not pass X-Forwarded-Proto).
    """

    def get_cookie_secure(self, app: Flask) -> bool:
        if app.config["SESSION_COOKIE_SECURE"]:
            return True
        return has_request_context() and request.is_secure
