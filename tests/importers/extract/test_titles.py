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
    text = (
        "Města a inkluzivní strategie / Integrace migrantů v regionech\n\n"
        "Metodické materiály pro obce\n\n"
        "Projekt Města a inkluzivní strategie probíhal od září roku 2017 do prosince 2020."
    )
    assert find_title(text).value == "Města a inkluzivní strategie"


def test_capitals_line_after_logo_lines():
    text = (
        "EVROPSKÁ UNIE\nAZYLOVÝ, MIGRAČNÍ A INTEGRAČNÍ FOND\n\nMINISTERSTVO VNITRA\n"
        "ČESKÉ REPUBLIKY\n\nProjekt\n\nCENTRUM NA PODPORU INTEGRACE CIZINCŮ V ÚSTECKÉM KRAJI"
        "\n\nCentrum působí v Ústeckém kraji."
    )
    assert find_title(text).value == "Centrum na podporu integrace cizinců v Ústeckém kraji"


def test_labelled_title_wins():
    text = "Projekt „Něco jiného“ pomáhá."
    assert find_title(text, [("Název projektu", "Vítejte v Plzni")]).value == "Vítejte v Plzni"


def test_title_hint_unless_boilerplate():
    assert (
        find_title("Text bez názvu.", title_hint="Integrace v Liberci").value
        == "Integrace v Liberci"
    )
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
    assert (
        find_title("Text.", title_hint="Homework Club Olomouc | Charita").value
        == "Homework Club Olomouc"
    )


def test_navigation_bar_is_not_a_title():
    text = "Home | Projects | Contact\n\nKurzy češtiny v Kladně\n\nNabízíme kurzy."
    assert find_title(text).value == "Kurzy češtiny v Kladně"


def test_a_labelled_line_or_a_web_address_is_never_the_title():
    # Convention: a page's first lines often state where it came from or another field's
    # value ("Zdroj: https://...", "Kraj: ..."); the name is the first line that is neither.
    text = (
        "Zdroj: https://www.example.cz/projekty/kurzy\n\nKraj: Liberecký\n\n"
        "Kurzy češtiny pro rodiče\n\nNabízíme kurzy."
    )
    assert find_title(text).value == "Kurzy češtiny pro rodiče"
    assert (
        find_title("www.example.org/about\n\nCommunity Kitchen Brno\n\nWe cook.").value
        == "Community Kitchen Brno"
    )


def test_a_name_with_a_colon_can_still_be_the_title():
    text = "INTEGRA 2030: Learning Together\n\nThe partners taught Czech."
    assert find_title(text).value == "INTEGRA 2030: Learning Together"


def test_page_furniture_section_headings_captions_and_people_are_never_the_title():
    text = (
        "Přeskočit na obsah\n\nInformace o projektu\n\nFoto: Jan Novák\n\n"
        "Mgr. Jana Nováková\n\nCo je cílem projektu\n\nSousedé bez hranic\n\nText."
    )
    assert find_title(text).value == "Sousedé bez hranic"


def test_a_one_word_name_in_capitals_after_projekt_is_the_title():
    assert find_title("Projekt DOMA chce pomoci rodinám.").value == "DOMA"
    assert find_title("Projekt AMIF pomáhá.\n\nKurzy v Brně").value != "AMIF"


def test_a_name_announced_without_quotes_runs_to_the_comma():
    text = "Nabídku rozšíří tříletý projekt s názvem Sousedé spolu, který začal v lednu."
    assert find_title(text).value == "Sousedé spolu"


def test_a_project_heading_line_gives_the_name_but_a_section_heading_does_not():
    assert (
        find_title("Research project Safe Homes in Moravia\n\nText.").value
        == "Safe Homes in Moravia"
    )
    assert find_title("Project Description\n\nOpen Doors Brno\n\nText.").value == "Open Doors Brno"


# Page furniture and the place of the page heading.

_BODY = (
    "Spolek letos otevřel komunitní centrum, kde se cizinci i jejich sousedé scházejí "
    "na kurzech, besedách a dílnách, a chce v této práci pokračovat i v dalších letech."
)


def test_a_heading_naming_a_site_section_is_not_the_title():
    # Convention: "News from the region", "Databáze dobré praxe" name the section that holds
    # the page, not the project the page describes.
    assert find_title(_BODY, title_hint="Aktuality z regionu").value is None
    assert find_title(_BODY, title_hint="Database of good practice").value is None
    assert find_title("News & updates\n\n" + _BODY).value is None
    assert find_title(_BODY, title_hint="Sousedské centrum Karlín").value == (
        "Sousedské centrum Karlín"
    )


def test_a_listing_of_projects_keeps_its_heading():
    # Convention: a page listing several projects is one record titled by its heading.
    assert find_title(_BODY, title_hint="Completed projects").value == "Completed projects"


def test_a_short_line_after_the_content_has_begun_is_not_the_page_heading():
    # Convention: the page heading stands above the content; a short line inside it is a
    # section heading ("Who can apply?") or the headline of another article.
    text = f"Zdroj: https://example.org/a\n\n{_BODY}\n\nWho can apply?\n\nText."
    assert find_title(text).value is None
    text = f"{_BODY}\n\nV Kolíně otevřeli novou knihovnu\n\n{_BODY}"
    assert find_title(text).value is None


