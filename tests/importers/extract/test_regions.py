"""Regions: names in any case, abbreviations, towns (and ambiguous ones), CZ and ABROAD."""
from __future__ import annotations

import pytest

from importers.extract.regions import find_regions, town_region, towns


def codes(text, fields=()):
    return [f.value for f in find_regions(text, fields)]


@pytest.mark.parametrize("text, expected", [
    ("Centrum působí v Ústeckém kraji.", ["CZ042"]),
    ("Projekt Jihomoravského kraje pomáhá cizincům.", ["CZ064"]),
    ("Kraj Vysočina podporuje integraci.", ["CZ063"]),
    ("Služby poskytujeme v kraji Vysočina a ve Vysočině.", ["CZ063"]),
    ("Poradna působí v Brně.", ["CZ064"]),
    ("Kurzy probíhají v Plzni a v Ostravě.", ["CZ032", "CZ080"]),
    ("The project runs in the South Moravian Region.", ["CZ064"]),
    ("The Moravian-Silesian Region and Prague take part.", ["CZ010", "CZ080"]),
    ("Centrum pro cizince JMK a MSK.", ["CZ064", "CZ080"]),
    ("Služby jsou dostupné pro celou ČR.", ["CZ"]),
    ("Celorepublikový projekt.", ["CZ"]),
    ("A nationwide campaign.", ["CZ"]),
    ("Přenos dobré praxe ze zahraničí.", ["ABROAD"]),
    ("A study visit in Germany showed good practice.", ["ABROAD"]),
    ("Pobočky máme v Hradci Králové a v Liberci.", ["CZ051", "CZ052"]),
    ("Poradna v Ústí nad Labem.", ["CZ042"]),
    ("Okres Praha-východ.", ["CZ020"]),
])
def test_regions(text, expected):
    assert codes(text) == expected


@pytest.mark.parametrize("text", [
    "Cílovou skupinou jsou cizinci pobývající na území České republiky.",
    "Most přes Vltavu je symbolem spolupráce.",
    "Postavili jsme most mezi kulturami.",
    "Letní tábor pro děti cizinců.",
    "Hranice mezi obory se stírají.",
    "Cizinci z Ukrajiny přicházejí ze zahraničí.",
    "Národní program Azylového, migračního a integračního fondu.",
])
def test_no_region(text):
    assert codes(text) == []


def test_ambiguous_towns_when_plainly_places():
    assert codes("Kurzy češtiny probíhají v Mostě.") == ["CZ042"]
    assert codes("Spolupracujeme s městem Most a okresem Tábor.") == ["CZ031", "CZ042"]
    assert codes("Poradna působí v Hranicích.") == ["CZ071"]
    assert codes("Spolupráce s městy Liberec, Most a Teplice.") == ["CZ042", "CZ051"]


def test_town_in_an_organisation_name_is_weak():
    text = "Celostátní projekt realizuje Diecézní charita Brno."
    assert codes(text) == ["CZ"]
    assert codes("Partnerem je Diecézní charita Brno.") == ["CZ064"]


def test_statutory_city_is_strong():
    assert "CZ064" in codes("Partnerem je statutární město Brno. Projekt je celostátní.")


def test_labelled_region_cell():
    assert codes("", [("Kraj", "Jihomoravský")]) == ["CZ064"]
    assert codes("", [("Region", "CZ080; CZ071")]) == ["CZ071", "CZ080"]


def test_gazetteer_covers_district_seats_and_forms():
    names = {t.name for t in towns()}
    assert {"Praha", "Brno", "Ostrava", "Plzeň", "Most", "Tábor", "Jeseník", "Semily"} <= names
    assert len(names) >= 140
    assert town_region("Brně") == "CZ064"
    assert town_region("Plzní") == "CZ032"
    assert town_region("Ústí nad Labem") == "CZ042"
    assert {t.name for t in towns() if t.ambiguous} >= {"Most", "Tábor", "Hranice"}
    assert all(t.region.startswith("CZ0") for t in towns())


def test_every_district_of_okresy_topojson_is_in_the_gazetteer():
    import json
    from pathlib import Path

    path = (Path(__file__).resolve().parents[3] / ".." / "shared" / "geo" / "okresy.topojson")
    if not path.is_file():
        pytest.skip(f"{path} not found")
    districts = json.loads(path.read_text("utf-8"))["objects"]["okresy"]["geometries"]
    assert len(districts) == 77
    for district in districts:
        props = district["properties"]
        assert town_region(props["NAZ_LAU1"]) == props["KOD_CZNUTS3"], props["NAZ_LAU1"]


def test_vienna_in_czech_and_a_lookalike_word():
    assert codes("Studijní cesta do Vídně a setkání ve Vídni.") == ["ABROAD"]
    assert codes("Pachatel byl viděn v noci.") == []


def test_word_like_abbreviation_in_a_capitals_heading():
    assert codes("A PAK CO DÁL") == []
    assert codes("Centrum pro cizince PAK nabízí kurzy.") == ["CZ053"]


