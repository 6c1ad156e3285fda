"""Implementer, partners, nominative case and the alias table."""

from __future__ import annotations

import pytest

from importers.extract.fields import field_lines
from importers.extract.organisations import (
    canonical_organisation,
    find_implementer,
    find_partners,
    nominative,
    organisation_aliases,
    split_names,
)


@pytest.mark.parametrize(
    "phrase, expected",
    [
        ("Multikulturního centra Praha", "Multikulturní centrum Praha"),
        ("Poradnou pro integraci", "Poradna pro integraci"),
        ("statutárního města Brna", "statutární město Brno"),
        ("Diecézní charitou Brno", "Diecézní charita Brno"),
        ("Jihomoravským krajem", "Jihomoravský kraj"),
        ("Ministerstvo práce a sociálních věcí ČR", "Ministerstvo práce a sociálních věcí ČR"),
        ("Organizace pro pomoc uprchlíkům", "Organizace pro pomoc uprchlíkům"),
    ],
)
def test_nominative(phrase, expected):
    assert nominative(phrase) == expected


def test_aliases():
    assert canonical_organisation("SIMI") == "Sdružení pro integraci a migraci"
    assert canonical_organisation("South Moravian Region") == "Jihomoravský kraj"
    assert canonical_organisation("the Statutory City of Brno") == "Statutární město Brno"
    assert canonical_organisation("MMB") == "Statutární město Brno"
    assert (
        canonical_organisation("Organizace pro pomoc uprchlíkům, z.s.")
        == "Organizace pro pomoc uprchlíkům"
    )
    assert canonical_organisation("Neznámý spolek") is None
    table = dict(organisation_aliases())
    assert "Diocesan Charity Brno" in table["Diecézní charita Brno"]


def test_implementer_from_label_drops_abbreviation():
    found = find_implementer("", [("Realizátor", "Sdružení pro integraci a migraci (SIMI)")])
    assert found.value == "Sdružení pro integraci a migraci"


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "Projekt je realizovaný Poradnou pro integraci v Ústí nad Labem za finanční "
            "podpory AMIF.",
            "Poradna pro integraci",
        ),
        ("The project is carried out by the South Moravian Region.", "South Moravian Region"),
        (
            "Realizátorem projektu je Centrum pro integraci cizinců, o.p.s.",
            "Centrum pro integraci cizinců",
        ),
        (
            "The project is implemented by the Organization for Aid to Refugees in Prague.",
            "Organization for Aid to Refugees",
        ),
        (
            "Na realizaci se kromě týmu SIMI podíleli odborníci z CESES.",
            "Sdružení pro integraci a migraci",
        ),
        # A unit after a dash belongs to the name.
        (
            "Realizátorem projektu je Diakonie Západ – Středisko pro cizince.",
            "Diakonie Západ – Středisko pro cizince",
        ),
        # The role noun in lower case, and an adjective of nationality before the name.
        (
            "Projekt trvá rok; jeho koordinátorem je rakouská Síť poraden pro ženy.",
            "Síť poraden pro ženy",
        ),
        # "V <organisation> běží projekt": the locative names who runs it.
        (
            "V Organizaci pro pomoc cizincům, z.s. v současnosti běží projekt Integrace.",
            "Organizace pro pomoc cizincům",
        ),
    ],
)
def test_implementer_from_sentence(sentence, expected):
    assert find_implementer(sentence).value == expected


def test_split_names():
    assert split_names(
        "the Statutory City of Brno, the Diocesan Charity Brno, and the "
        "Organization for Aid to Refugees"
    ) == ["Statutory City of Brno", "Diocesan Charity Brno", "Organization for Aid to Refugees"]
    assert split_names(
        "Ministerstvo práce a sociálních věcí ČR a vybrané kraje: Hl.m. Praha, "
        "Liberecký kraj a Jihomoravský kraj"
    ) == [
        "Ministerstvo práce a sociálních věcí ČR", "Hl.m. Praha", "Liberecký kraj",
        "Jihomoravský kraj",
    ]


