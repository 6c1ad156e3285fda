"""What a reader hands to extraction: one document's text and its labelled fields."""
from __future__ import annotations

from dataclasses import dataclass, field


class ReadError(Exception):
    """A document could not be read; the message names the file and the problem."""

    def __init__(self, source: str, problem: str):
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


@dataclass
class Document:
    """One readable unit: a whole file, or one row of a bulk file.

    ``text`` keeps paragraph breaks as blank lines. ``fields`` holds the
    "Label: value" pairs the reader recognised (text lines, ``<dl>`` pairs, table
    rows, or a bulk file's mapped columns), keyed by the label as written.
    ``mapped`` holds bulk-file values already mapped to record field names
    (e.g. ``{"title": ..., "implementer": ...}``) so extraction can trust them.
    ``url_hint`` is the address a web page gives for itself (its canonical link);
    ``site_name`` the name of the site that publishes it (og:site_name, the title's suffix).
    """

    source: str
    media_type: str
    text: str
    raw: bytes = b""
    fields: list[tuple[str, str]] = field(default_factory=list)
    mapped: dict[str, str] = field(default_factory=dict)
    title_hint: str | None = None
    url_hint: str | None = None
    site_name: str | None = None
