"""Text clean-up and "Label: value" field spotting shared by all whole-file readers."""
from __future__ import annotations

import re
import unicodedata

MAX_LABEL_CHARS = 60
MAX_LABEL_WORDS = 8
# A value introduced on its own line after "Label:" rarely spans more lines than this.
MAX_VALUE_LINES = 12

# Bullets and arrows that decorate list items in web pages and Word exports.
_BULLET = re.compile(r"^\s*(?:[-–—*•·▪◦●○►▶▸→»✓✔]\s*)+")
_INLINE = re.compile(r"^(?P<label>[^:\t]+?)[ \t]*:(?:[ \t]*\t|[ \t]+)[ \t]*(?P<value>\S.*)$")
_LABEL_ONLY = re.compile(r"^(?P<label>[^:\t]+?)[ \t]*:$")
_BLANK_RUN = re.compile(r"\n{3,}")
# "Úvod | Projekty | Kontakty", "Hlavní menu": a site's navigation bar saved with the page.
_NAVIGATION_BAR = re.compile(
    r"^(?:[^|]{1,40}\s\|\s){2,}[^|]{1,40}$|^(?:hlavn[ií] menu|main menu|menu)$", re.I)


def is_navigation_bar(line: str) -> bool:
    """A site's navigation bar ("Úvod | Projekty | Kontakty", "Hlavní menu")."""
    return bool(_NAVIGATION_BAR.match(line.strip()))


def normalise_text(text: str) -> str:
    """Unify line endings, NFC-normalise, strip line ends, collapse runs of blank lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n").replace("\ufeff", "")
    text = unicodedata.normalize("NFC", text)
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return _BLANK_RUN.sub("\n\n", text).strip("\n")


def strip_bullet(line: str) -> str:
    """The line without a leading list bullet ("- ", "• ", "▶ " ...)."""
    return _BULLET.sub("", line, count=1).strip()


def is_list_item(line: str) -> bool:
    """True for lines that start with a bullet such as "- " or "• "."""
    return bool(_BULLET.match(line)) and bool(strip_bullet(line))


def _valid_label(label: str) -> bool:
    label = label.strip()
    if not label or len(label) > MAX_LABEL_CHARS or len(label.split()) > MAX_LABEL_WORDS:
        return False
    # Labels start with a letter; "http", "10" or "(1)" are not labels.
    return label[0].isalpha() and "://" not in label and "http" not in label.lower()


def _inline_field(line: str) -> tuple[str, str] | None:
    match = _INLINE.match(strip_bullet(line))
    if match and _valid_label(match["label"]):
        return match["label"].strip(), match["value"].strip()
    return None


def _label_only(line: str) -> str | None:
    match = _LABEL_ONLY.match(strip_bullet(line))
    if match and _valid_label(match["label"]):
        return match["label"].strip()
    return None


def label_fields(text: str) -> list[tuple[str, str]]:
    """(label, value) pairs from "Label: value" lines and "Label:" lines followed by values."""
    lines = text.split("\n")
    fields: list[tuple[str, str]] = []
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        i += 1
        if not line:
            continue
        pair = _inline_field(line)
        if pair:
            fields.append(pair)
            continue
        label = _label_only(line)
        if label is None:
            continue
        value, i = _following_value(lines, i)
        if value:
            fields.append((label, value))
    return fields


def _following_value(lines: list[str], i: int) -> tuple[str, int]:
    """The value block after a "Label:" line: the next non-empty lines up to a blank line."""
    while i < len(lines) and not lines[i].strip():
        i += 1
    collected: list[str] = []
    bulleted = False
    while i < len(lines) and len(collected) < MAX_VALUE_LINES:
        line = lines[i].strip()
        if not line or _inline_field(line) or _label_only(line):
            break
        bulleted = bulleted or is_list_item(line)
        collected.append(strip_bullet(line))
        i += 1
    # List items are separate values; wrapped prose lines belong to one sentence.
    return ("; " if bulleted else " ").join(c for c in collected if c), i


def dedupe_pairs(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The pairs in first-seen order without repeats."""
    seen: set[tuple[str, str]] = set()
    unique: list[tuple[str, str]] = []
    for pair in pairs:
        if pair not in seen:
            seen.add(pair)
            unique.append(pair)
    return unique
