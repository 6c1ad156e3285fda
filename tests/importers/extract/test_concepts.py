"""Activities and target groups from lemma rules."""
from __future__ import annotations

from pathlib import Path

import pytest

from importers.extract.concepts import (
    find_activities,
    find_target_groups,
    match_codes,
    parse_rule,
    rule_matches,
    rules,
)
from importers.extract.text import lemma, sentences, words
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


# Conventions of Czech and English project pages (issue 17). Every example sentence is
# written for the test; none comes from a real page.

@pytest.mark.parametrize("text, code", [
    ("Doučujeme děti ze základních škol.", "education_counselling"),
    ("Doprovázíme klienty na úřady a k lékaři.", "intercultural_assistance"),
    ("Tlumočíme při jednání s úřady.", "intercultural_assistance"),
    ("Učíme česky dospělé i děti.", "czech_language"),
    ("We teach Czech to newcomers twice a week.", "czech_language"),
    ("We tutor pupils after school.", "education_counselling"),
])
def test_an_activity_stated_as_a_first_person_verb(text, code):
    assert code in activities(text)


@pytest.mark.parametrize("text", [
    "Doprovod na úřady a do škol",
    "doprovázení rodin k lékaři",
    "asistence při vyřizování na úřadech",
    "Accompanying clients to offices and hospitals.",
    "help in dealings with the authorities",
])
def test_accompanying_to_offices_is_intercultural_assistance(text):
    assert "intercultural_assistance" in activities(text)


@pytest.mark.parametrize("text, code", [
    ("Besedy ve školách o životě cizinců", "information_campaign"),
    ("přednášky pro veřejnost a práce s médii", "information_campaign"),
    ("Awareness-raising talks at schools", "information_campaign"),
    ("Letní příměstský tábor pro děti", "integration_activities"),
    ("Komunitní centrum je otevřené každý den.", "integration_activities"),
    ("a multicultural festival and trips for families", "integration_activities"),
    ("Psychological support and access to doctors", "health_support"),
    ("job counselling and help with finding work", "employment_support"),
    ("pomoc s hledáním nájemního bydlení", "housing_support"),
    ("výměna zkušeností mezi organizacemi a kulatý stůl", "networking_platforms"),
    ("Mapování potřeb cizinců v regionu", "monitoring_research"),
    ("školení úředníků a semináře pro pedagogy", "training_of_professionals"),
    ("kurzy sociokulturní orientace a seznámení s českými reáliemi", "sociocultural_orientation"),
])
def test_common_statements_of_an_activity(text, code):
    assert code in activities(text)


@pytest.mark.parametrize("text", [
    "Nabízíme poradenství pro cizince.",
    "Individuální konzultace pro klienty",
    "Free counselling for families.",
])
def test_counselling_of_no_other_kind_is_social_counselling(text):
    assert "social_counselling" in activities(text)


@pytest.mark.parametrize("text", ["Právní poradenství pro cizince", "Legal counselling in Brno"])
def test_legal_counselling_alone_is_not_social_counselling(text):
    found = activities(text)
    assert "legal_counselling" in found and "social_counselling" not in found


def test_social_legal_counselling_is_both():
    found = activities("Poskytujeme sociálně-právní poradenství.")
    assert {"social_counselling", "legal_counselling"} <= set(found)


@pytest.mark.parametrize("text", [
    "Rozdáváme humanitární pomoc a potravinové balíčky.",
    "Dobrovolníci pomáhají při sbírce oblečení.",
    "material aid and volunteering",
    "advocacy for the rights of migrants",
])
def test_aid_volunteering_and_advocacy_are_other_activities(text):
    assert "other" in activities(text)


@pytest.mark.parametrize("text", [
    "držitelé dočasné ochrany", "držitelů dočasné ochrany", "držitelům dočasné ochrany",
    "držiteli dočasné ochrany", "pro uprchlíky z Ukrajiny", "ukrajinským uprchlíkům",
    "kurz pro Ukrajince", "holders of temporary protection", "refugees from Ukraine",
    "people who fled the war",
])
def test_holders_of_temporary_protection_in_any_case(text):
    assert "temporary_protection" in groups(text)


