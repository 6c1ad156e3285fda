"""Turn bytes into text: UTF-8 (with or without BOM) or a legacy Czech code page."""
from __future__ import annotations

import codecs
import re

import charset_normalizer

CZECH_LETTERS = frozenset("áčďéěíňóřšťúůýžÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ")

# Lead characters of UTF-8 sequences seen through a single-byte code page:
# their presence means the text was decoded with the wrong codec.
_MOJIBAKE = re.compile(
    r"[ÄĹĂÃÅÂ][\x80-\xbf\u0100-\u017f\u02c7\u02d8-\u02dd\u2010-\u203a\u20ac\u2122]"
)
_C1_CONTROLS = re.compile(r"[\x80-\x9f]")
# Control characters other than tab, newline, carriage return and form feed.
_BINARY_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")

# Tried in this order; on a tie the earlier one wins (cp1250 is far more common).
LEGACY_CZECH = ("cp1250", "iso-8859-2")
# Western code pages that old Czech pages often declare while being written in cp1250.
_WESTERN = {"latin-1", "iso8859-1", "cp1252", "iso8859-15", "ascii"}


def czech_score(text: str) -> int:
    """How plausible ``text`` is as correctly decoded Czech: letters up, mojibake down."""
    letters = sum(1 for ch in text if ch in CZECH_LETTERS)
    c1 = len(_C1_CONTROLS.findall(text))
    mojibake = len(_MOJIBAKE.findall(text))
    return letters - 5 * c1 - 5 * mojibake


def looks_binary(text: str) -> bool:
    """True when decoded text is full of control characters, i.e. it was never text."""
    if "\x00" in text:
        return True
    if not text:
        return False
    controls = len(_BINARY_CONTROLS.findall(text))
    return controls > max(2, len(text) // 200)


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def decode_text(data: bytes, declared: str | None = None) -> str | None:
    """Decode ``data`` as text, trying ``declared`` first; None when it is not text."""
    if data.startswith(codecs.BOM_UTF8):
        text = _strict(data[3:], "utf-8")
        return None if text is None or looks_binary(text) else text
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _strict(data, "utf-16")
        return None if text is None or looks_binary(text) else text
    if declared:
        text = _strict(data, declared)
        # A declaration is only trusted if it does not produce mojibake.
        if text is not None and not looks_binary(text) and not _MOJIBAKE.search(text):
            if _codec_name(declared) not in _WESTERN:
                return text
            legacy = _decode_legacy(data)
            if legacy is not None and czech_score(legacy) > czech_score(text):
                return legacy
            return text
    text = _strict(data, "utf-8")
    if text is not None:
        return None if looks_binary(text) else text
    return _decode_legacy(data)


def _codec_name(encoding: str) -> str:
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return encoding


def _decode_legacy(data: bytes) -> str | None:
    candidates: list[str] = list(LEGACY_CZECH)
    guess = charset_normalizer.from_bytes(data).best()
    if guess is not None and guess.encoding not in candidates:
        candidates.append(guess.encoding)
    best: tuple[int, str] | None = None
    for encoding in candidates:
        text = _strict(data, encoding)
        if text is None or looks_binary(text):
            continue
        score = czech_score(text)
        if best is None or score > best[0]:
            best = (score, text)
    return None if best is None else best[1]
