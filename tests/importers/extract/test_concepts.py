"""Activities and target groups from lemma rules."""
from __future__ import annotations

import pytest

from importers.extract.concepts import (
    find_activities,
    find_target_groups,
    parse_rule,
    rule_matches,
    rules,
)
from importers.extract.text import lemma, words
from search_index.text import fold


def activities(text):
    return [f.value for f in find_activities(text)]


def groups(text):
    return [f.value for f in find_target_groups(text)]


@pytest.mark.parametrize("text", ["kurzy češtiny", "výuka českého jazyka", "Výuka českého jazyka",
                                  "Teaching the Czech language", "Czech language courses",
                                  "Nabízíme kurzů češtiny pro dospělé."])
def test_czech_language_phrasings(text):
    assert "czech_language" in activities(text)


@pytest.mark.parametrize("text, code", [
    ("Právní poradenství pro cizince", "legal_counselling"),
    ("právní a sociální poradenství", "legal_counselling"),
    ("Legal counseling", "legal_counselling"),
    ("free legal advice", "legal_counselling"),
    ("Sociální poradenství", "social_counselling"),
    ("Interkulturní pracovníci na úřadech", "intercultural_assistance"),
    ("tlumočení do ukrajinštiny", "intercultural_assistance"),
    ("community interpreting", "intercultural_assistance"),
    ("Kurzy sociokulturní orientace", "sociocultural_orientation"),
    ("kurzů socio-kulturní orientace", "sociocultural_orientation"),
    ("Terénní práce v ubytovnách", "fieldwork"),
    ("Informační kampaň", "information_campaign"),
    ("Information Center", "information_centre"),
    ("Doučování dětí cizinců", "education_counselling"),
    ("Poradenství ve vzdělávání", "education_counselling"),
    ("Integrační multikulturní aktivity", "integration_activities"),
    ("Vzdělávání pracovníků úřadů", "training_of_professionals"),
    ("Regionální platforma integrace", "networking_platforms"),
    ("Monitoring situace cílové skupiny", "monitoring_research"),
    ("Analýza potřeb cizinců", "monitoring_research"),
    ("Job club for migrants", "employment_support"),
    ("Pomoc při hledání bydlení", "housing_support"),
    ("Psychosociální podpora", "health_support"),
])
def test_activity_phrasings(text, code):
    assert code in activities(text)


def test_no_over_matching():
    assert activities("Integrační centra se stala klíčovým nástrojem postupu.") == []
    assert activities("Projekt je financován z Operačního programu Zaměstnanost.") == []


@pytest.mark.parametrize("text, code", [
    ("státní příslušníci třetích zemí", "third_country_nationals"),
    ("cizinci ze třetích zemí", "third_country_nationals"),
    ("foreigners who come from third countries", "third_country_nationals"),
    ("persons from the EU", "eu_citizens"),
    ("občané EU", "eu_citizens"),
    ("držitelé mezinárodní ochrany", "international_protection"),
    ("udělena mezinárodní a dočasná ochrana", "international_protection"),
    ("držitelé dočasné ochrany", "temporary_protection"),
    ("uprchlíci z Ukrajiny", "temporary_protection"),
    ("temporary protection holders", "temporary_protection"),
    ("děti a mládež", "children_youth"),
    ("žáci základních škol", "children_youth"),
    ("pupils and their parents", "children_youth"),
    ("orgány veřejné správy", "public_administration"),
    ("municipal officials", "public_administration"),
    ("osoby, které často přicházejí do styku s cizinci", "professionals"),
    ("majoritní společnost", "majority_society"),
    ("the majority of society", "majority_society"),
    ("ženy cizinky", "women"),
    ("migrant women", "women"),
])
def test_target_group_phrasings(text, code):
    assert code in groups(text)


def test_refugee_organisation_name_is_not_a_target_group():
    assert groups("Partnerem je Organizace pro pomoc uprchlíkům.") == []


def test_other_programmes_audience_is_ignored():
    text = ("Ministerstvo vnitra vyhlásilo dotační program \"Podpora obcí pro držitele dočasné "
            "ochrany\".")
    assert groups(text) == []


def test_rule_format():
    rule = parse_rule("czech_language", "cs", "kurz|výuka čeština")
    tokens = [(fold(lemma(w, "cs")), fold(w)) for w in words("Nabízíme kurzy češtiny")]
    assert rule_matches(rule, tokens)
    far = [(fold(lemma(w, "cs")), fold(w)) for w in words("kurz a b c d e f češtiny")]
    assert not rule_matches(rule, far)


def test_every_vocabulary_code_has_rules_in_both_languages():
    for name, codes in (("activities.tsv", {
            "information_centre", "information_campaign", "czech_language", "legal_counselling",
            "social_counselling", "sociocultural_orientation", "fieldwork",
            "intercultural_assistance", "education_counselling", "integration_activities",
            "training_of_professionals", "networking_platforms", "monitoring_research",
            "employment_support", "housing_support", "health_support"}),
            ("target_groups.tsv", {
                "third_country_nationals", "eu_citizens", "international_protection",
                "temporary_protection", "children_youth", "public_administration",
                "professionals", "majority_society", "women"})):
        for language in ("cs", "en"):
            assert codes <= {r.code for r in rules(name) if r.language == language}


def test_adaptation_courses_and_young_refugees():
    assert "sociocultural_orientation" in activities("Projekt Adaptačně-integrační kurzy v Praze")
    assert "children_youth" in groups("It helps young refugees from Ukraine.")


def test_course_lecturers_are_not_training_of_professionals():
    assert "training_of_professionals" not in activities("Kurzy vedli lektoři z centra.")


@pytest.mark.parametrize("text", [
    "Poradna pomáhá cizincům ze zemí mimo EU.",
    "The centre advises non-EU nationals living in Brno.",
    "Help for citizens from outside the EU.",
])
def test_negated_eu_is_not_eu_citizens(text):
    assert "eu_citizens" not in [f.value for f in find_target_groups(text)]


def test_eu_citizens_still_found():
    assert "eu_citizens" in [f.value for f in find_target_groups("Poradna pro občany EU v Praze.")]
