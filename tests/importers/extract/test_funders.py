"""Funders: where a mention counts as a funding statement and where it does not."""
from __future__ import annotations

import pytest

from importers.extract.funders import find_funders, funder_codes, own_share


def codes(text, **kwargs):
    return [f.value for f in find_funders(text, **kwargs)]


def test_case_forms_and_languages():
    assert funder_codes("za podpory Azylového, migračního a integračního fondu") == ["AMIF"]
    assert funder_codes("z Evropského sociálního fondu") == ["ESF"]
    assert funder_codes("Asylum, Migration and Integration Fund") == ["AMIF"]
    assert funder_codes("Operační program Zaměstnanost plus") == ["OPZ_PLUS"]
    assert funder_codes("OPZ+") == ["OPZ_PLUS"]
    assert funder_codes("Operačního programu Zaměstnanost") == ["OPZ"]
    assert funder_codes("Fondy EHP a Norska") == ["EEA_NORWAY"]
    assert funder_codes("EEA and Norway Grants") == ["EEA_NORWAY"]


def test_funding_sentence_counts_and_opz_implies_esf():
    text = "Projekt je financován z Operačního programu Zaměstnanost plus."
    assert codes(text) == ["ESF", "OPZ_PLUS"]


def test_logo_lines_count():
    text = "EVROPSKÁ UNIE\nAZYLOVÝ, MIGRAČNÍ A INTEGRAČNÍ FOND\n\nMINISTERSTVO VNITRA\n" \
           "ČESKÉ REPUBLIKY\n\nProjekt pomáhá cizincům."
    assert codes(text) == ["AMIF", "MV_CR"]


def test_mention_in_a_sentence_about_another_project_does_not_count():
    text = ("V rámci pilotního projektu „Zvyšování interkulturní prostupnosti úřadů“, "
            "spolufinancováno z OPZ, byly zřízeny 4 pozice.")
    assert codes(text, title="Provoz Centra pro cizince JMK") == []


def test_news_about_a_ministry_programme_does_not_count():
    text = ("Ministerstvo vnitra ČR vyhlásilo dotační program \"Systém výzev na výdaje obcí "
            "v roce 2023\", který je užitečný pro obce.")
    assert codes(text) == []


def test_image_file_names_do_not_count():
    assert codes("erasmus-_logo_1634041565.jpg\n\nProjekt byl podpořen z programu.") == []


def test_partner_list_item_is_not_a_funder():
    assert codes("Partneři:\n- MPSV\n- Ministerstvo vnitra") == []


def test_own_budgets_of_regions_and_towns():
    text = ("Projekt je financován z rozpočtu statutárního města Plzně. Spolufinancuje jej "
            "Plzeňský kraj z rozpočtu kraje.")
    assert codes(text) == ["MUNICIPALITY", "REGION"]
    assert codes("The project is funded from the city budget of Olomouc.") == ["MUNICIPALITY"]


def test_english_funding_sentence():
    text = ("The project is financed by the European Union within the national program of the "
            "Asylum, Migration and Integration Fund and the budget of the Ministry of the "
            "Interior of the Czech Republic.")
    assert codes(text) == ["AMIF", "MV_CR"]


def test_foundations_erasmus_unhcr():
    assert codes("Projekt podpořila Nadace OSF.") == ["OTHER"]
    assert codes("Funded by the Erasmus+ programme of the European Union.") == ["ERASMUS"]
    assert codes("The programme is funded by UNHCR.") == ["UNHCR"]


def test_registration_number_names_the_programme():
    assert codes("", registration_number="CZ.03.2.63/0.0/0.0/15_007/0001234") == ["ESF", "OPZ"]
    assert codes("", registration_number="CZ.12.01.02/00/24_022/0000077") == ["AMIF"]


def test_ministry_grant_programme_of_this_project_counts():
    assert codes("Projekt je podpořen z dotačního programu Ministerstva vnitra.") == ["MV_CR"]


def test_support_from_a_region_or_a_city():
    assert codes("Projekt vznikl s finanční podporou Jihomoravského kraje.") == ["REGION"]
    assert codes("The project was supported by the City of Brno.") == ["MUNICIPALITY"]


def test_a_partners_share_of_the_subsidy_is_not_city_funding():
    text = "Celková dotace statutárního města Brna:\t1 475 367,30 Kč"
    assert codes(text) == []


def test_erasmus_project_number():
    assert codes("", registration_number="2016-1-CZ01-KA201-023925") == ["ERASMUS"]


def test_partner_named_on_its_own_line_is_not_a_logo():
    text = "Partneři:\nMinisterstvo vnitra\n\nProjekt pomáhá cizincům."
    from importers.extract.fields import field_lines

    assert codes(text, fields=field_lines(text)) == []