def test_a_logo_strip_without_punctuation_does_not_start_the_content():
    # Convention: a long run of logo names is not running text; the heading may follow it.
    logos = " ".join(["Evropská unie Evropský sociální fond Operační program Zaměstnanost"] * 3)
    text = f"{logos}\n\nKurzy češtiny v Kolíně\n\n{_BODY}"
    assert find_title(text).value == "Kurzy češtiny v Kolíně"


def test_website_names_breadcrumbs_countries_and_other_versions_are_furniture():
    # Convention: the site's own name, "Navigation path", a bare country and a link to a
    # text-only or printable version of the page are never the page heading.
    text = (
        "Migration Web Site - Regional Agency\n\nNavigation path\n\n"
        "Town opens a community centre for newcomers\n\n" + _BODY
    )
    assert find_title(text).value == "Town opens a community centre for newcomers"
    text = "SYSTEM ascii version\n\nCzech Republic\n\nTextová verze\n\n" + _BODY
    assert find_title(text).value is None


def test_lines_continuing_a_labelled_list_are_not_the_title():
    # Convention: the lines under "Partners: A" in the same block are further partners.
    text = "Other partners : Poradna Most\nCentrum Duha\nSpolek Lípa\n\n" + _BODY
    assert find_title(text).value is None


def test_download_links_and_table_cells_are_not_the_title():
    # Convention: "Report 2015 [ PDF - 49kB ]" links a file; "Budget |" is a form's cell.
    text = "Výroční zpráva 2015 [ PDF - 49kB ]\n\nPlán činnosti |\n\n" + _BODY
    assert find_title(text).value is None


def test_an_about_us_heading_titles_a_page_that_names_nothing_else():
    # Convention: an organisation's profile page is titled by its heading, even a generic
    # one, but only when no other heading is there.
    assert find_title("About us\n\n" + _BODY).value == "About us"
    assert find_title("O nás\n\nKomunitní centrum Duha\n\n" + _BODY).value == (
        "Komunitní centrum Duha"
    )


def test_a_name_after_within_the_project_is_taken_when_it_ends_the_sentence():
    # Convention: "v rámci projektu X." names the project when X closes the sentence and
    # reads as a name; a verb, a fund or a bare abbreviation there means it is not a name.
    text = "Knihovna od jara pořádá kurzy v rámci projektu Čteme spolu 2024. Kurzy jsou zdarma."
    assert find_title(text).value == "Čteme spolu 2024"
    for sentence, not_a_name in (
        ("Pomáháme v rámci projektu Evropského sociálního fondu.", "Evropského sociálního fondu"),
        ("Pomáháme v rámci projektu Dobrý start pomáhá rodinám.", "Dobrý start pomáhá rodinám"),
        ("Work continues within the project AMIF.", "AMIF"),
    ):
        assert find_title(f"{sentence}\n\n{_BODY}").value != not_a_name


def test_a_heading_that_names_an_organisation_is_the_site_s_name():
    text = ("Diecézní charita Kroměříž\n\nKurzy pro maminky z Ukrajiny\n\n"
            "Období realizace: 1. 3. 2023 – 31. 12. 2023")
    assert find_title(text).value == "Kurzy pro maminky z Ukrajiny"
    assert find_title("Statutární město Kladno\n\nSousedé bez hranic\n\nText.").value == (
        "Sousedé bez hranic")


def test_breadcrumbs_skip_links_and_datelines_are_furniture():
    text = ("Přejdi na obsah\n\nÚvod › Projekty › Aktuální\n\nPublished on 3 March 2021 in News"
            "\n\nTandem learning for newcomers\n\nThe project pairs newcomers with volunteers.")
    assert find_title(text).value == "Tandem learning for newcomers"


def test_a_registration_number_and_an_unclosed_quote_are_not_part_of_the_name():
    fields = [("Project name", "Spolu v Kolíně, CZ.03.2.X/0.0/0.0/15_005/0004321")]
    assert find_title("", fields).value == "Spolu v Kolíně"
    assert find_title("", [("Projekt", "„Spolu v Kolíně")]).value == "Spolu v Kolíně"


def test_the_site_s_name_and_slogan_above_its_navigation_bar_are_not_the_heading():
    text = ("Zdroj: https://example.cz/kurzy\n\nKrajský úřad Vysočina\nLepší úřad pro všechny\n"
            "Úvod | Úřad | Dotace | Kontakty\n\nKurzy češtiny pro rodiče\n\n"
            "Kurzy probíhají v Jihlavě.")
    assert find_title(text).value == "Kurzy češtiny pro rodiče"


def test_it_is_called_and_a_name_closed_by_a_relative_clause():
    assert find_title("It is called Bridges for Newcomers, it is funded by the EU.").value == (
        "Bridges for Newcomers")
    text = ("Akce je součástí projektu.\n\nSetkání se koná v rámci projektu Sousedé v Jihlavě, "
            "který město realizuje celý rok.")
    assert find_title(text).value == "Sousedé v Jihlavě"
