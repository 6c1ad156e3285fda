"""Conventions of pages that name partners in running text, and what is no partner."""

from __future__ import annotations

from importers.extract.partners import find_partners


def partners(text: str, implementer: str | None = None, language: str = "cs",
             fields: list[tuple[str, str]] | None = None) -> set[str]:
    return {f.value for f in find_partners(text, fields or [], implementer, language)}


def test_a_partnership_agreement_names_the_partner():
    text = ("Kurzy vede na základě partnerské smlouvy obecně prospěšná společnost "
            "Lípa pro všechny, o.p.s., Dlouhá 12, Kolín.")
    assert partners(text, "Město Kolín") == {"Lípa pro všechny"}


def test_among_the_partners_belongs_a_described_company():
    text = ("Mezi partnery by podle radního měla patřit strojírna Kovex Hradec "
            "a místní firmy, které hledají zaměstnance.")
    assert partners(text, "Město Kolín") == {"Kovex Hradec"}


def test_an_english_partner_organisation_described_before_its_name():
    text = "Workshops prepared with our Dutch partner organisation Open Doors Lab."
    assert partners(text, "Lipa Centre", "en") == {"Open Doors Lab"}


def test_being_the_partner_of_the_lead_names_no_partner():
    assert partners("Jsme partnerem Poradny pro cizince Kolín.", "Poradna Jih") == set()


def test_a_consortium_without_the_leads_abbreviation():
    text = ("The consortium brings together NLC from Norway, Spolek Lípa (Czech Republic), "
            "The Lantern (Ireland) and the South Bohemian Region.")
    assert partners(text, "Nordic Learning Centre AS", "en") == {
        "Spolek Lípa", "The Lantern", "South Bohemian Region"}


def test_our_own_school_described_before_its_name_and_a_school_name_with_s():
    text = ("Together with Union X (Spain) and our school, Jazyková škola s právem státní "
            "jazykové zkoušky Delta, five organisations work on it.")
    assert partners(text, "Fundacja Y", "en") == {
        "Union X", "Jazyková škola s právem státní jazykové zkoušky Delta"}


def test_a_kind_of_organisation_in_the_plural_and_the_funding_ministry_are_no_partners():
    text = ("Spolupracujeme s Odborem azylové a migrační politiky Ministerstva vnitra a s "
            "Poradnami pro cizince. Kurzy jsou financovány z dotace Ministerstva vnitra.")
    assert partners(text, "Spolek Lípa") == set()


def test_a_name_cut_off_by_the_end_of_the_text():
    assert partners("Výlety chystáme ve spolupráci s Klubem mladých ro",
                    "Město Kolín") == set()


def test_a_budget_label_glued_to_its_amount_is_no_partner():
    fields = [("Celkové náklady projektu1.250.000,- Kč", "")]
    assert partners("", "Město Kolín", fields=fields) == set()


def test_a_lead_partner_label_names_the_implementer_not_a_partner():
    from importers.extract.fields import classify_label

    assert classify_label("Lead partner") == classify_label("Vedoucí partner") == "implementer"
    assert classify_label("Projektoví partneři") == "partners"


def test_an_english_phrase_in_lower_case_or_a_nationality_is_no_partner():
    from importers.extract.partners import find_partners

    text = ("In 2024 the partners organised Czech and Slovak language courses for refugees on "
            "both sides of the border.")
    assert find_partners(text, [], None, "en") == []


def test_the_operator_of_a_grant_programme_and_its_partners_are_not_the_project_s():
    from importers.extract.partners import find_partners

    text = ("Správce blokového grantu: Nadace Rozvoj ve spolupráci s Nadací Most a Nadací Jih.\n"
            "Projekt realizuje spolek Lípa ve spolupráci s Klubem Kotva.")
    names = [f.value for f in find_partners(text, [], "Spolek Lípa", "cs")]
    assert names == ["Klub Kotva"]
