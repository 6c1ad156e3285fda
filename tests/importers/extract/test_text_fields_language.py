"""Text helpers, labelled lines and language detection."""
from __future__ import annotations

from importers.extract.fields import classify_label, field_lines
from importers.extract.language import find_language
from importers.extract.text import lemmas, sentences, split_sentences, strip_bullet
from search_index.text import fold


def test_fold_removes_diacritics_and_case():
    assert fold("Ústecký KRAJ") == "ustecky kraj"


def test_sentences_keep_abbreviations_and_dates_together():
    line = "Projekt (reg. č. CZ.1) běží od 1. 1. 2021. Hl.m. Praha je partner. Druhá věta."
    assert split_sentences(line) == [
        "Projekt (reg. č. CZ.1) běží od 1. 1. 2021.", "Hl.m. Praha je partner.", "Druhá věta."]


def test_a_full_stop_glued_to_the_next_sentence_still_ends_it():
    # Pages glue paragraphs together; names with dots and web addresses stay whole.
    assert split_sentences("Nositelem je město Kolín.Projekt běží. Viz www.Kolin.cz a X, o.p.s.") \
        == ["Nositelem je město Kolín.", "Projekt běží.", "Viz www.Kolin.cz a X, o.p.s."]


def test_sentences_strip_bullets():
    assert sentences("- ▶ Informační centrum\n2. Terénní práce") == (
        "Informační centrum", "Terénní práce")
    assert strip_bullet("• Zhodnotit integraci") == "Zhodnotit integraci"


def test_lemmas_in_both_languages():
    assert lemmas("kurzů češtiny", "cs") == ["kurz", "cestina"]
    assert lemmas("Czech language courses", "en")[-1] == "course"


def test_field_lines_tab_and_colon():
    text = "Příjemce dotace:\tJihomoravský kraj\nCelkové náklady projektu: 9 542 746,00 Kč\n"
    assert field_lines(text) == [("Příjemce dotace", "Jihomoravský kraj"),
                                 ("Celkové náklady projektu", "9 542 746,00 Kč")]


def test_field_lines_label_followed_by_a_list():
    text = ("Partneři bez finančního příspěvku:\n\n- ▶ MPSV\n- ▶ Praha\n\n"
            "Doba realizace projektu:\n\n- ▶ 1.9.2017 – 31.7.2020\n")
    assert field_lines(text) == [("Partneři bez finančního příspěvku", "MPSV\nPraha"),
                                 ("Doba realizace projektu", "1.9.2017 – 31.7.2020")]


def test_field_lines_ignore_sentences_with_colons():
    assert field_lines("Mezi další partnery patřilo MPSV a kraje: Praha, Brno.") == []


def test_label_synonyms_in_both_languages():
    assert classify_label("Realizátor") == "implementer"
    assert classify_label("Beneficiary") == "implementer"
    assert classify_label("Přehled partnerů zapojených do realizace projektu") == "partners"
    assert classify_label("Doba realizace") == "period"
    assert classify_label("Project period") == "period"
    assert classify_label("Celková dotace projektu") == "subsidy"
    assert classify_label("Celkový rozpočet projektu") == "budget"
    assert classify_label("Total budget") == "budget"
    assert classify_label("Registrační číslo projektu") == "registration_number"
    assert classify_label("Název projektu") == "title"
    assert classify_label("Kontaktní osoba") is None
    # Grant databases: "Organizace" / "Author" name who carries it out; "Provider" pays.
    assert classify_label("Organizace") == "implementer"
    assert classify_label("Author") == "implementer"
    assert classify_label("Provider") == "funders"


def test_language_czech_and_english():
    assert find_language("Projekt je realizován v Ústeckém kraji pro cizince.").value == "cs"
    assert find_language("The project is carried out by the South Moravian Region.").value \
        == "en"
    assert find_language("").value is None


def test_bare_label_above_its_value():
    text = "Realization\n1 January 2021 – 31 December 2022\nImplementer\nSouth Moravian Region\n"
    assert field_lines(text) == [("Realization", "1 January 2021 – 31 December 2022"),
                                 ("Implementer", "South Moravian Region")]


def test_headings_in_capitals_are_not_bare_labels():
    assert field_lines("REALIZÁTOR A PARTNEŘI PROJEKTU\n\n- ▶ Zhodnocení integrace") == []


def test_item_numbers_are_not_dates():
    assert strip_bullet("1.1 Information Center") == "Information Center"
    assert strip_bullet("1. 1. 2021 – 31. 12. 2022") == "1. 1. 2021 – 31. 12. 2022"
    assert strip_bullet("1 January 2021") == "1 January 2021"
