"""Amounts of money: the project's total budget and its subsidy, with currency."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from importers.extract.fields import field_evidence, labelled
from importers.extract.finding import NOTHING, Finding
from importers.extract.text import about_other_project, clean, sentences


@dataclass(frozen=True)
class Money:
    """An amount in ``currency`` (never converted); ``approximate`` for "cca 20 mil."."""

    amount: float
    currency: str
    approximate: bool = False


_CURRENCIES = (
    (r"kč|kc|czk|korun\w*|,-", "CZK"),
    (r"eur|euro|eura|euros|€", "EUR"),
    (r"usd|\$|dolar\w*", "USD"),
    (r"gbp|£", "GBP"),
    (r"nok|norsk\w* korun\w*", "NOK"),
    (r"chf", "CHF"),
)
_CURRENCY = "|".join(c for c, _ in _CURRENCIES)
_NUMBER = r"\d{1,3}(?:[ .,]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d+)?"
_MULTIPLIERS = (
    (r"mld\.?|miliard\w*|billion|bn", 1e9),
    (r"mil\.?|mil\b|milion\w*|million\w*|mio\.?|mln\.?|m\b", 1e6),
    (r"tis\.?|tisíc\w*|tisic\w*|thousand|k\b", 1e3),
)
_MULTIPLIER = "|".join(m for m, _ in _MULTIPLIERS)
_AMOUNT = re.compile(
    rf"(?P<approx>\b(?:cca\.?|ca\.|přibližně|priblizne|asi|téměř|zhruba|skoro|přes|více než"
    rf"|about|approximately|approx\.?|around|nearly|almost|roughly|over|more than|up to|až)\s*"
    rf"|~\s*)?(?P<pre>(?:{_CURRENCY})\s*)?(?P<number>{_NUMBER})\s*"
    rf"(?P<mult>(?:{_MULTIPLIER})(?![a-zá-ž]))?\s*(?P<post>(?:{_CURRENCY})(?![a-z]))?", re.I)
_UNIT = re.compile(r"\[\s*(tis\.?|mil\.?|thousands?|millions?)\s*(?:kč|czk|eur)?\s*\]", re.I)
_APPROX_WORDS = re.compile(r"\b(cca|přibližně|asi|téměř|zhruba|about|approximately|approx"
                           r"|around|nearly|roughly)\b", re.I)


def _number(text: str, english: bool) -> float:
    text = text.replace(" ", "")
    if "," in text and "." in text:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        return float(text.replace(thousands, "").replace(decimal, "."))
    for sep in (",", "."):
        if sep in text:
            groups = text.split(sep)
            if len(groups) > 2 or (len(groups[-1]) == 3 and (english or sep == ".")):
                return float(text.replace(sep, ""))
            return float(text.replace(sep, "."))
    return float(text)


def _currency(token: str | None) -> str | None:
    if not token:
        return None
    folded = token.strip().lower()
    for pattern, code in _CURRENCIES:
        if re.fullmatch(pattern, folded):
            return code
    return None


def parse_money(value: str, language: str = "cs", labelled_amount: bool = True) -> Money | None:
    """The first amount in ``value`` ("9 542 746,00 Kč", "cca 20 mil.", "CZK 450,000",
    "€ 120,000", "2.5 million CZK"). Without a currency, a labelled amount or one with
    "mil." counts as CZK in Czech documents."""
    value = clean(value)
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
        english = language == "en" or bool(match.group("pre"))
        amount = _number(number, english)
        if mult:
            amount *= next(f for p, f in _MULTIPLIERS if re.fullmatch(p, mult.strip(), re.I))
        elif unit and unit.end() <= match.start():
            amount *= 1e3 if unit.group(1).lower().startswith(("tis", "thous")) else 1e6
        approximate = bool(match.group("approx")) and bool(_APPROX_WORDS.search(
            match.group("approx") or "")) or bool(_APPROX_WORDS.search(value[:match.start()]))
        return Money(round(amount, 2), currency, approximate)
    return None


_BUDGET_SENTENCE = re.compile(
    r"(celkov\w+ )?(rozpočet|rozpočtem|náklady|nákladech|hodnot\w+)( celého)?( projektu)?"
    r"|total (budget|cost|value)|budget of|project budget|project's budget|costs? of the project"
    r"|worth", re.I)
_SUBSIDY_SENTENCE = re.compile(
    r"dotac\w+|podpo\w+ (ve výši|částkou)|příspěv\w+ (ve výši|z)|grant|subsid\w+|contribution",
    re.I)


def _find(text: str, fields: list[tuple[str, str]], name: str, sentence_pattern: re.Pattern[str],
          language: str, title: str | None) -> Finding:
    for label, value in labelled(fields, name):
        money = parse_money(value, language)
        if money:
            return Finding(money, field_evidence(label, value), 0.9)
    for sentence in sentences(text):
        cue = sentence_pattern.search(sentence)
        if not cue or about_other_project(sentence, title):
            continue
        subsidy = _SUBSIDY_SENTENCE.search(sentence)
        if name == "budget" and subsidy and subsidy.start() < cue.start() and not re.search(
                r"celkov|total", sentence, re.I):
            continue
        # "Rozpočet 1 200 000 Kč, z toho dotace 1 080 000 Kč": the amount after the cue.
        money = (parse_money(sentence[cue.start():], language, labelled_amount=False)
                 or parse_money(sentence, language, labelled_amount=False))
        if money:
            return Finding(money, sentence, 0.7)
    return NOTHING


def find_budget(text: str, fields: Iterable[tuple[str, str]] = (), language: str = "cs",
                title: str | None = None) -> Finding:
    """The total budget ("Celkové náklady projektu", "Total budget"); with "z toho"
    sub-amounts for partners the first (project) total wins."""
    return _find(text, list(fields), "budget", _BUDGET_SENTENCE, language, title)


def find_subsidy(text: str, fields: Iterable[tuple[str, str]] = (), language: str = "cs",
                 title: str | None = None) -> Finding:
    """The subsidy or grant ("Celková dotace projektu", "Výše dotace", "Grant")."""
    return _find(text, list(fields), "subsidy", _SUBSIDY_SENTENCE, language, title)