def test_partner_list_excludes_the_implementer_and_keeps_names_as_written():
    fields = [
        (
            "Přehled partnerů",
            "Jihomoravský kraj – příjemce\nDiecézní charita Brno\n"
            "Organizace pro pomoc uprchlíkům, z.s.",
        )
    ]
    names = [f.value for f in find_partners("", fields, implementer="Jihomoravský kraj")]
    assert names == ["Diecézní charita Brno", "Organizace pro pomoc uprchlíkům, z.s."]


def test_partners_from_czech_sentences_in_nominative():
    text = (
        "Na realizaci projektu se kromě týmu SIMI podíleli odborníci z Multikulturního "
        "centra Praha. Mezi další partnery patřilo Ministerstvo práce a sociálních věcí ČR."
    )
    names = [f.value for f in find_partners(text, implementer="Sdružení pro integraci a migraci")]
    assert names == ["Ministerstvo práce a sociálních věcí ČR", "Multikulturní centrum Praha"]


def test_partner_share_of_the_budget_names_a_partner():
    fields = [
        ("Celkové náklady projektu", "9 542 746,00 Kč"),
        ("Celkové náklady statutárního města Brna", "1 639 297,00 Kč"),
    ]
    assert [f.value for f in find_partners("", fields)] == ["Statutární město Brno"]


def test_implementer_is_never_a_partner_by_alias():
    text = (
        "The project runs in cooperation with partners: the South Moravian Region, People in Need."
    )
    names = [f.value for f in find_partners(text, implementer="Jihomoravský kraj", language="en")]
    assert names == ["People in Need"]


def test_implementer_after_realizovalo_jej():
    text = (
        "Projekt probíhal od září 2017. Realizovalo jej Sdružení pro integraci a migraci "
        "(SIMI) za podpory Evropského sociálního fondu."
    )
    assert find_implementer(text).value == "Sdružení pro integraci a migraci"


def test_partner_sentence_with_adverb_and_statutory_city():
    text = (
        "Partnerem bylo také Ministerstvo práce a sociálních věcí ČR. Projekt realizuje "
        "Centrum pro integraci cizinců ve spolupráci se statutárním městem Ostrava."
    )
    names = [f.value for f in find_partners(text, implementer="Centrum pro integraci cizinců")]
    assert names == ["Ministerstvo práce a sociálních věcí ČR", "Statutární město Ostrava"]


def test_english_name_ends_before_a_lowercase_word():
    text = (
        "The project is implemented by the Association for Integration and Migration "
        "nationwide from 2019."
    )
    assert find_implementer(text).value == "Association for Integration and Migration"


def test_subject_that_carries_out_the_project():
    text = "Město Most realizuje od roku 2019 projekt zaměřený na integraci cizinců."
    assert find_implementer(text).value == "Město Most"
    assert find_implementer("Projekt realizuje od roku 2019 mnoho aktivit.").value is None


def test_project_name_between_projekt_and_realizuje():
    text = (
        "Projekt Centrum na podporu integrace cizinců v Ústeckém kraji (reg. č. CZ.12.01.02/00/"
        "24_022/0000077) realizuje Poradna pro integraci v Ústí nad Labem s podporou AMIF."
    )
    assert find_implementer(text).value == "Poradna pro integraci"


def test_short_passive_form():
    assert find_implementer("Projekt je realizován Charitou Olomouc.").value == "Charita Olomouc"
    assert find_implementer("Projekt byl realizován za podpory ESF.").value is None


def test_partners_of_the_project_are_sentence():
    text = "Partnery projektu jsou Charita Olomouc a Univerzita Palackého v Olomouci."
    names = [f.value for f in find_partners(text)]
    assert names == ["Charita Olomouc", "Univerzita Palackého v Olomouci"]
    text = "The partners of the project are the Caritas Olomouc and Palacký University."
    names = [f.value for f in find_partners(text, language="en")]
    assert names == ["Caritas Olomouc", "Palacký University"]


def test_team_abbreviation_spelled_out_in_the_text():
    text = (
        "Projekt připravila Organizace pro integraci v Kladně (OPIK). Na realizaci se kromě "
        "týmu OPIK podíleli dobrovolníci."
    )
    assert find_implementer(text).value == "Organizace pro integraci v Kladně"


