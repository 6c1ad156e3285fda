"""Registration numbers."""
from __future__ import annotations

import pytest

from importers.extract.regnum import find_registration_number


@pytest.mark.parametrize("text, expected", [
    ("Reg. No. AMIF /28/04, is financed by the EU.", "AMIF/28/04"),
    ("Project in 2021 – 2022 AMIF/28/04", "AMIF/28/04"),
    ("Projekt (reg. č. CZ.12.01.02/00/24_022/0000077) v Ústeckém kraji",
     "CZ.12.01.02/00/24_022/0000077"),
    ("Projekt CZ.03.2.63/0.0/0.0/15_007/0001234 je podpořen z OPZ.",
     "CZ.03.2.63/0.0/0.0/15_007/0001234"),
    ("Číslo projektu CZ.03.02.02/00/22_005/0001234.", "CZ.03.02.02/00/22_005/0001234"),
    ("Projekt EHP-CZ-ACTIVE-1-015 je podpořen z Fondů EHP.", "EHP-CZ-ACTIVE-1-015"),
    ("Rozhodnutí o dotaci MV-12345-6/OAM-2019.", "MV-12345-6/OAM-2019"),
])
def test_registration_numbers(text, expected):
    assert find_registration_number(text).value == expected


@pytest.mark.parametrize("text", [
    "v režimu zákona č. 326/1999 Sb., o pobytu cizinců",
    "Kontakt: tel. +420 603 123 456, 1. 1. 2021",
    "Výzva 124 – Podpora inovačního prostředí",
])
def test_not_registration_numbers(text):
    assert find_registration_number(text).value is None


def test_mv_number_loses_to_programme_number():
    text = "Rozhodnutí MV-12345-6/OAM-2019. Projekt AMIF/12/03."
    assert find_registration_number(text).value == "AMIF/12/03"


def test_labelled_number():
    found = find_registration_number("", [("Registrační číslo projektu", "CZ.03.2.X/0.0/15")])
    assert found.value == "CZ.03.2.X/0.0/15" and found.confidence >= 0.8


def test_erasmus_number():
    text = "Project number 2016-1-CZ01-KA201-023925 under Erasmus+."
    assert find_registration_number(text).value == "2016-1-CZ01-KA201-023925"


@pytest.mark.parametrize("text, number", [
    ("Číslo projektu: 2022-1-CZ01-KA220-HED-000087425.", "2022-1-CZ01-KA220-HED-000087425"),
    ("Projekt TL01000468 podpořila TA ČR.", "TL01000468"),
    ("(rozhodnutí o poskytnutí dotace: 6/2023/OBCEKOL3)", "6/2023/OBCEKOL3"),
])
def test_erasmus_tacr_and_municipal_grant_decision_numbers(text, number):
    assert find_registration_number(text).value == number


def test_a_law_number_is_not_a_grant_decision():
    assert find_registration_number("podle zákona č. 326/1999 Sb.").value is None


def test_a_label_and_its_number_on_one_line_without_a_colon():
    found = find_registration_number("Projekt pro školy\n\nReg. č. 14/2023 OBCE KV\n\nText.")
    assert found.value == "14/2023 OBCE KV"
    # Words in running text after the label are not a number.
    assert find_registration_number("Reg. no. will be assigned later").value is None


def test_an_identification_field_holds_the_number():
    found = find_registration_number("", [("Partnership identification", "CZ-07")])
    assert found.value == "CZ-07"


def test_interreg_numbers_have_three_digit_parts():
    text = "Projekt s číslem CZ.11.4.120/0.0/0.0/22_037/0001234 spojuje kraje."
    assert find_registration_number(text).value == "CZ.11.4.120/0.0/0.0/22_037/0001234"
