"""Project titles and recasing of capitals."""
from __future__ import annotations

from importers.extract.titles import find_title, is_boilerplate, recase


def test_quoted_title_after_project():
    text = "Projekt „Provoz Centra pro cizince JMK“ zajistí provoz centra."
    assert find_title(text).value == "Provoz Centra pro cizince JMK"


def test_quoted_title_in_capitals_is_recased_with_known_names():
    text = "The project „PROVOZ CENTRA PRO CIZINCE JMK 2021-2022“, Reg. No. AMIF/28/04."
    assert find_title(text).value == "Provoz Centra pro cizince JMK 2021-2022"


def test_unquoted_title_before_the_verb():
    text = ("Města a inkluzivní strategie / Integrace migrantů v regionech\n\n"
            "Metodické materiály pro obce\n\n"
            "Projekt Města a inkluzivní strategie probíhal od září roku 2017 do prosince 2020.")
    assert find_title(text).value == "Města a inkluzivní strategie"


def test_capitals_line_after_logo_lines():
    text = ("EVROPSKÁ UNIE\nAZYLOVÝ, MIGRAČNÍ A INTEGRAČNÍ FOND\n\nMINISTERSTVO VNITRA\n"
            "ČESKÉ REPUBLIKY\n\nProjekt\n\nCENTRUM NA PODPORU INTEGRACE CIZINCŮ V ÚSTECKÉM KRAJI"
            "\n\nCentrum působí v Ústeckém kraji.")
    assert find_title(text).value == "Centrum na podporu integrace cizinců v Ústeckém kraji"


def test_labelled_title_wins():
    text = "Projekt „Něco jiného“ pomáhá."
    assert find_title(text, [("Název projektu", "Vítejte v Plzni")]).value == "Vítejte v Plzni"


def test_title_hint_unless_boilerplate():
    assert find_title("Text bez názvu.", title_hint="Integrace v Liberci").value == \
        "Integrace v Liberci"
    assert find_title("Text.", title_hint="O nás").value != "O nás"


def test_recase():
    assert recase("MĚSTA A INKLUZIVNÍ STRATEGIE", "") == "Města a inkluzivní strategie"
    assert recase("KURZY ČEŠTINY V ČR PRO EU", "") == "Kurzy češtiny v ČR pro EU"
    assert recase("Už normální název", "") == "Už normální název"


def test_boilerplate():
    assert is_boilerplate("MINISTERSTVO VNITRA")
    assert is_boilerplate("Spolufinancováno Evropskou unií")
    assert is_boilerplate("DĚKUJEME ZA POZORNOST")
    assert not is_boilerplate("MĚSTA A INKLUZIVNÍ STRATEGIE")


def test_site_name_after_a_bar_is_dropped_from_the_hint():
    assert find_title("Text.", title_hint="Homework Club Olomouc | Charita").value == \
        "Homework Club Olomouc"


def test_navigation_bar_is_not_a_title():
    text = "Home | Projects | Contact\n\nKurzy češtiny v Kladně\n\nNabízíme kurzy."
    assert find_title(text).value == "Kurzy češtiny v Kladně"


def test_a_labelled_line_or_a_web_address_is_never_the_title():
    # Convention: a page's first lines often state where it came from or another field's
    # value ("Zdroj: https://...", "Kraj: ..."); the name is the first line that is neither.
    text = ("Zdroj: https://www.example.cz/projekty/kurzy\n\nKraj: Liberecký\n\n"
            "Kurzy češtiny pro rodiče\n\nNabízíme kurzy.")
    assert find_title(text).value == "Kurzy češtiny pro rodiče"
    assert find_title("www.example.org/about\n\nCommunity Kitchen Brno\n\nWe cook.").value == \
        "Community Kitchen Brno"


def test_a_name_with_a_colon_can_still_be_the_title():
    text = "INTEGRA 2030: Learning Together\n\nThe partners taught Czech."
    assert find_title(text).value == "INTEGRA 2030: Learning Together"


def test_page_furniture_section_headings_captions_and_people_are_never_the_title():
    text = ("Přeskočit na obsah\n\nInformace o projektu\n\nFoto: Jan Novák\n\n"
            "Mgr. Jana Nováková\n\nCo je cílem projektu\n\nSousedé bez hranic\n\nText.")
    assert find_title(text).value == "Sousedé bez hranic"


def test_a_one_word_name_in_capitals_after_projekt_is_the_title():
    assert find_title("Projekt DOMA chce pomoci rodinám.").value == "DOMA"
    assert find_title("Projekt AMIF pomáhá.\n\nKurzy v Brně").value != "AMIF"


def test_a_name_announced_without_quotes_runs_to_the_comma():
    text = "Nabídku rozšíří tříletý projekt s názvem Sousedé spolu, který začal v lednu."
    assert find_title(text).value == "Sousedé spolu"


def test_a_project_heading_line_gives_the_name_but_a_section_heading_does_not():
    assert find_title("Research project Safe Homes in Moravia\n\nText.").value == \
        "Safe Homes in Moravia"
    assert find_title("Project Description\n\nOpen Doors Brno\n\nText.").value == \
        "Open Doors Brno"
