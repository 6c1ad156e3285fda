"""One amount parser for cells and running text: the same figure reads the same everywhere."""
from __future__ import annotations

import pytest

from importers.amounts import Money, is_placeholder, parse_amount, parse_money

CELLS = [
    "450,000", "1.500", "1'250'000", "1 250 000,- Kč", "1.250.000,-", "12,50", "1,2 mil. Kč",
    "1,500 mil.", "cca 20 mil.", "do 300 tis.", "€ 1,234,567.89", "3 mld", "~ 5000",
]


@pytest.mark.parametrize("cell", CELLS)
def test_a_cell_the_bulk_check_accepts_is_read_as_the_same_figure_by_the_extractor(cell):
    money = parse_money(cell, "cs")
    assert money is not None
    assert parse_amount(cell) == money.amount


@pytest.mark.parametrize("text, amount", [
    # Nobody writes money with three decimals: one separator before three digits groups thousands.
    ("450,000 Kč", 450_000), ("1.500 Kč", 1_500), ("1'250'000 CHF", 1_250_000),
    # With a multiplier the same shape is a decimal: one and a half million.
    ("1,500 mil. Kč", 1_500_000),
    ("12,50 Kč", 12.5),
])
def test_thousands_and_decimals(text, amount):
    assert parse_money(text, "cs").amount == amount


def test_a_dash_for_no_hellers_before_the_currency():
    assert parse_money("1.250.000,- Kč") == Money(1_250_000, "CZK")
    assert parse_money("1 250 000,-") == Money(1_250_000, "CZK")


def test_qualifiers_mark_approximate_amounts_only_when_they_are_approximations():
    assert parse_money("cca 2 mil. Kč").approximate
    assert parse_money("~ 5000 Kč").approximate
    assert not parse_money("více než 5000 Kč").approximate
    assert not parse_money("do 300 tis. Kč").approximate


@pytest.mark.parametrize("cell", ["12 osob", "abc", "", "5 000 Kč a další", "2019"])
def test_a_cell_that_is_not_wholly_an_amount_is_refused(cell):
    assert parse_amount(cell) is None


def test_placeholders_are_unknown_not_malformed():
    assert is_placeholder(" neuvedeno ") and is_placeholder("–")
    assert not is_placeholder("0")


def test_an_en_dash_for_no_hellers():
    assert parse_money("412 300,– Kč") == Money(412_300, "CZK")
