"""One extracted value with the text it came from and how sure we are."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Finding:
    """``value`` is the field's value (a code list, a string, a date ...);
    ``evidence`` the sentence or field line it came from; ``confidence`` 0..1."""

    value: Any
    evidence: str | None = None
    confidence: float = 0.0


NOTHING = Finding(None, None, 0.0)
