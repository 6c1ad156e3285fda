"""Implementers a page implies: a town's or a city district's own project, a "we"-page, a
research team, the site's owner; and the conventions of sentences that name the lead."""

from __future__ import annotations

import pytest

from importers.extract.implied_implementer import (
    implied_implementer,
    site_owner,
    team_affiliations,
)
from importers.extract.organisations import find_implementer

GRANT = "Na projekt město získalo dotaci Ministerstva vnitra na integraci cizinců."


def test_a_city_district_acting_under_the_ministry_grant():
    text = (
        "Cizinci tvoří v MČ Praha-Lipence silnou komunitu. Kurzy češtiny hradí dotace MV, "
        "kterou MČ získala na projekt pro rodiny v MČ Praha-Lipence."
    )
    assert implied_implementer(text, None).value == "MČ Praha-Lipence"


def test_two_city_districts_or_no_grant_imply_nothing():
    two = "MČ Praha 7 a MČ Praha 8 pořádají kurzy; MČ získala dotaci MV."
    assert implied_implementer(two, None).value is None
    no_grant = "Kurzy v MČ Praha 7 pokračují, MČ je hradí ze svého rozpočtu."
    assert implied_implementer(no_grant, None).value is None


def test_a_town_on_its_own_site_applying_for_the_ministry_grant():
    text = (
        "Kolín chce podpořit rodiny cizinců. Rada schválila, že město podá žádost o dotaci MV ČR."
    )
    assert implied_implementer(text, "https://www.kolin.cz/zpravy/integrace").value == "Kolín"
    titled = "Město Kolín podá žádost o dotaci Ministerstva vnitra na kurzy češtiny."
    assert implied_implementer(titled, "https://mesto-kolin.cz/a").value == "Město Kolín"
    # a news site about the same town implies nothing
    assert implied_implementer(text, "https://www.zpravy-z-regionu.cz/kolin").value is None


def test_a_town_named_only_in_another_case_or_by_the_first_word_of_its_address():
    genitive = "Projekt města Kolína podpoří dotace Ministerstva vnitra."
    assert implied_implementer(genitive, "https://www.mestokolin.cz/x").value == "Město Kolín"
    statutory = "Rada statutárního města Jablonce nad Nisou schválila žádost o dotaci MV."
    assert implied_implementer(statutory, "https://www.jablonec.com/x").value == (
        "Statutární město Jablonec nad Nisou"
    )


def test_a_numbered_prague_district_on_its_own_site():
    text = "Městská část Praha 7 žádá o dotaci Ministerstva vnitra na tlumočníky do škol."
    assert implied_implementer(text, "https://www.praha7.cz/x").value == "Městská část Praha 7"


def test_a_we_page_under_an_organisation_heading():
    text = (
        "Spolek Kvítek, z.s.\n\nNaše aktivity\n\nOd jara pořádáme kurzy češtiny. "
        "Nabízíme také doučování a máme dva nové pracovníky."
    )
    assert implied_implementer(text, None).value == "Spolek Kvítek, z.s."


def test_a_we_page_naming_its_organisation():
    text = (
        "Kurzy češtiny\n\nV naší organizaci Kvítek, z.s. pomáháme rodinám cizinců. "
        "Nabízíme kurzy a pořádáme setkání."
    )
    assert implied_implementer(text, None).value == "Kvítek, z.s."


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Diecézní charita Lipno\n\nKurzy\n\nPořádáme kurzy češtiny, nabízíme doučování a "
            "máme nové prostory.",
            "Diecézní charita Lipno",
        ),
        (
            "Kurzy češtiny\n\nJsme nezisková organizace Kvítek a pomáháme rodinám. Nabízíme "
            "kurzy a pořádáme setkání.",
            "Kvítek",
        ),
        (
            "Kurzy češtiny\n\nV Komunitním centru Lípa pomáháme rodinám. Nabízíme kurzy a "
            "pořádáme setkání.",
            "Komunitní centrum Lípa",
        ),
        (
            "Language courses\n\nWe are a non-profit association called Lipa Friends. We offer "
            "courses and our volunteers help families.",
            "Lipa Friends",
        ),
    ],
)
def test_a_we_page_names_itself(text, expected):
    assert implied_implementer(text, None).value == expected


def test_a_headline_or_a_quoted_we_is_no_we_page():
    headline = (
        "Centrum pro cizince otevřelo pobočku\n\nPořádáme kurzy, nabízíme poradenství a máme "
        "nové prostory."
    )
    assert implied_implementer(headline, None).value is None
    quoted = (
        "Spolek Kvítek, z.s.\n\n„Chtěli jsme pomoci, máme radost a víme, že to jde,“ řekla "
        "ředitelka spolku."
    )
    assert implied_implementer(quoted, None).value is None


