"""The directory of known organisations, names cleaned of contact details and legal forms,
the spellings an organisation is looked up by, and names that are no organisation."""

from __future__ import annotations

import pytest

from importers.extract.names import (
    ORGANISATION_TYPES,
    _directory,
    canonical_organisation,
    clean_organisation_name,
    known_names,
    name_key,
    not_an_organisation,
    organisation_aliases,
    organisation_spellings,
    organisation_type,
    without_legal_form,
)
from knowledge_platform.text import match_key

# --- the directory ---------------------------------------------------------------------------


def test_the_directory_is_a_real_directory_of_the_field():
    entries = organisation_aliases()
    assert len(entries) >= 150
    assert sum(len(aliases) for _, aliases in entries) >= 400


def test_every_name_of_the_directory_names_one_organisation():
    owner: dict[str, str] = {}
    for canonical, aliases in organisation_aliases():
        for name in (canonical, *aliases):
            for key in {name_key(name), match_key(name), name_key(without_legal_form(name))}:
                assert owner.setdefault(key, canonical) == canonical, (name, owner[key])


def test_every_name_of_the_directory_finds_its_organisation():
    for canonical, aliases in organisation_aliases():
        for name in (canonical, *aliases):
            assert canonical_organisation(name) == canonical, name


def test_directory_types_are_organisation_types():
    entries, _ = _directory()
    assert {kind for _, _, kind in entries} <= set(ORGANISATION_TYPES)
    assert organisation_type("OPU") == "ngo"
    assert organisation_type("Statutory City of Ostrava") == "municipality"
    assert organisation_type("IOM Prague") == "international"
    assert organisation_type("Neznámý spolek") is None


@pytest.mark.parametrize(
    "name, canonical",
    [
        # an organisation named by its English name is the same record
        ("Organization for Aid to Refugees", "Organizace pro pomoc uprchlíkům"),
        ("Statutory City of Pardubice", "Statutární město Pardubice"),
        ("město Pardubice", "Statutární město Pardubice"),
        ("Magistrát města Pardubic", "Statutární město Pardubice"),
        ("City of Karlovy Vary", "Statutární město Karlovy Vary"),
        ("Diecézní katolická charita Hradec Králové", "Diecézní charita Hradec Králové"),
        ("Caritas Czech Republic", "Charita Česká republika"),
        (
            "Refugee Facilities Administration of the Ministry of the Interior",
            "Správa uprchlických zařízení Ministerstva vnitra",
        ),
        (
            "Department for Asylum and Migration Policy",
            "Odbor azylové a migrační politiky Ministerstva vnitra",
        ),
        (
            "Consortium of Migrants Assisting Organizations in the Czech Republic",
            "Konsorcium nevládních organizací pracujících s migranty v ČR",
        ),
        ("Palacký University Olomouc", "Univerzita Palackého v Olomouci"),
        ("Klub Hanoi", "South East Asia – liaison"),
        # former names, city districts, research institutes and international bodies of the field
        ("Národní ústav pro vzdělávání", "Národní pedagogický institut České republiky"),
        ("MČ Praha 7", "Městská část Praha 7"),
        ("Úřad městské části Praha 12", "Městská část Praha 12"),
        ("AUCCJ", "Asociace učitelů češtiny jako cizího jazyka"),
        (
            "Research Institute for Labour and Social Affairs",
            "Výzkumný ústav práce a sociálních věcí",
        ),
        ("European Asylum Support Office", "Agentura Evropské unie pro otázky azylu"),
        ("International Labour Organization", "Mezinárodní organizace práce"),
        ("FSS OU", "Fakulta sociálních studií Ostravské univerzity"),
        (
            "Centrum na podporu integrace cizinců v Libereckém kraji",
            "Centrum na podporu integrace cizinců pro Liberecký kraj",
        ),
    ],
)
def test_an_organisation_named_by_any_alias_is_the_canonical_one(name, canonical):
    assert canonical_organisation(name) == canonical


@pytest.mark.parametrize(
    "name",
    [
        "Slovo 21", "Slovo 21 z.s", "Slovo 21, z.s.", "Slovo 21, z. s.", "Slovo 21 z. s.",
        "SLOVO 21, Z.S.",
    ],
)
def test_a_legal_form_spelling_does_not_make_another_organisation(name):
    assert canonical_organisation(name) == "Slovo 21"


def test_contact_details_and_brackets_do_not_hide_a_known_organisation():
    assert canonical_organisation("MOST PRO, o.p.s. www.mostpro.cz") == "Most pro"
    assert (
        canonical_organisation("Counselling Centre for Integration (Poradna pro integraci, z.ú.)")
        == "Poradna pro integraci"
    )
    assert (
        canonical_organisation("Klub Hanoi, o.s. (now South East Asia – liaison, z. s.)")
        == "South East Asia – liaison"
    )


def test_ordinary_words_and_short_names_are_matched_as_whole_names_only():
    names = set(known_names())
    # "naděje" is hope, "most" a bridge, "diakonie" church social work: never looked for
    # inside running text or titles, yet a whole name still finds its organisation.
    for word in (
        "Naděje", "NADĚJE", "Most pro", "Diakonie", "META", "město Brno", "MV", "Tady a teď", "ILO",
        "FRA", "Divoké husy",
    ):
        assert word not in names
    assert canonical_organisation("Naděje") == "NADĚJE"
    assert canonical_organisation("Diakonie") == "Diakonie Českobratrské církve evangelické"
    assert "Statutární město Brno" in names and "Organization for Aid to Refugees" in names


# --- contact details glued to a name ---------------------------------------------------------


