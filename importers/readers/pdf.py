"""PDF reader (pypdf): page text with line and paragraph breaks kept."""
from __future__ import annotations

import io
import logging
import re

from pypdf import PageObject, PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError

from importers.document import Document, ReadError
from importers.readers.errors import describe
from importers.readers.fields import label_fields, normalise_text
from importers.readers.sniff import MEDIA_TYPES

# pypdf logs every oddity of damaged files (even at ERROR level) and then recovers
# or raises; what matters to callers is the text or the ReadError.
logging.getLogger("pypdf").setLevel(logging.CRITICAL)

_SPACE_RUN = re.compile(r"[ \t\u00a0]{2,}")
# A file cut short loses its trailer; pypdf's lenient mode would guess at the rest.
_EOF_WINDOW = 8192


def read_pdf(source: str, data: bytes) -> Document:
    """One Document for a PDF; ReadError if it is corrupt, encrypted or has no text."""
    if b"%%EOF" not in data[-_EOF_WINDOW:]:
        raise ReadError(source, "not a readable PDF (truncated: no %%EOF end marker)")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        _unlock(source, reader)
        pages = [_page_text(page) for page in reader.pages]
        title = _metadata_title(reader)
    except ReadError:
        raise
    except (FileNotDecryptedError, DependencyError) as exc:
        raise ReadError(source, f"PDF is encrypted and cannot be opened ({exc})") from exc
    except Exception as exc:  # pypdf raises dozens of types for damaged files
        raise ReadError(source, f"not a readable PDF ({describe(exc)})") from exc
    text = normalise_text("\n\n".join(page for page in pages if page.strip()))
    if not text.strip():
        raise ReadError(source, "PDF has no extractable text (scanned images only?)")
    return Document(
        source=source,
        media_type=MEDIA_TYPES["pdf"],
        text=text,
        raw=data,
        fields=label_fields(text),
        title_hint=title,
    )


def _unlock(source: str, reader: PdfReader) -> None:
    if not reader.is_encrypted:
        return
    # Many PDFs carry only an owner password and open with an empty user password.
    if not reader.decrypt(""):
        raise ReadError(source, "PDF is encrypted and needs a password")


def _page_text(page: PageObject) -> str:
    """Layout-mode text keeps the vertical gaps between paragraphs as blank lines."""
    try:
        text = page.extract_text(extraction_mode="layout")
    except Exception:  # layout mode is the fussier one; plain mode may still cope
        text = page.extract_text()
    # Layout mode pads words to their x positions; one space is what readers need.
    return "\n".join(_SPACE_RUN.sub(" ", line).strip() for line in text.split("\n"))


def _metadata_title(reader: PdfReader) -> str | None:
    try:
        title = reader.metadata.title if reader.metadata else None
    except Exception:  # a damaged info dictionary only costs the title
        return None
    title = str(title).strip() if title else ""
    return title or None
