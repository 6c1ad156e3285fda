"""Recognise money amounts as written in Czech and English sources ("1,2 mil. Kč")."""
from __future__ import annotations

import re
import unicodedata

# Cells that mean "unknown" rather than a malformed amount.
PLACEHOLDERS = {"-", "–", "—", "?", "x", "n/a", "na", "neuvedeno", "neznámo", "není", "nan"}

_APPROX = re.compile(
    r"^(?:cca\.?|ca\.?|circa|přibližně|približne|asi|zhruba|about|approx\.?|approximately"
    r"|around|~|≈|do|až|up to|max\.?|maximálně)\s*",
    re.IGNORECASE,
)
_CURRENCY = re.compile(
    r"(?:kč|czk|eur|€|euro|eura|usd|us\$|\$|,-|\.-)",
    re.IGNORECASE,
)
_MULTIPLIERS = (
    (re.compile(r"(?:mld\.?|miliard[ay]?|billion|bn)$", re.I), 1_000_000_000),
    (re.compile(r"(?:mil\.?|milion[uůy]?|million|mio\.?|m)$", re.I), 1_000_000),
    (re.compile(r"(?:tis\.?|tisíc[e]?|thousand|k)$", re.I), 1_000),
)
_NUMBER = re.compile(r"^[+-]?\d[\d ,.']*$")


def parse_amount(value: str) -> float | None:
    """The number an amount cell states, in its own currency unit, or None if it is none."""
    text = unicodedata.normalize("NFKC", value).replace("\u00a0", " ").replace("\u202f", " ")
    text = text.strip().rstrip(".").strip()
    text = _APPROX.sub("", text)
    text = _CURRENCY.sub(" ", text)
    text = " ".join(text.split())
    multiplier = 1
    for pattern, factor in _MULTIPLIERS:
        match = pattern.search(text)
        if match and (match.start() == 0 or not text[match.start() - 1].isalpha()):
            multiplier = factor
            text = text[: match.start()].strip()
            break
    if not text or not _NUMBER.match(text):
        return None
    number = _parse_number(text, has_multiplier=multiplier != 1)
    return None if number is None else number * multiplier


def is_placeholder(value: str) -> bool:
    """True for cells like "-" or "neuvedeno" that leave the amount unknown."""
    return value.strip().lower() in PLACEHOLDERS


def _parse_number(text: str, *, has_multiplier: bool) -> float | None:
    sign = -1.0 if text.startswith("-") else 1.0
    text = text.lstrip("+-").replace(" ", "").replace("'", "")
    if "," in text and "." in text:
        # Whichever separator comes last is the decimal one: 1.234,5 or 1,234.5.
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        text = text.replace(thousands, "").replace(decimal, ".")
    elif "," in text or "." in text:
        mark = "," if "," in text else "."
        groups = text.split(mark)
        grouped = all(len(g) == 3 for g in groups[1:]) and 1 <= len(groups[0]) <= 3
        # "450,000" and "1.250.000" group thousands; "1,2 mil." and "12,50" are decimals.
        if len(groups) > 2 or (grouped and not has_multiplier):
            if not grouped:
                return None
            text = "".join(groups)
        else:
            text = text.replace(mark, ".")
    try:
        return sign * float(text)
    except ValueError:
        return None