@pytest.mark.parametrize(
    "name, cleaned",
    [
        # a web address glued to a name is cleaned
        ("Spolek Kompas, z.s. www.kompas-example.cz", "Spolek Kompas, z.s."),
        ("Spolek Kompas (https://kompas-example.cz/o-nas)", "Spolek Kompas"),
        ("Spolek Kompas kompas-example.org", "Spolek Kompas"),
        # an e-mail and a contact person
        ("Poradna Sever, Mgr. Jana Nová, nova@sever-example.cz", "Poradna Sever"),
        ("Poradna Sever, Jana Nová, nova@sever-example.cz", "Poradna Sever"),
        ("Poradna Sever – Bc. Petr Malý, DiS.", "Poradna Sever"),
        ("Poradna Sever, kontaktní osoba: Petr Malý, tel. 777 123 456", "Poradna Sever"),
        ("Poradna Sever, tel.: +420 777 123 456", "Poradna Sever"),
        # names that only look like it stay
        ("ZŠ Dr. M. Tyrše", "ZŠ Dr. M. Tyrše"),
        ("Integrační centrum Praha, o.p.s.", "Integrační centrum Praha, o.p.s."),
        (
            "Diakonie ČCE – Středisko celostátních programů a služeb",
            "Diakonie ČCE – Středisko celostátních programů a služeb",
        ),
        ("nova@sever-example.cz", ""),
    ],
)
def test_a_web_address_glued_to_a_name_is_cleaned(name, cleaned):
    assert clean_organisation_name(name) == cleaned


@pytest.mark.parametrize(
    "name, bare",
    [
        ("MOST PRO, o.p.s.", "MOST PRO"),
        ("Agentura Pondělí, z.s", "Agentura Pondělí"),
        ("CLU3V z.s.", "CLU3V"),
        ("SocioFactor s.r.o", "SocioFactor"),
        (
            "Jihomoravské centrum pro mezinárodní mobilitu, z. s. p. o.",
            "Jihomoravské centrum pro mezinárodní mobilitu",
        ),
        ("MOST o.p.", "MOST"),
        ("Regionální středisko, příspěvková organizace Tachov", "Regionální středisko Tachov"),
        ("Regionální středisko a příspěvková organizace Tachov", "Regionální středisko Tachov"),
        ("Pracovní skupina Z. S.", "Pracovní skupina"),
        ("Firma Kos", "Firma Kos"),
        ("z.s.", "z.s."),
    ],
)
def test_without_legal_form(name, bare):
    assert without_legal_form(name) == bare


# --- the spellings an organisation is looked up by -------------------------------------------


def test_spellings_of_a_name_with_a_translated_head_and_a_bracket():
    spellings = organisation_spellings("Town of Vyšší Brod")
    assert spellings.names == ["Town of Vyšší Brod", "Město Vyšší Brod"]
    spellings = organisation_spellings("MČ Praha-Libuš")
    assert "Městská část Praha-Libuš" in spellings.names
    spellings = organisation_spellings("Město Vyšší Brod (Komise pro integraci cizinců)")
    assert spellings.names[:2] == [
        "Město Vyšší Brod (Komise pro integraci cizinců)",
        "Město Vyšší Brod",
    ]
    # the bracket's content is a guess only a known organisation's name may match
    assert spellings.guesses == ["Komise pro integraci cizinců"]
    assert spellings.known_only == {"Komise pro integraci cizinců"}


@pytest.mark.parametrize(
    "name, guess, known_only",
    [
        ("Kraj Vysočina a vydává potraviny a hygienu", "Kraj Vysočina", False),
        ("MOST pro a registered social service provider for foreigners", "MOST pro", False),
        ("Liberecký kraj, odbor sociálních věcí", "Liberecký kraj", False),
        # capitalised words after the cut: another name may follow, so only a known
        # organisation's name counts ("Dům dětí a mládeže a Zařízení …" is no "Dům dětí")
        (
            "Statutární město Brno a financuje ho Operační program Zaměstnanost",
            "Statutární město Brno",
            True,
        ),
        ("Dům dětí a mládeže a Zařízení pro další vzdělávání", "Dům dětí", True),
        ("City of Prague on behalf of the Prague city districts", "City of Prague", True),
    ],
)
def test_a_clause_glued_to_a_name_gives_a_guess(name, guess, known_only):
    spellings = organisation_spellings(name)
    assert spellings.name == name
    assert guess in spellings.guesses
    assert (guess in spellings.known_only) is known_only


# --- names that are no organisation ----------------------------------------------------------


@pytest.mark.parametrize(
    "name, reason",
    [
        ("12 500 Kč", "an amount"),
        ("2019", "an amount"),
        ("Plzeň", "a bare place name"),
        ("Vienna", "a bare place name"),
        ("Mgr. Jana Nová", "a person"),
        ("Jana Nová, nova@sever-example.cz", "a person"),
        # A common given name and one surname, with no title or address: still a person.
        ("Jan Novák", "a person"),
        ("Petra Dvořáková", "a person"),
        ("Sarah Miller", "a person"),
        ("nova@sever-example.cz", "nothing but contact details"),
        ("", "an empty name"),
    ],
)
def test_junk_is_not_an_organisation(name, reason):
    assert not_an_organisation(name).startswith(reason)


@pytest.mark.parametrize(
    "name",
    [
        "Statutární město Plzeň", "Město Most", "Most pro", "Slovo 21", "Praha 3",
        "ZŠ Dr. M. Tyrše", "Hlavní město Praha", "Hl. m. Praha",
        # A given name before an organisation's word, or a surname-like word alone.
        "Charles University", "Anna Foundation", "Centrum Jana", "Nová škola",
    ],
)
def test_organisations_are_not_junk(name):
    assert not_an_organisation(name) is None