@pytest.mark.parametrize("text", [
    "azylanti", "azylantům", "azylantů", "žadatelé o azyl", "žadatelům o mezinárodní ochranu",
    "osoby s doplňkovou ochranou", "asylum seekers", "recognised refugees",
])
def test_asylum_seekers_and_holders_of_international_protection_in_any_case(text):
    assert "international_protection" in groups(text)


@pytest.mark.parametrize("text, code", [
    ("děti cizinců", "children_youth"),
    ("žákům s odlišným mateřským jazykem", "children_youth"),
    ("ženy migrantky", "women"),
    ("ženám-migrantkám", "women"),
    ("matky s dětmi a samoživitelky", "women"),
    ("pedagogové", "professionals"),
    ("semináře pro učitele", "professionals"),
    ("úředníci a úřednice", "public_administration"),
    ("training of municipal officials", "public_administration"),
    ("české děti spolu s dětmi cizinců", "majority_society"),
    ("akce pro širokou veřejnost", "majority_society"),
    ("bulharští občané pracující v Česku", "eu_citizens"),
    ("senioři a lidé se zdravotním postižením", "other"),
])
def test_common_names_of_a_group(text, code):
    assert code in groups(text)


@pytest.mark.parametrize("text", [
    "Kurzy jsou pro cizince žijící v Brně.",
    "lidé s migrační zkušeností",
    "Support for migrants and their families.",
])
def test_foreigners_with_no_status_are_other(text):
    assert groups(text) in (["other"], ["children_youth", "other"])


def test_foreigners_on_a_page_that_names_a_status_are_that_status():
    text = "Projekt pomáhá cizincům. Určen je držitelům dočasné ochrany."
    assert groups(text) == ["temporary_protection"]


@pytest.mark.parametrize("text, code", [
    ("Projekt se netýká držitelů dočasné ochrany.", "temporary_protection"),
    ("Služba je pro cizince mimo občany EU.", "eu_citizens"),
    ("The service does not include EU citizens.", "eu_citizens"),
    ("Open to all migrants except asylum seekers.", "international_protection"),
])
def test_an_explicit_exclusion_never_produces_a_group(text, code):
    assert code not in groups(text)


@pytest.mark.parametrize("text", [
    "Kurz je pro cizince i cizinky.",
    "Open to men and women alike.",
    "Lessons are given in their mother tongue.",
    "Most of them are boys, girls come less often.",
])
def test_a_gender_neutral_mention_is_not_women(text):
    assert "women" not in groups(text)


@pytest.mark.parametrize("text, field, code", [
    ("Na projekt je navázán odbor, který je předkladatelem.", "activities", "housing_support"),
    ("Zákony a základní dokumenty zakotvené v listině.", "groups", "children_youth"),
    ("Pomohli mimo jiné i Evropské unii.", "groups", "third_country_nationals"),
    ("Ministry of Education, Youth and Sports", "groups", "children_youth"),
    ("Ministry of Education, Youth and Sports", "activities", "integration_activities"),
    ("They learn about the Czech labour market.", "activities", "czech_language"),
    ("Lidé žijí v uprchlickém táboře.", "activities", "integration_activities"),
    ("Research in the field of education.", "activities", "fieldwork"),
    ("The majority of participants were migrants.", "groups", "majority_society"),
    ("Projekt financuje Evropský sociální fond pro občany.", "groups", "eu_citizens"),
    ("Partnerem je Centrum pro integraci cizinců.", "groups", "other"),
    ("Podle zákona o pobytu cizinců je třeba vízum.", "groups", "other"),
    ("Kontaktní osoba: Jana Nová, informace na webu.", "activities", "information_centre"),
])
def test_a_word_that_usually_means_something_else_does_not_fire(text, field, code):
    found = activities(text) if field == "activities" else groups(text)
    assert code not in found