@pytest.mark.parametrize(
    "text, expected",
    [
        # Czech puts the subject after its verb: the organisation right after the action.
        ("V roce 2023 uskutečňuje Město Kolín projekt, který pomáhá rodinám.", "Město Kolín"),
        (
            "Od jara poskytuje Poradna pro cizince Ostrava spolu s obcí kurzy.",
            "Poradna pro cizince Ostrava",
        ),
        (
            "Do programu se přihlásila Krajská knihovna Zlín, která chce učit češtinu.",
            "Krajská knihovna Zlín",
        ),
        # A plural verb with two organisations: the first one named leads.
        ("Festival pořádají Spolek Lípa a Centrum Most v Plzni.", "Spolek Lípa"),
    ],
)
def test_implementer_as_the_subject_after_its_verb(text, expected):
    assert find_implementer(text).value == expected


def test_a_person_or_a_place_after_the_verb_is_not_the_implementer():
    assert find_implementer("Kurzy poskytuje Jana Nováková každé úterý.").value is None
    assert find_implementer("Letos pořádá Kolín festival.").value is None


def test_a_labelled_list_of_implementers_gives_the_first():
    fields = [("Author", "Lipa Committee, IOM Prague, IOM Vienna")]
    assert find_implementer("", fields).value == "Lipa Committee"
    fields = [("Organizace", "Spolek pro integraci a migraci, o.p.s.")]
    assert find_implementer("", fields).value == "Spolek pro integraci a migraci, o.p.s."


def test_a_place_is_never_a_partner():
    text = "Zapojeno je pět partnerů z Rakouska: Vídeň, Itálie, Poradna Jih a Klub Sever."
    assert [p.value for p in find_partners(text)] == ["Klub Sever", "Poradna Jih"]


def test_a_labelled_partner_list_continues_on_the_lines_below():
    text = "Partners : Poradna Jih\nKlub Sever\nSpolek Lípa\nTheme : Employment"
    assert [p.value for p in find_partners(text, field_lines(text))] == [
        "Klub Sever",
        "Poradna Jih",
        "Spolek Lípa",
    ]


def test_the_rest_of_a_labelled_implementer_list_are_partners():
    fields = [("Author", "Lipa Committee, Sever Institute, Jih Office")]
    assert find_implementer("", fields).value == "Lipa Committee"
    assert [p.value for p in find_partners("", fields, "Lipa Committee", "en")] == [
        "Jih Office",
        "Sever Institute",
    ]


def test_each_further_cooperation_cue_starts_another_partner():
    text = (
        "The survey was run jointly with the Centre for Migration Studies, cooperating "
        "with the Regional Office of Lipa."
    )
    assert [p.value for p in find_partners(text, language="en")] == [
        "Centre for Migration Studies",
        "Regional Office of Lipa",
    ]


def test_partners_named_in_the_instrumental_are_given_in_the_nominative():
    text = "Poradnu provozuje spolu se Sdružením pro integraci a migraci a Diakonií Západ."
    assert {p.value for p in find_partners(text)} == {
        "Sdružení pro integraci a migraci",
        "Diakonie Západ",
    }


def test_the_second_of_two_subjects_after_a_plural_verb_is_a_partner():
    text = "Festival pořádají Spolek Lípa a Centrum na podporu cizinců v Plzni."
    assert find_implementer(text).value == "Spolek Lípa"
    assert [p.value for p in find_partners(text, implementer="Spolek Lípa")] == [
        "Centrum na podporu cizinců v Plzni"
    ]


def test_a_contact_person_is_never_the_implementer():
    fields = [("Koordinátorka projektu", "Mgr. Jana Nová, nova@example.cz")]
    assert find_implementer("", fields).value is None


@pytest.mark.parametrize(
    "text, expected",
    [
        # An organisation opening a sentence with what it does carries the project out.
        ("Charita Jih od 1. května 2022 pomáhá uprchlíkům v rámci projektu Domov.", "Charita Jih"),
        (
            "Kolínská pobočka organizace Centrum pro cizince, o.p.s. nabízí kurzy češtiny.",
            "Centrum pro cizince, o.p.s.",
        ),
        (
            "Since the war began, the Faculty of Social Work has actively helped refugees.",
            "Faculty of Social Work",
        ),
    ],
)
def test_an_organisation_opening_a_sentence_with_what_it_does(text, expected):
    assert find_implementer(text).value == expected


