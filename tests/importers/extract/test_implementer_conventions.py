"""Conventions of project pages that name the implementer without a "Realizátor" label:
labelled cards ("Who:", "Project coordinator:"), sentences, and what a page implies."""

from __future__ import annotations

from importers.extract.org_text import name_at_start, split_names, subjects_after_verb
from importers.extract.organisations import find_implementer


def implementer(text: str, fields: list[tuple[str, str]] | None = None,
                url: str | None = None) -> str | None:
    value = find_implementer(text, fields or [], url).value
    return value if isinstance(value, str) else None


def test_a_who_field_with_an_abbreviation_the_text_spells_out():
    text = ("Who: SIMI\nThis year the Association for Integration and Migration (SIMI) "
            "holds workshops in schools.")
    assert implementer(text, [("Who", "SIMI")]) == "Association for Integration and Migration"


def test_a_project_coordinator_field():
    fields = [("Project Coordinator", "Danube Learning Ltd.")]
    assert implementer("Project Coordinator: Danube Learning Ltd.", fields) == (
        "Danube Learning Ltd.")


def test_a_realizace_field_lists_the_lead_first_in_the_spelling_the_text_uses():
    text = "Městská část Praha 13 děkuje všem.\nRealizace: MČ Praha 13, Spolek Lípa"
    fields = [("Realizace", "MČ Praha 13, Spolek Lípa")]
    assert implementer(text, fields) == "Městská část Praha 13"


def test_a_realizace_field_with_dates_names_no_one():
    fields = [("Realizace", "Spolek Lípa 2021–2022")]
    assert implementer("Realizace: Spolek Lípa 2021–2022", fields) is None


def test_a_project_of_an_organisation_in_english():
    assert implementer("A project of the Lipa Centre Olomouc, 2015–2016") == (
        "Lipa Centre Olomouc")
    assert implementer("The region took part in a project of the Statutory City of Zlín.") == (
        "Statutory City of Zlín")


def test_a_project_of_the_ministry_is_its_funding_not_its_implementer():
    assert implementer("It is a project of the Ministry of the Interior.") is None


def test_the_branch_of_an_organisation_launched_the_programme():
    text = ("The Kolín branch of Sdružení občanů zabývajících se emigranty (SOZE) launched "
            "a programme for newcomers.")
    assert implementer(text) == "Sdružení občanů zabývajících se emigranty"


def test_a_relative_clause_says_who_carries_the_work_out():
    text = ("Tým zřídil kraj a je začleněn pod Středisko pomoci Kolín, příspěvková organizace, "
            "které jeho činnost zajišťuje.")
    assert implementer(text) == "Středisko pomoci Kolín, příspěvková organizace"


def test_the_verb_and_an_object_pronoun_before_the_town():
    text = "Radnice chystá nové centrum. Připravuje ho statutární město Jihlava a centrum začne."
    assert implementer(text) == "Statutární město Jihlava"


def test_a_time_phrase_after_the_town_is_no_part_of_its_name():
    assert name_at_start("Město Kolín na letošní rok připravilo") == "Město Kolín"
    assert implementer("Město Kolín na letošní rok připravilo kurzy češtiny.") == "Město Kolín"


def test_a_second_verb_after_a_ends_the_subject():
    sentence = "Klub provozuje Arcidiecézní charita Kolín a podporuje ho obec, která dává peníze."
    assert subjects_after_verb(sentence) == ["Arcidiecézní charita Kolín"]


def test_a_foreign_name_keeps_its_short_connectors_and_abbreviations():
    sentence = "Fundacja Pomocy i Rozwoju im. Jana Nowaka from Poland leads it."
    assert name_at_start(sentence, True) == "Fundacja Pomocy i Rozwoju im. Jana Nowaka"


def test_a_school_pair_abbreviation_is_one_school():
    assert split_names("ZŠ Polní, ZŠ a MŠ Jana Nováka a MŠ Luční") == [
        "ZŠ Polní", "ZŠ a MŠ Jana Nováka", "MŠ Luční"]


def test_a_we_page_acting_as_the_named_organisation():
    text = ("Kurzy, které jako Správa kulturních zařízení Kolín pořádáme, jsou zdarma. "
            "Učíme česky a pomáháme s úřady. Chceme, aby se lidé cítili doma.")
    assert implementer(text) == "Správa kulturních zařízení Kolín"


def test_a_we_page_saying_what_the_organisation_is():
    text = ("We run a community kitchen and we teach English. Our volunteers help families. "
            "Blue Kettle is a registered charity in Scotland.")
    assert implementer(text) == "Blue Kettle"
    czech = ("Píšeme vám o novinkách. Pomůžeme vyplnit formuláře a zajistíme tlumočníka. "
             "Spolek Most přes řeku, z. s. je organizace, která pomáhá cizincům.")
    assert implementer(czech) == "Spolek Most přes řeku, z. s."


def test_a_sentence_opening_is_no_organisation_saying_what_it_is():
    text = ("Učíme česky. Pomáháme s úřady a chystáme výlety. "
            "Cílem je organizace kurzů pro rodiče.")
    assert implementer(text) is None


def test_the_town_of_a_project_named_in_the_genitive_under_the_ministry_grant():
    text = ("Projekt na podporu integrace cizinců města Kolín\n"
            "Naše škola se zapojila. Na projekt dala dotaci Ministerstvo vnitra.")
    assert implementer(text) == "Město Kolín"


def test_a_statutory_city_named_in_the_genitive_on_its_own_site():
    text = ("Projekt podpory cizinců\nFinanční spoluúčast města Zlín: 20 000 Kč. "
            "Dotace Ministerstva vnitra.")
    assert implementer(text, url="https://www.zlin.eu/projekt") == "Statutární město Zlín"
