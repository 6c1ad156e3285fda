"""Locale-aware template filters for money and project periods."""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal

from flask import Flask
from flask_babel import (
    format_currency,
    format_date,
    format_decimal,
    format_number,
    format_time,
    gettext,
)

from knowledge_platform.models import Precision


def money(amount: Decimal | None, currency: str = "CZK", approximate: bool = False) -> str:
    """Format an amount for the locale: "9 542 746 Kč" in Czech, "CZK 9,542,746" in English."""
    if amount is None:
        return ""
    whole = amount == amount.to_integral_value()
    text = format_currency(
        amount.quantize(Decimal(1)) if whole else amount,
        currency,
        currency_digits=False,
        format_type="standard",
    )
    if whole:
        # Babel's standard pattern always shows two decimals; whole amounts read better without.
        text = _drop_zero_decimals(text)
    # English patterns put an ISO code flush against the number ("CZK9,542,746").
    text = re.sub(r"^([A-Z]{3})(?=[\d-])", "\\1\xa0", text)
    return gettext("approx. %(amount)s", amount=text) if approximate else text


def _drop_zero_decimals(text: str) -> str:
    # Only the decimal part: the last separator followed by "00" and no more digits.
    return re.sub(r"[.,]00(?=\D*$)", "", text)


def partial_date(value: date | None, precision: Precision | str | None,
                 after_preposition: bool = False) -> str:
    """A date shown only as precisely as it is known: day, month or year. After a
    preposition ("od", "do") a month takes the form the language inflects it to there
    ("od května 2022"; English has one form)."""
    if value is None:
        return ""
    if precision == Precision.YEAR:
        return str(value.year)
    if precision == Precision.MONTH:
        # CLDR: "MMMM" is the month as part of a phrase (Czech genitive), "LLLL" on its own.
        return format_date(value, "MMMM yyyy" if after_preposition else "LLLL yyyy")
    return format_date(value, "medium")


def period(project) -> str:
    """A project's period, e.g. "září 2017 – prosinec 2020", "od května 2022", "2022"."""
    return _format_period(project.start_date, project.start_precision,
                          project.end_date, project.end_precision)


def _format_period(start: date | None, start_precision, end: date | None,
                   end_precision) -> str:
    if start and end:
        first, last = partial_date(start, start_precision), partial_date(end, end_precision)
        return first if first == last else f"{first} – {last}"  # "2022", not "2022 – 2022"
    if start:
        return gettext("from %(start)s", start=partial_date(start, start_precision, True))
    if end:
        return gettext("until %(end)s", end=partial_date(end, end_precision, True))
    return ""


def hit_period(period_data: dict) -> str:
    """A search hit's period (ISO dates with precisions) formatted like ``period``."""
    start, end = period_data.get("start"), period_data.get("end")
    return _format_period(
        date.fromisoformat(start) if start else None, period_data.get("start_precision"),
        date.fromisoformat(end) if end else None, period_data.get("end_precision"))


def page_query(params, page: int) -> str:
    """The query string of ``params`` on another page."""
    return replace(params, page=page).query_string()


def score(value: float | None) -> str:
    """An evaluation score with one decimal, for the locale ("2,3" in Czech)."""
    return "" if value is None else format_decimal(value, format="0.0")


def timestamp(value: datetime) -> str:
    """A moment to the minute, with the whole year ("6. 12. 2026 6:53", "Dec 6, 2026 6:53 AM")."""
    return f"{format_date(value, 'medium')} {format_time(value, 'short')}"


def init_app(app: Flask) -> None:
    """Make the filters available in templates."""
    app.jinja_env.add_extension("jinja2.ext.do")
    for function in (money, partial_date, period, hit_period, page_query, format_number,
                     format_date, score, timestamp):
        app.add_template_filter(function)
