"""Partners named in running text: cues of cooperation, descriptions before a name, a
sub-project's implementer, a research team, the publishing partner; and what is no partner."""

from __future__ import annotations

import pytest

from importers.extract.org_text import split_names
from importers.extract.partners import find_partners


def names(text: str, **kwargs: str) -> set[str]:
    return {finding.value for finding in find_partners(text, **kwargs)}


@pytest.mark.parametrize(
    "text, expected",
    [
        # a description before the name is not part of it
        (
            "Projekt povede Poradna Jih a zapojí se do něj i norská NNO Amaro a česká NNO Kvítek.",
            {"Amaro", "Kvítek"},
        ),
        (
            "Rozvinula se spolupráce se zástupci vietnamské akciové společnosti Lotos, s vedením "
            "tržnice i s řadou dalších spolků.",
            {"Lotos"},
        ),
        # a role before a listed name
        (
            "Do projektu se zapojuje také Klub Sever a jako nový člen Centrum Lípa.",
            {"Klub Sever", "Centrum Lípa"},
        ),
        # a unit after a dash belongs to the name; a clause after a semicolon ends the list
        (
            "Kampaň vede Poradna Jih ve spolupráci s Diakonií Sever – Středisko pro cizince; "
            "jejím cílem je informovat pracovníky.",
            {"Diakonie Sever – Středisko pro cizince"},
        ),
        # a relative clause inside the list ends at its comma, and the list goes on
        (
            "Partnery projektu jsou dobrovolnická organizace Kvítek, která vede kurzy češtiny, "
            "a Hospodářská komora Lipno.",
            {"Kvítek", "Hospodářská komora Lipno"},
        ),
        # a verb after "a" starts a clause
        (
            "Charita přitom spolupracuje s městem Kolín a Krajem Vysočina a vydává potraviny.",
            {"Město Kolín", "Kraj Vysočina"},
        ),
        # a sub-project's implementer in a town's umbrella project
        (
            "Jako dílčí projekt se realizuje Sport spojuje. Realizátor dílčího projektu: "
            "Spolek Kvítek, z.s.",
            {"Spolek Kvítek, z.s."},
        ),
    ],
)
def test_partners_named_in_czech_text(text, expected):
    assert names(text) == expected


def test_an_english_subject_that_cooperated():
    text = (
        "The project trained intercultural workers; the Association for Migrant Work "
        "cooperated on this."
    )
    assert names(text, language="en") == {"Association for Migrant Work"}


@pytest.mark.parametrize(
    "text, language",
    [
        # who gives the money with another is a funder
        (
            "Dotaci na projekt poskytlo Ministerstvo vnitra společně s UNHCR, a to z programu "
            "pro obce.",
            "cs",
        ),
        # people of a nation, and a relative clause after them
        ("Na akcích se podíleli i Poláci a Řekové, kteří tu žijí už dlouho.", "cs"),
        # an abbreviation the text defines for a common noun phrase
        (
            "Školíme dvojjazyčné asistenty pedagoga (DAP). Workshopy vedou učitelé spolu s DAP.",
            "cs",
        ),
        # said not to take part in the project
        (
            "S centrem spolupracuje i Poradna Jih, která radí cizincům; do projektu však nepatří.",
            "cs",
        ),
        # an initial and a surname name a person
        ("The scholarships rely on cooperation with the J. Novák.", "en"),
    ],
)
def test_no_partner(text, language):
    assert names(text, language=language) == set()


def test_an_abbreviation_of_a_name_is_a_partner():
    text = "Kurzy vede Poradna pro cizince (PPC) v Lipně. Doučování chystáme spolu s PPC."
    assert names(text) == {"PPC"}


def test_the_partner_publishing_the_page():
    text = (
        "Projekt koordinuje Síť poraden Lipno. Zapojeno je jedenáct partnerů. "
        "Seminář se koná v knihovně Gender Studies, o.p.s."
    )
    url = "https://genderstudies.cz/projekt"
    found = names(text, implementer="Síť poraden Lipno", source_url=url)
    assert found == {"Gender Studies, o.p.s."}
    # no partner spoken of, or the site's owner leads: no partner from the address
    assert (
        names(text.replace("partnerů", "zemí"), implementer="Síť poraden Lipno", source_url=url)
        == set()
    )
    assert names(text, implementer="Gender Studies", source_url=url) == set()


def test_research_team_members_institutions_are_partners():
    text = (
        "Research team\n\n- Jana Nová, Ph.D., Faculty of Humanities Lipno, Czech Republic\n"
        "- Anna Kowalska, Ph.D. University of Lipno, Polsko\n\nAims"
    )
    assert names(text, implementer="Faculty of Humanities Lipno", language="en") == {
        "University of Lipno"
    }


def test_split_names_stops_at_a_clause_but_keeps_legal_forms():
    assert split_names("Klub Sever, o. p. s, Poradna Jih a Centrum pro děti a mládež") == [
        "Klub Sever, o. p. s",
        "Poradna Jih",
        "Centrum pro děti a mládež",
    ]
    assert split_names("Středisko Lipno, příspěvková organizace Tachov; Klub Sever") == [
        "Středisko Lipno, příspěvková organizace Tachov",
        "Klub Sever",
    ]
    assert split_names("UNHCR, a to z programu pro obce") == ["UNHCR"]
