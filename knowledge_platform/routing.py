"""Addresses: every integer in a route is bounded to what the database can hold."""
from __future__ import annotations

from flask import Flask
from werkzeug.routing import IntegerConverter

MAX_ID = 2**31 - 1  # the largest id either database can hold (a signed 32-bit integer)


class BoundedIntegerConverter(IntegerConverter):
    """Flask's ``int`` converter with an upper bound: a number no table can hold names no
    page (404) instead of reaching the database, which would fail on it."""

    def __init__(self, map, fixed_digits: int = 0, min: int | None = None,  # noqa: A002
                 max: int | None = MAX_ID, signed: bool = False) -> None:  # noqa: A002
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def init_app(app: Flask) -> None:
    """Bound every ``<int:…>`` route (before any blueprint adds its rules)."""
    app.url_map.converters["int"] = BoundedIntegerConverter
