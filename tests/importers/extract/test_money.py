"""Amounts, currencies and which amount is the project's budget or subsidy."""
from __future__ import annotations

import pytest

from importers.amounts import Money, parse_money
from importers.extract.fields import field_lines
from importers.extract.money import find_budget, find_subsidy


@pytest.mark.parametrize("phrase, language, expected", [
    ("9 542 746,00 Kč", "cs", Money(9542746.0, "CZK")),
    ("9\u00a0542\u202f746,00\u00a0Kč", "cs", Money(9542746.0, "CZK")),
    ("cca 20 mil.", "cs", Money(20000000.0, "CZK", True)),
    ("1,2 mil. Kč", "cs", Money(1200000.0, "CZK")),
    ("CZK 450,000", "en", Money(450000.0, "CZK")),
    ("450 000 CZK", "en", Money(450000.0, "CZK")),
    ("€ 120,000", "en", Money(120000.0, "EUR")),
    ("120 000 EUR", "cs", Money(120000.0, "EUR")),
    ("2.5 million CZK", "en", Money(2500000.0, "CZK")),
    ("přibližně 3,5 mil. Kč", "cs", Money(3500000.0, "CZK", True)),
    ("500 tis. Kč", "cs", Money(500000.0, "CZK")),
    ("1 475 367,30 Kč", "cs", Money(1475367.3, "CZK")),
])
def test_parse_money(phrase, language, expected):
    assert parse_money(phrase, language) == expected


def test_years_and_counts_are_not_money():
    assert parse_money("v roce 2019 bylo 12 kurzů", "cs", labelled_amount=False) is None


def test_project_totals_win_over_partner_shares():
    fields = [("Celkové náklady projektu", "9 542 746,00 Kč"),
              ("Celková dotace projektu", "8 588 471,00 Kč"),
              ("Celkové náklady statutárního města Brna", "1 639 297,00 Kč"),
              ("Celková dotace statutárního města Brna", "1 475 367,30 Kč")]
    assert find_budget("", fields).value.amount == 9542746.0
    assert find_subsidy("", fields).value.amount == 8588471.0


def test_budget_and_grant_from_english_sentences():
    text = ("The total budget of the project is EUR 240,000. The project received a grant "
            "of € 204,000 from the EEA and Norway Grants.")
    assert find_budget(text, language="en").value == Money(240000.0, "EUR")
    assert find_subsidy(text, language="en").value == Money(204000.0, "EUR")


def test_czech_budget_sentence_without_currency_word():
    found = find_budget("Celkový rozpočet projektu činí 1,2 mil. Kč.")
    assert found.value == Money(1200000.0, "CZK")


def test_no_amount():
    assert find_budget("Projekt pomáhá cizincům v Brně.").value is None


def test_euros_written_out():
    assert parse_money("1.2 million euros", "en") == Money(1200000.0, "EUR")


def test_eligible_costs_label():
    assert find_budget("", [("Celkové způsobilé výdaje", "1 234 567 Kč")]).value == \
        Money(1234567.0, "CZK")


def test_amount_after_the_cue_word():
    text = "Rozpočet projektu činil 1 200 000 Kč, z toho dotace 1 080 000 Kč."
    assert find_budget(text).value.amount == 1200000.0
    assert find_subsidy(text).value.amount == 1080000.0


def test_a_share_in_per_cent_is_never_an_amount():
    assert parse_money("EU contribution 75 %") is None
    assert parse_money("75% z 1 200 000 Kč").amount == 1_200_000


def test_a_unit_in_brackets_multiplies_the_amount():
    assert parse_money("[tis. Kč] 1000").amount == 1_000_000
    assert parse_money("[mil. Kč] 2,5").amount == 2_500_000


def test_an_amount_label_alone_states_the_budget():
    text = "Částka: 35100 CZK\n"
    assert find_budget(text, field_lines(text)).value.amount == 35100


def test_money_given_by_donors_is_the_grant():
    text = "Na provoz centra věnovali dárci ze zahraničí přibližně 2 miliony korun."
    assert find_subsidy(text).value == Money(2_000_000, "CZK", True)


def test_an_amount_per_person_or_month_is_not_the_project_s_money():
    text = "The foundation gave each pupil a monthly grant of 3 thousand CZK."
    assert find_subsidy(text, language="en").value is None
    assert find_budget("Rozpočet činí 500 Kč na osobu.").value is None


def test_what_a_funder_provided_is_the_subsidy_and_with_no_total_the_budget():
    from importers.document import Document
    from importers.extract import extract
    from importers.extract.fields import classify_label

    record = extract(Document("card.txt", "text/plain",
                              "Kurzy pro rodiče\n\nPoskytnutá částka: 1 665 019 Kč\n"))
    assert record["subsidy_czk"] == record["budget_czk"] == 1_665_019
    assert classify_label("Amount provided / requested (CZK)") == "subsidy"
