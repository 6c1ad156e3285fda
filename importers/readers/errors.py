"""Wording of problems: exceptions and file sizes as short, one-line text."""
from __future__ import annotations


def describe(exc: BaseException) -> str:
    """"ExcType: first line of the message", short enough for a one-line problem."""
    lines = str(exc).strip().splitlines()
    message = lines[0].strip() if lines else ""
    if len(message) > 160:
        message = message[:157] + "..."
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


def human_size(size: int) -> str:
    """A byte count as "25.3 MB", "20 MB", "4.1 kB" or "120 bytes"."""
    for unit, scale in (("MB", 1_000_000), ("kB", 1_000)):
        if size >= scale:
            number = f"{size / scale:.1f}".removesuffix(".0")
            return f"{number} {unit}"
    return f"{size} bytes" if size != 1 else "1 byte"