def test_a_labelled_region_outweighs_places_met_in_passing():
    text = ("Expat centrum Ostrava\n\nRegion: Moravian-Silesian Region\n\n"
            "The centre was inspired by the Brno Expat Centre and works with partners in "
            "Prague, Pardubice and Plzeň.")
    fields = [("Region", "Moravian-Silesian Region")]
    assert [f.value for f in find_regions(text, fields)] == ["CZ080"]
    assert {f.value for f in find_regions(text)} >= {"CZ064", "CZ080"}


def _codes(text):
    return [f.value for f in find_regions(text)]


def test_in_the_czech_republic_with_no_narrower_place_is_the_whole_country():
    assert _codes("The project ran in the Czech Republic and in Poland.") == ["ABROAD", "CZ"]
    assert _codes("Projekt běží v České republice, kurzy jsou v Brně.") == ["CZ064"]


def test_a_city_district_is_in_its_citys_region():
    assert _codes("Kurzy pořádá úřad v MČ Praha-Libuš.") == ["CZ010"]


def test_a_town_inside_an_organisations_name_does_not_place_the_project():
    assert _codes("Kampaň vede IOM Praha v Olomouci.") == ["CZ071"]
    assert _codes("The survey joined Mendel University in Brno and schools in Zlín.") == ["CZ072"]


def test_places_in_a_labelled_list_of_organisations_do_not_place_the_project():
    text = "Author: Lipa Committee, IOM Prague, IOM Vienna\n\nThe project ran in Olomouc."
    from importers.extract.fields import field_lines
    assert [f.value for f in find_regions(text, field_lines(text))] == ["CZ071"]


@pytest.mark.parametrize("text, expected", [
    # A transnational project: its partners' countries, an event or a visit abroad.
    ("Partneři projektu pocházejí z Rakouska, České republiky a Itálie.", ["ABROAD", "CZ"]),
    ("Activities ran in four countries: the Czech Republic, Slovakia, Hungary and Poland.",
     ["ABROAD", "CZ"]),
    ("Studijní návštěva v Oslu pro pracovníky poradny.", ["ABROAD"]),
    ("Mezinárodní seminář se konal v Lublani.", ["ABROAD"]),
    # Where the people come from, or the donor states of a fund, are not where it runs.
    ("Uprchlíci z Ukrajiny dostávají pomoc v Brně.", ["CZ064"]),
    ("Válka na Ukrajině změnila práci poradny.", []),
    ("Projekt podpořily Fondy EHP a Norska, partnerem je spolek.", []),
    ("Experti ze zahraničí a lidé z praxe tvoří tým.", []),
])
def test_abroad(text, expected):
    assert _codes(text) == expected


def test_partners_abroad_of_another_named_project_do_not_count():
    text = "Kampaň patří pod projekt „Prevence vykořisťování pracovníků“ s partnery z Rakouska."
    assert "ABROAD" not in _codes(text)


@pytest.mark.parametrize("text, expected", [
    # A nationwide word inside an organisation's name.
    ("Středisko celostátních programů pomáhá v Praze.", ["CZ010"]),
    # Residence or entry "in the Czech Republic" says who, not where.
    ("Poradna pomáhá lidem, kteří nesplňují podmínky pobytu v ČR.", []),
    # Words inside a quoted name, also one that lost its closing mark.
    ("Projekt „Kurzy pro azylanty v České republice“ skončil.", []),
    ("Navázal na kurzy „Čeština pro azylanty v České republice, a další.", []),
    # A sentence about the funding programme, not the project.
    ("Fond pro aktivní občany působí v České republice díky Fondům EHP.", []),
])
def test_not_the_whole_country(text, expected):
    assert _codes(text) == expected


def test_an_explicit_nationwide_scope_outweighs_organisations_seats():
    text = ("Průzkum probíhal ve všech krajích ČR. Spolupracovali jsme se členy AUCCJ v Praze "
            "a s odborníky UJEP v Ústí nad Labem.")
    assert _codes(text) == ["CZ"]
    text = "Kampaň vede IOM Praha; pomáhá pracovníkům v České republice."
    assert _codes(text) == ["CZ"]


def test_a_local_bodys_town_places_its_project_when_nothing_else_does():
    fields = [("Organizace", "Městská knihovna v Hradci Králové")]
    assert codes("Kurzy pro ženy.", fields) == ["CZ052"]
    assert codes("Kurzy pro ženy v Olomouci.", fields) == ["CZ071"]


def test_an_area_list_with_country_tags_gives_the_czech_region_and_abroad():
    found = find_regions("", [("Area", "Zlínský kraj (CZ), Trenčiansky samosprávny kraj (SK)")])
    assert sorted(f.value for f in found) == ["ABROAD", "CZ072"]


def test_a_neighbour_s_administrative_unit_is_abroad():
    text = "Kurzy probíhají v Ostravě a v Opolském vojvodství."
    assert "ABROAD" in [f.value for f in find_regions(text)]


def test_a_dateline_and_a_postal_address_do_not_place_the_project():
    text = ("Brno 3. května 2023\n\nKurzy češtiny probíhají v celé České republice.\n\n"
            "Kontakt: Spolek Lípa, Husova 5, 370 01 České Budějovice")
    assert codes(text) == ["CZ"]