@pytest.mark.parametrize("line", ["Realizátor: Ministerstvo vnitra ČR",
                                  "Kraj: Jihomoravský kraj",
                                  "Organizace: Nadace OSF"])
def test_a_line_labelled_as_another_field_is_not_a_logo(line):
    text = f"{line}\n\nProjekt pomáhá cizincům."
    assert codes(text) == []


def test_a_line_labelled_as_funding_still_counts():
    assert codes("Financováno z: Evropská unie, AMIF\n\nProjekt pomáhá cizincům.") == ["AMIF"]


def test_budget_in_the_nominative_names_a_region_or_a_town():
    assert codes("Zdroj financování: rozpočet Jihomoravského kraje") == ["REGION"]
    assert codes("Zdroj financování: rozpočet statutárního města Ostravy") == ["MUNICIPALITY"]


def test_funds_without_a_code_of_their_own_are_other():
    assert funder_codes("Evropského fondu pro integraci státních příslušníků třetích zemí") \
        == ["OTHER"]
    assert funder_codes("European Fund for the Integration of Third-country Nationals") \
        == ["OTHER"]
    assert funder_codes("Evropský uprchlický fond") == ["OTHER"]
    assert codes("Projekt byl podpořen z programu Interreg Česko – Bavorsko.") == ["OTHER"]
    assert funder_codes("Azylový, migrační a integrační fond") == ["AMIF"]


def test_a_funder_field_naming_only_a_region_or_a_town():
    from importers.extract import field_lines

    def labelled_codes(text):
        return codes(text, fields=field_lines(text))

    assert labelled_codes("Poskytovatel: Karlovarský kraj") == ["REGION"]
    assert labelled_codes("Funder: City of Ostrava") == ["MUNICIPALITY"]
    assert labelled_codes("Poskytovatel: Statutární město Brno") == ["MUNICIPALITY"]
    # A partner town in a sentence is no funder.
    assert codes("Projekt vznikl ve spolupráci se statutárním městem Brno.") == []


def test_a_town_carrying_out_its_project_pays_the_rest_of_the_budget():
    # Convention: a town's own project costs more than its grant; the town pays the rest.
    share = own_share("Město Kolín", 120_000, 100_000, "Kurzy češtiny.")
    assert share is not None and share.value == "MUNICIPALITY"
    assert own_share("Město Kolín", 100_000, 100_000, "Kurzy češtiny.") is None
    assert own_share("Spolek Lípa", 120_000, 100_000, "Kurzy češtiny.") is None


def test_a_region_pays_only_where_the_text_names_its_own_share():
    # A region's budget line often holds its partners' shares too: the words decide.
    assert own_share("Zlínský kraj", 120_000, 100_000, "Kurzy češtiny.") is None
    share = own_share("Zlínský kraj", None, None, "Spoluúčast kraje činí 10 %.")
    assert share is not None and share.value == "REGION"


@pytest.mark.parametrize("sentence, expected", [
    # Money stated as flowing from a fund, or coming from a body.
    ("Peníze na něj plynou z Evropského sociálního fondu prostřednictvím operačního programu "
     "Zaměstnanost.", ["ESF", "OPZ"]),
    ("Funding for the project comes from the Ministry of the Interior.", ["MV_CR"]),
    # EEA and Norway money named by its mechanism or block grants only.
    ("Peníze projekt získal z blokových grantů finančního mechanismu EHP.", ["EEA_NORWAY"]),
    # The ESF programmes before 2014 and the EQUAL initiative are ESF money.
    ("Projekt byl financován z OP LZZ.", ["ESF"]),
    ("The partnership was funded under the EQUAL initiative.", ["ESF"]),
    # Older EU funds, the Technology Agency, private sources and donors: OTHER.
    ("Na projekt přispěl EUF 2006.", ["OTHER"]),
    ("Financial support comes from the Technology Agency of the Czech Republic.", ["OTHER"]),
    ("Akci hradily soukromé zdroje komunity.", ["OTHER"]),
])
def test_funding_stated_in_other_words(sentence, expected):
    assert codes(sentence) == expected


def test_equal_as_an_ordinary_word_is_no_funder():
    assert codes("Město Kolín financuje projekt; all have equal access.") == ["MUNICIPALITY"]


def test_a_city_districts_budget_is_municipal_money():
    assert codes("Akci financoval rozpočet MČ a soukromí dárci.") == ["MUNICIPALITY", "OTHER"]


