"""Tokenising, and the case and diacritics folding that the whole platform shares."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import cache

# Letters and digits, plus combining marks so that text stored in NFD keeps "e" + caron in
# one token; underscores are excluded because FTS5's unicode61 tokenizer splits on them.
TOKEN_RE = re.compile(r"(?:[^\W_]|[\u0300-\u036f])+")
CZECH_LETTERS = frozenset("áčďéěíňóřšťúůýž")


def fold(text: str) -> str:
    """``text`` without case or diacritics ("Brně" -> "brne", "ŠKOLA" -> "skola").

    The one folding function of the platform: importers and the app compare text with it too.
    NFKD also spells out ligatures and compatibility forms ("ﬁ" -> "fi", "™" -> "tm").
    Case is folded last, after the marks are gone, because NFKD turns some forms into
    capitals ("ᴬ" -> "A"); folding first left those, so folding twice could change the result.
    ``casefold`` rather than ``lower`` so that "Straße" and "STRASSE" meet.
    """
    if text.isascii():
        return text.lower()  # nothing to decompose; ASCII casefold is lower
    stripped = _combining_marks().sub("", unicodedata.normalize("NFKD", text))
    if _ASTRAL.search(stripped):
        # Combining marks beyond the Basic Multilingual Plane are not in the pattern.
        stripped = "".join(ch for ch in stripped if not unicodedata.combining(ch))
    return stripped.casefold()


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def folded_words(text: str) -> list[str]:
    """The words of ``text``, folded, as ``fold`` would fold each; fast for long texts."""
    decomposed = unicodedata.normalize("NFKD", text)
    return TOKEN_RE.findall(_combining_marks().sub("", decomposed).casefold())


@cache
def _combining_marks() -> re.Pattern[str]:
    # Every combining mark of the Basic Multilingual Plane; built on first use (~60 ms).
    return re.compile("[" + "".join(
        re.escape(chr(code)) for code in range(0x300, 0x10000) if unicodedata.combining(chr(code))
    ) + "]")


def tokens(text: str) -> Iterator[tuple[int, int, str]]:
    """Yield (start, end, token) for every word of ``text``, offsets into the original."""
    for match in TOKEN_RE.finditer(text):
        yield match.start(), match.end(), match.group()


def words(text: str) -> list[str]:
    """The tokens of ``text`` without offsets."""
    return [token for _, _, token in tokens(text)]


def has_czech_letters(text: str) -> bool:
    """True when ``text`` contains a letter with a Czech diacritic."""
    return not CZECH_LETTERS.isdisjoint(text.lower())
