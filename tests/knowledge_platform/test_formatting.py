"""Dates and periods read as people write them, in Czech and in English."""
from __future__ import annotations

from datetime import date

import pytest
from flask_babel import force_locale

from knowledge_platform.formatting import hit_period, partial_date

MAY = date(2022, 5, 1)


@pytest.mark.parametrize(("language", "start", "end", "expected"), [
    ("cs", (MAY, "month"), None, "od května 2022"),  # the genitive after "od"
    ("cs", None, (MAY, "month"), "do května 2022"),
    ("cs", (MAY, "month"), (date(2023, 6, 30), "month"), "květen 2022 – červen 2023"),
    ("cs", (MAY, "year"), (date(2022, 12, 31), "year"), "2022"),  # one year, once
    ("cs", (MAY, "month"), (date(2022, 5, 31), "month"), "květen 2022"),
    ("en", (MAY, "month"), None, "from May 2022"),
    ("en", (MAY, "year"), (date(2022, 12, 31), "year"), "2022"),
])
def test_periods_read_as_people_write_them(app, language, start, end, expected):
    data = {}
    for side, value in (("start", start), ("end", end)):
        if value:
            data[side], data[f"{side}_precision"] = value[0].isoformat(), value[1]
    with app.test_request_context(f"/{language}/"), force_locale(language):
        assert hit_period(data) == expected


def test_a_month_alone_stays_in_its_own_form(app):
    with app.test_request_context("/cs/"), force_locale("cs"):
        assert partial_date(MAY, "month") == "květen 2022"
        assert partial_date(MAY, "month", after_preposition=True) == "května 2022"