def test_a_page_without_we_or_heading_implies_nothing():
    text = "Spolek Kvítek\n\nKurzy češtiny pro cizince probíhají každé úterý."
    assert implied_implementer(text, None).value is None


def test_research_team_first_member_leads_the_others_are_partners():
    text = (
        "Výzkumný tým\n\n- Jana Nová, Ph.D., Fakulta humanitních studií Univerzita Lipová, "
        "Česká republika\n- Anna Kowalska, Ph.D. University of Lipno, Polsko\n"
        "- prof. Petr Malý, Institute of Migration Studies, Rakousko\n\nCíle projektu"
    )
    assert [name for name, _ in team_affiliations(text)] == [
        "Fakulta humanitních studií Univerzita Lipová",
        "University of Lipno",
        "Institute of Migration Studies",
    ]
    assert implied_implementer(text, None).value == "Fakulta humanitních studií Univerzita Lipová"


@pytest.mark.parametrize(
    "url, text, expected",
    [
        # a known organisation called by the address, as the text writes it
        ("https://www.opu.cz/cs/projekt", "Kurzy vedou lektoři OPU v Praze.", "OPU"),
        ("https://inbaze.cz/a", "Studijní cesta pro zástupce InBáze z.s. do Osla.", "InBáze z.s."),
        # a name whose initials the address spells, with the capitalised words after it
        (
            "http://kurzy.vssl.cz/zpravy",
            "Logo Vysoká škola sociální v Lipové\n\nKurzy pro učitele.",
            "Vysoká škola sociální v Lipové",
        ),
        # a heading carrying the address's words
        (
            "https://www.kvitek-lipno.cz/a",
            "MAS Kvítek-Lipno, o.p.s.\n\nPomoc.",
            "MAS Kvítek-Lipno, o.p.s.",
        ),
    ],
)
def test_the_site_owner_named_in_the_text(url, text, expected):
    assert site_owner(url, text) == expected


def test_no_site_owner_when_the_text_does_not_name_it_or_it_pays():
    assert site_owner("https://www.opu.cz/cs/projekt", "Kurzy češtiny pro cizince.") is None
    # a foundation's site shows the projects it pays for
    paid = "S grantem Nadace Lipno pokračovaly kurzy češtiny ve spolku Kvítek."
    assert site_owner("https://www.nadacelipno.cz/projekt", "Nadace Lipno\n\n" + paid) is None
    # a ministry's portal publishes others' projects
    assert site_owner("https://www.mvcr.cz/x", "Ministerstvo vnitra podpořilo kurzy.") is None


@pytest.mark.parametrize(
    "text, expected",
    [
        # the lead that others join, in the genitive
        ("Vedle Sluníčka se do projektu zapojuje také Klub Sever.", "Sluníčko"),
        # "projekt organizace X": the name after the generic noun stays in the nominative
        ("Díky projektu organizace Kvítek získají rodiny byt.", "Kvítek"),
        ("Podle projektu organizace Člověk v tísni se učí i děti.", "Člověk v tísni"),
        # a known abbreviation after "projekt"
        ("Jde o kurzy projektu SOZE „Čeština pro azylanty“.", "SOZE"),
        # "vede X kampaň": an abbreviation's branch ends with its last capitalised word
        ("Od března vede IOM Praha informační kampaň pro pracovníky.", "IOM Praha"),
        # the recipient of the grant
        ("Centrum Lípa získalo dotaci na kurzy češtiny.", "Centrum Lípa"),
    ],
)
def test_sentences_naming_the_lead(text, expected):
    assert find_implementer(text).value == expected


def test_a_head_noun_alone_refers_to_an_organisation_named_elsewhere():
    assert find_implementer("Centrum také pořádá kurzy češtiny pro dospělé.").value is None
    text = "Charita Lipno také pořádá kurzy češtiny pro dospělé."
    assert find_implementer(text).value == "Charita Lipno"


def test_a_ministry_abbreviation_after_projekt_names_the_call_not_the_lead():
    assert find_implementer("Kurzy běží v rámci projektu MV „Podpora integrace“.").value is None


def test_besides_needs_the_project_and_keeps_other_clauses_out():
    text = "Kromě Ministerstva vnitra se na financování podílí i kraj."
    assert find_implementer(text).value is None


def test_project_recipient_label_and_sub_project_implementer():
    assert find_implementer("", [("Project recipient", "RIMS")]).value == "RIMS"
    fields = [("Řešitelské pracoviště", "Ústav pro výzkum migrace")]
    assert find_implementer("", fields).value == "Ústav pro výzkum migrace"
    fields = [("Realizátor dílčího projektu", "Spolek Kvítek, z.s.")]
    assert find_implementer("", fields).value is None


def test_implied_implementer_comes_last():
    text = "Realizátorem projektu je Poradna Jih.\n" + GRANT
    assert find_implementer(text, [], "https://www.kolin.cz/a").value == "Poradna Jih"