def test_a_quoted_event_name_does_not_hide_the_rest_of_its_sentence():
    text = "Chystáme víkendová setkání „Máma, táta a já“ a doučování pro děti."
    assert "education_counselling" in activities(text)


def test_a_quoted_call_name_is_not_read_as_the_audience():
    text = "Město podá žádost do výzvy „Podpora integrace držitelů dočasné ochrany“."
    assert groups(text) == []


def test_guard_and_adjacent_terms():
    guarded = parse_rule("social_counselling", "cs", "-právní poradenství")
    tokens = [(fold(lemma(w, "cs")), fold(w)) for w in words("právní poradenství")]
    assert not rule_matches(guarded, tokens)
    tokens = [(fold(lemma(w, "cs")), fold(w)) for w in words("bezplatné poradenství")]
    assert rule_matches(guarded, tokens)
    adjacent = parse_rule("majority_society", "en", "local +community")
    tokens = [(fold(lemma(w, "en")), fold(w)) for w in words("local Vietnamese community")]
    assert not rule_matches(adjacent, tokens)
    tokens = [(fold(lemma(w, "en")), fold(w)) for w in words("the local community")]
    assert rule_matches(adjacent, tokens)


def test_other_has_rules_in_both_languages():
    for name in ("activities.tsv", "target_groups.tsv"):
        for language in ("cs", "en"):
            assert any(r.code == "other" and r.language == language and not r.negative
                       for r in rules(name))


def _reference_codes(sentence: str, rule_file: str) -> list[tuple[str, str]]:
    """``match_codes`` the plain way: every rule, every term looked for word by word."""
    tokens_in: dict[str, list[tuple[str, str]]] = {}
    for language in {rule.language for rule in rules(rule_file)}:
        tokens = tokens_in[language] = []
        for word in words(sentence):
            tokens.append((fold(lemma(word, language)), fold(word)))
            if "-" in word:
                tokens += [(fold(lemma(part, language)), fold(part))
                           for part in word.split("-") if part]
    found, vetoed = [], set()
    for rule in rules(rule_file):
        present = {form for token in tokens_in[rule.language] for form in token}
        if not all(exact & present or any(w.startswith(prefixes) for w in present)
                   if prefixes else exact & present for exact, prefixes in rule.terms):
            continue
        if rule_matches(rule, tokens_in[rule.language]):
            if rule.negative:
                vetoed.add(rule.code)
            else:
                found.append((f"?{rule.code}" if rule.fallback else rule.code, rule.source))
    return [(code, source) for code, source in found if code.lstrip("?") not in vetoed]


# The extraction fixtures and the demo corpus: a few hundred sentences of both languages.
CORPORA = [Path(__file__).resolve().parent / "documents",
           Path(__file__).resolve().parents[3] / "demo" / "documents"]


@pytest.mark.parametrize("rule_file", ["activities.tsv", "target_groups.tsv"])
def test_indexed_matching_finds_what_trying_every_rule_finds(rule_file):
    # The rules are looked up by the words and word beginnings a sentence has: that finds
    # the very rules, in the same order, that trying each rule on each sentence does.
    texts = [path.read_text("utf-8", errors="replace")
             for corpus in CORPORA for path in sorted(corpus.rglob("*.txt"))]
    units = {unit for text in texts for unit in sentences(text)}
    units |= {"Ženy-migrantky a žáci-cizinci, migrantky i migranti.",
              "Socio-kulturní kurzy pro uprchlíky; právní a sociální poradenství.",
              "Not legal counselling, but counselling for refugees and asylum seekers."}
    assert len(units) > 100
    for unit in sorted(units):
        assert match_codes(unit, rule_file) == _reference_codes(unit, rule_file), unit
        # A second time from the caches, the same.
        assert match_codes(unit, rule_file) == _reference_codes(unit, rule_file), unit