def test_eu_money_with_no_fund_named_is_other():
    # The Commission's own programmes and an "EU contribution" have no code of their own.
    assert codes("Co-funding for the campaign came from the European Commission.") == ["OTHER"]
    assert codes("EU contribution: 75 %") == ["OTHER"]
    # Once the page names the EU fund, the EU's money is that fund's.
    assert codes("Projekt je spolufinancován Evropskou unií z Azylového, migračního a "
                 "integračního fondu.") == ["AMIF"]
    assert codes("V programu Erasmus+ kurz podpořila Evropská komise.") == ["ERASMUS"]


def test_a_foundation_operating_eea_grants_is_no_second_funder():
    text = "Podporu projektu poskytla Nadace Pomoc z programu Active Citizens Fund."
    assert codes(text) == ["EEA_NORWAY"]
    assert codes("Projekt získal grant Nadace Vodafone.") == ["OTHER"]


@pytest.mark.parametrize("sentence, expected", [
    ("Kurz vznikl s finančním přispěním Zlínského kraje a města Zlína.",
     ["MUNICIPALITY", "REGION"]),
    ("Spolufinancování statutárním městem Opava: 12 000 Kč", ["MUNICIPALITY"]),
    ("Spoluúčast hradí město Kolín.", ["MUNICIPALITY"]),
    ("Akce je spolufinancována obcí Dobřany.", ["MUNICIPALITY"]),
    ("Projekt je spolufinancován Jihomoravským krajem.", ["REGION"]),
    ("Financing: Municipality of Brno", ["MUNICIPALITY"]),
    ("Kurzy financuje ministerstvo vnitra společně s městem Kladnem.", ["MUNICIPALITY", "MV_CR"]),
])
def test_a_town_or_region_paying_in_other_words(sentence, expected):
    assert codes(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    # Where the project runs is not who pays.
    ("Projekt probíhá v Libereckém kraji a městě Liberci a je financován z ESF.", ["ESF"]),
    ("Projekt je financován v obci Dobřany z ESF.", ["ESF"]),
    ("Financování měst a obcí je složité.", []),
    # A town the project is carried out with is a partner, not a payer.
    ("Kurzy pořádá kraj v partnerství se statutárním městem Zlínem a financuje je OPZ.",
     ["ESF", "OPZ"]),
    ("Kurzy pořádá spolek společně s městem a financuje je OPZ.", ["ESF", "OPZ"]),
])
def test_places_in_a_funding_sentence_are_not_funders(sentence, expected):
    assert codes(sentence) == expected


def test_the_quoted_name_of_the_call_a_project_applies_to_is_no_other_project():
    text = ("Rada schválila, že město podá žádost do výzvy Ministerstva vnitra „Integrace "
            "cizinců na místní úrovni v roce 2021“.")
    assert codes(text) == ["MV_CR"]


@pytest.mark.parametrize("sentence", [
    "Projekt spadá pod program Evropa pro občany.",
    "Spolufinancuje ho rakouské spolkové ministerstvo pro ženy.",
    "Grant na kurzy nám poskytla ČSOB.",
    "Akci podpořilo velvyslanectví Kanady.",
])
def test_eu_programmes_foreign_ministries_companies_and_embassies_are_other(sentence):
    assert codes(sentence) == ["OTHER"]


def test_programme_slogans_and_labels_name_the_esf():
    # OP VK's logo strip carries its slogan; EQUAL records label their theme.
    assert codes("Projekt školy\n\nINVESTICE DO ROZVOJE VZDĚLÁVÁNÍ\n\nKurzy pro žáky.") == ["ESF"]
    assert codes("", fields=[("EQUAL theme", "Employability")]) == ["ESF"]


def _codes(findings):
    return sorted(f.value for f in findings)


def test_towns_districts_and_regions_in_a_list_of_funders_pay():
    fields = [("Financování", "400 000 Kč (MV ČR), 50 000 Kč (MČ Praha 9), Kraj Vysočina")]
    assert _codes(find_funders("", fields)) == ["MUNICIPALITY", "MV_CR", "REGION"]


def test_a_town_s_share_written_in_the_label_pays():
    fields = [("Finanční spoluúčast města Kolína", "25 000 Kč")]
    assert _codes(find_funders("", fields)) == ["MUNICIPALITY"]
    assert _codes(find_funders("", [("Vlastní podíl kraje", "10 %")])) == ["REGION"]


def test_a_town_in_the_instrumental_pays_unless_it_works_with_the_project():
    text = "Projekt je financován Ministerstvem vnitra a městem Kolín."
    assert "MUNICIPALITY" in _codes(find_funders(text))
    text = "Projekt s podporou Ministerstva vnitra běží ve spolupráci s městem Kolín."
    assert "MUNICIPALITY" not in _codes(find_funders(text))
