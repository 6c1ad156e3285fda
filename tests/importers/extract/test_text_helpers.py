"""Text helpers the finders call over and over: cached or short-cut, with the same results."""

from __future__ import annotations

import re

import pytest

from importers.extract.text import clean, words


@pytest.mark.parametrize(
    "text, cleaned",
    [
        ("  Celkový\u00a0rozpočet:\t1\u202f000\u202f000 Kč  ", "Celkový rozpočet: 1 000 000 Kč"),
        ("Realizátor:     Charita   Brno", "Realizátor: Charita Brno"),
        ("", ""),
    ],
)
def test_clean_gives_the_same_the_first_time_and_from_the_cache(text, cleaned):
    assert clean(text) == cleaned
    assert clean(text) == cleaned


def test_long_texts_are_cleaned_as_short_ones():
    line = "Projekt  nabízí\u00a0kurzy češtiny. " * 40  # past the cached length
    assert len(line) > 200
    assert clean(line) == re.sub(r" {2,}", " ", line.replace("\u00a0", " ")).strip()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("socio-kulturní a inter-kulturní kurzy", ["sociokulturní", "a", "interkulturní", "kurzy"]),
        ("ženy-migrantky a žáci-cizinci", ["ženy-migrantky", "a", "žáci-cizinci"]),
        (
            "re’integration and co-operation, O'Brien",
            ["reintegration", "and", "cooperation", "O'Brien"],
        ),
        ("x² a 3. května 2021", ["x²", "a", "května"]),  # "²" is a word character, no letter
    ],
)
def test_words_join_only_prefix_compounds(text, expected):
    assert words(text) == expected
