"""The API's blueprint, in a module of its own so every endpoint module can import it."""
from __future__ import annotations

from flask import Blueprint

PREFIX = "/api/v1"

bp = Blueprint("api", __name__, url_prefix=PREFIX)
