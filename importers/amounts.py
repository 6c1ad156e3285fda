"""Money amounts as Czech and English sources write them ("9 542 746,- Kč", "€ 120,000").

One parser for running text (``parse_money``) and for spreadsheet cells (``parse_amount``),
so a bulk file's amount check and the extractor never read the same figure differently.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Money:
    """An amount in ``currency`` (never converted); ``approximate`` for "cca 20 mil."."""

    amount: float
    currency: str
    approximate: bool = False


# Cells that mean "unknown" rather than a malformed amount.
PLACEHOLDERS = {"-", "–", "—", "?", "x", "n/a", "na", "neuvedeno", "neznámo", "není", "nan"}

_CURRENCIES = (
    (r"kč|kc|czk|korun\w*|[,.][-–]", "CZK"),
    (r"eur|euro|eura|euros|€", "EUR"),
    (r"usd|us\$|\$|dolar\w*", "USD"),
    (r"gbp|£", "GBP"),
    (r"nok|norsk\w* korun\w*", "NOK"),
    (r"chf", "CHF"),
)
_CURRENCY = "|".join(c for c, _ in _CURRENCIES)
# Thousands grouped by spaces, dots, commas or apostrophes ("1'250'000"), then decimals.
_NUMBER = r"\d{1,3}(?:[ .,'’]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d+)?"
_MULTIPLIERS = (
    (r"mld\.?|miliard\w*|billion|bn", 1e9),
    (r"mil\.?|mil\b|milion\w*|million\w*|mio\.?|mln\.?|m\b", 1e6),
    (r"tis\.?|tisíc\w*|tisic\w*|thousand|k\b", 1e3),
)
_MULTIPLIER = "|".join(m for m, _ in _MULTIPLIERS)
_QUALIFIER = (r"cca\.?|ca\.|přibližně|priblizne|asi|téměř|zhruba|skoro|přes|více než|min\."
              r"|minimálně|max\.|maximálně|do|about|approximately|approx\.?|around|nearly"
              r"|almost|roughly|over|more than|at least|up to|až|circa")
_AMOUNT = re.compile(
    rf"(?P<approx>\b(?:{_QUALIFIER})\s*|[~≈]\s*)?(?P<pre>(?:{_CURRENCY})\s*)?"
    rf"(?P<number>{_NUMBER})\s*(?P<mult>(?:{_MULTIPLIER})(?![a-zá-ž]))?\s*"
    rf"(?P<post>(?:[,.][-–]\s*)?(?:{_CURRENCY})(?![a-z]))?", re.I)
_UNIT = re.compile(r"\[\s*(tis\.?|mil\.?|thousands?|millions?)\s*(?:kč|czk|eur)?\s*\]", re.I)
_APPROX_WORDS = re.compile(r"\b(cca|přibližně|asi|téměř|zhruba|about|approximately|approx"
                           r"|around|nearly|roughly|circa)\b|[~≈]", re.I)
_SPACES = re.compile(r"[\u00a0\u2000-\u200b\u202f\u205f\u3000\t ]+")


def parse_money(value: str, language: str = "cs", labelled_amount: bool = True) -> Money | None:
    """The first amount in ``value``. Without a currency, a labelled amount or one with
    "mil." counts as CZK in Czech documents."""
    value = _normalise(value)
    # "[tis. Kč] 1000": a unit stated once in the label or brackets multiplies the amount.
    unit = _UNIT.search(value)
    for match in _AMOUNT.finditer(value):
        number = match.group("number")
        if value[match.end("number"):].lstrip().startswith("%"):
            continue  # a share ("EU contribution 75 %"), never an amount
        if re.fullmatch(r"(19|20)\d\d", number) and not (match.group("pre") or match.group("post")):
            continue
        currency = _currency(match.group("pre")) or _currency(match.group("post"))
        mult = match.group("mult")
        if not currency:
            # Czech projects count in crowns unless they say otherwise.
            if not (labelled_amount or (mult and language == "cs")):
                continue
            currency = "CZK"
        amount = _number(number, has_multiplier=bool(mult))
        if amount is None:
            continue
        if mult:
            amount *= next(f for p, f in _MULTIPLIERS if re.fullmatch(p, mult.strip(), re.I))
        elif unit and unit.end() <= match.start():
            amount *= 1e3 if unit.group(1).lower().startswith(("tis", "thous")) else 1e6
        approximate = bool(_APPROX_WORDS.search(value[:match.end("approx") if match.group(
            "approx") else match.start()]))
        return Money(round(amount, 2), currency, approximate)
    return None


def parse_amount(cell: str) -> float | None:
    """The number a spreadsheet cell states when the whole cell is one amount, else None."""
    value = _normalise(cell).rstrip(".").strip()
    if not _AMOUNT.fullmatch(value):
        return None
    money = parse_money(value)
    return None if money is None else money.amount


def is_placeholder(value: str) -> bool:
    """True for cells like "-" or "neuvedeno" that leave the amount unknown."""
    return value.strip().lower() in PLACEHOLDERS


def _normalise(value: str) -> str:
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", value)).strip()


def _currency(token: str | None) -> str | None:
    if not token:
        return None
    folded = token.strip().lower()
    if folded[:2] in (",-", ".-", ",–", ".–") and len(folded) > 2:
        folded = folded[2:].strip()  # "1.250.000,- Kč": the dash stands for no hellers
    for pattern, code in _CURRENCIES:
        if re.fullmatch(pattern, folded):
            return code
    return None


def _number(text: str, *, has_multiplier: bool) -> float | None:
    """"1.234,5" and "1,234.5": the last separator is the decimal one; a single separator
    before exactly three digits groups thousands ("450,000", "1.500"), unless a multiplier
    follows ("1,500 mil." is one and a half million)."""
    text = text.replace(" ", "").replace("'", "").replace("’", "")
    if "," in text and "." in text:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        text = text.replace(thousands, "").replace(decimal, ".")
    elif "," in text or "." in text:
        mark = "," if "," in text else "."
        groups = text.split(mark)
        grouped = all(len(g) == 3 for g in groups[1:]) and 1 <= len(groups[0]) <= 3
        if len(groups) > 2 or (grouped and not has_multiplier):
            if not grouped:
                return None
            text = "".join(groups)
        else:
            text = text.replace(mark, ".")
    try:
        return float(text)
    except ValueError:
        return None
