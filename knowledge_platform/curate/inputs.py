"""Text typed into curator forms and query strings, made fit to store and to search."""
from __future__ import annotations

import re
from typing import Any

from knowledge_platform.routing import MAX_ID

# C0 control characters but tab and line breaks, and DEL: nobody types them, nothing shows
# them, and PostgreSQL refuses a NUL byte in any text value (a 500 rather than a message).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def printable(value: Any) -> Any:
    """``value`` without control characters when it is text, else ``value`` itself."""
    return _CONTROL.sub("", value) if isinstance(value, str) else value


def typed(values, name: str, limit: int | None = None) -> str:
    """The text parameter ``name`` of ``values`` (request.args or request.form), stripped,
    without control characters, at most ``limit`` characters."""
    text = printable(values.get(name, "")).strip()
    return text[:limit] if limit is not None else text


def identifier(values, name: str) -> int | None:
    """The id parameter ``name`` of ``values``; None when it is missing, not a number, or
    one no table can hold (either database would fail on it rather than find nothing)."""
    number = values.get(name, type=int)
    return number if number is not None and 0 < number <= MAX_ID else None
