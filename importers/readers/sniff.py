"""Decide what kind of document a file is, from its extension and its first bytes."""
from __future__ import annotations

import io
import re
import zipfile

from importers.readers.errors import human_size

# Kinds a reader exists for; the values are the media types the readers report.
MEDIA_TYPES = {
    "text": "text/plain",
    "html": "text/html",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
    "jsonl": "application/x-ndjson",
}

EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
    ".docx": "docx",
    ".csv": "csv",
    ".tsv": "csv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}

_HTML_TAG = re.compile(
    r"<\s*(?:!doctype\s+html|html|head|body|title|meta|p|div|h[1-6]|article|main|table)\b",
    re.IGNORECASE,
)
# Office files are zip archives; a small file may expand to gigabytes (a zip bomb).
MAX_EXPANDED_BYTES = 300_000_000
# One member may expand this far; parsing a 100 MB XML part already takes minutes and GBs.
MAX_MEMBER_BYTES = 100_000_000
# Real Office XML deflates 5 to 50 times; a large member packed tighter is filler.
MAX_MEMBER_RATIO = 100
_RATIO_FROM = 1_000_000  # small members (an empty sheet, padding) may pack tighter
# A PDF header may be preceded by a little junk; readers tolerate up to 1 KB of it.
_PDF_WINDOW = 1024


def sniff_kind(data: bytes) -> str | None:
    """The kind that the bytes themselves reveal (pdf, docx, xlsx, html), or None."""
    if b"%PDF-" in data[:_PDF_WINDOW]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    head = data[:4096]
    if b"<" in head and _HTML_TAG.search(head.decode("latin-1")):
        return "html"
    return None


def _zip_kind(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return None


def expanded_size(data: bytes) -> int | None:
    """Total uncompressed size of a zip archive's members, or None if it is not a zip."""
    members = _members(data)
    return None if members is None else sum(info.file_size for info in members)


def bomb_member(data: bytes) -> str | None:
    """Why one member of a zip archive is unsafe to expand (too big, or packed too tightly
    to be real content), or None. Sizes are the archive's own claims: zipfile never expands
    a member past its claimed size, so a lying archive fails its checksum instead."""
    for info in _members(data) or ():
        size, packed = info.file_size, max(info.compress_size, 1)
        if size > MAX_MEMBER_BYTES:
            return (f"archive member {info.filename} expands to {human_size(size)}, "
                    f"over the {human_size(MAX_MEMBER_BYTES)} safety limit")
        if size > _RATIO_FROM and size / packed > MAX_MEMBER_RATIO:
            return (f"archive member {info.filename} expands {size // packed:,} times "
                    f"(to {human_size(size)}), as only a zip bomb does")
    return None


def _members(data: bytes) -> list[zipfile.ZipInfo] | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None


def detect_kind(extension: str, data: bytes) -> str | None:
    """The reader kind for a file, or None when neither extension nor content is known.

    Content wins over the extension for binary formats (a PDF saved as .txt is a
    PDF) and for HTML saved as .txt; bulk and JSON files keep their extension
    because their content cannot be told apart from plain text reliably.
    """
    by_extension = EXTENSIONS.get(extension.lower())
    by_content = sniff_kind(data)
    if by_content in ("pdf", "docx", "xlsx"):
        return by_content
    if by_content == "html" and by_extension in (None, "text"):
        return "html"
    return by_extension

