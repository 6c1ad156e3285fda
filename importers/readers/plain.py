"""Plain-text reader: UTF-8 or legacy Czech code pages, with "Label: value" fields."""
from __future__ import annotations

from importers.document import Document, ReadError
from importers.readers.encoding import decode_text
from importers.readers.fields import is_navigation_bar, label_fields, normalise_text
from importers.readers.sniff import MEDIA_TYPES

NOT_TEXT = "binary data, not text or a known document format"


def decode_or_fail(source: str, data: bytes, declared: str | None = None) -> str:
    """Decoded text, or a ReadError saying the bytes are not text."""
    text = decode_text(data, declared)
    if text is None:
        raise ReadError(source, NOT_TEXT)
    return text


def read_text(source: str, data: bytes) -> Document:
    """One Document for a plain-text file."""
    text = normalise_text(decode_or_fail(source, data))
    if not text.strip():
        raise ReadError(source, "file has no text (only whitespace)")
    return Document(
        source=source,
        media_type=MEDIA_TYPES["text"],
        text=text,
        raw=data,
        fields=label_fields(text),
        site_name=site_name_above_menu(text),
    )


def site_name_above_menu(text: str) -> str | None:
    """The line right above a navigation bar near the top of a saved page, or the bar's first
    item when the bar starts with the site's name ("Město Ostrov | Úřad | Občan")."""
    lines = [line.strip() for line in text.split("\n")[:12]]
    for index, line in enumerate(lines):
        if not is_navigation_bar(line):
            continue
        above = lines[index - 1] if index else ""
        if above and not is_navigation_bar(above) and len(above) <= 100:
            return above
        return line.split(" | ")[0].strip() or None
    return None