def test_a_town_or_person_opening_a_sentence_is_not_taken_for_an_organisation():
    assert find_implementer("Jana Nová pomáhá rodinám v Kolíně.").value is None


def test_participants_listed_with_cooperation_cues_lead_first():
    fields = [
        (
            "Project participants",
            "Lipa University in Brno jointly with the Centre for "
            "Migration Studies, cooperating with the Regional Office of Jih",
        )
    ]
    assert find_implementer("", fields).value == "Lipa University in Brno"
    assert [p.value for p in find_partners("", fields, "Lipa University in Brno", "en")] == [
        "Centre for Migration Studies",
        "Regional Office of Jih",
    ]
    assert (
        find_implementer("", [("DP Managing organisation", "Poradna Jih")]).value == "Poradna Jih"
    )


def test_those_joining_the_project_are_partners_and_a_new_clause_ends_a_name():
    text = (
        "Do projektu se zapojuje také Klub Sever, Poradna Jih a Centrum Lípa. "
        "Na přípravě spolupracují s Technickou univerzitou v Plzni a akce se koná v parku."
    )
    assert {p.value for p in find_partners(text)} == {
        "Klub Sever", "Poradna Jih", "Centrum Lípa", "Technická univerzita v Plzni",
    }


def test_a_town_written_with_a_lower_case_head_inside_a_sentence_is_a_name():
    assert find_implementer("Nositelem projektu je město Pardubice; partnerem je spolek.").value \
        == "Město Pardubice"
    assert find_implementer("Projekt realizuje statutární město Ústí nad Labem.").value == (
        "Statutární město Ústí nad Labem")


def test_the_town_after_the_verb_and_the_town_that_invites():
    text = "Klub provozuje město Nové Město na Moravě pod názvem projektu Spolu."
    assert find_implementer(text).value == "Město Nové Město na Moravě"
    assert find_implementer("Město Kolín zve rodiny cizinců na setkání.").value == "Město Kolín"


def test_a_name_ends_before_a_lower_case_z_or_pod_but_not_before_a_place():
    assert find_implementer("Projekt realizuje Klub Broučci z Frýdlantu.").value == (
        "Klub Broučci z Frýdlantu")
    assert find_implementer("Projekt realizovalo Město Třebíč z dotace kraje.").value == (
        "Město Třebíč")


def test_the_site_s_name_is_the_implementer_when_the_text_names_it_and_nothing_else_does():
    text = "Klub navštěvují rodiny z Ukrajiny. Kontakt: Diecézní charita Brno, Třída 1."
    assert find_implementer(text).value is None
    assert find_implementer(text, site_name="Diecézní charita Brno").value == (
        "Diecézní charita Brno")
    # A news site is no organisation; a name the text never mentions confirms nothing.
    assert find_implementer("Klub navštěvují rodiny.", site_name="Brněnský deník").value is None
    assert find_implementer("Klub navštěvují rodiny.", site_name="Charita Opava").value is None


def test_the_applicant_that_won_the_grant_and_the_body_that_set_the_centre_up():
    text = "Město Třebíč uspělo se žádostí o dotaci ze státního rozpočtu."
    assert find_implementer(text).value == "Město Třebíč"
    text = "Centrum zřídila Správa uprchlických zařízení a jeho provoz hradí Evropská unie."
    assert find_implementer(text).value == "Správa uprchlických zařízení"


def test_a_name_ends_before_the_means_it_works_through():
    text = "V roce 2020 realizovala Diakonie Západ prostřednictvím své poradny kurzy češtiny."
    assert find_implementer(text).value == "Diakonie Západ"


def test_the_part_of_the_site_s_name_that_is_an_organisation():
    text = "Městská část Praha 22 – Uhříněves\n\nKlub navštěvují rodiny cizinců."
    assert find_implementer(text, site_name="Městská část Praha 22 – Uhříněves").value == (
        "Městská část Praha 22")
