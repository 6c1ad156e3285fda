"""Project or not: law news, "about us" pages and calls for proposals are not projects."""
from __future__ import annotations

from importers.document import Document
from importers.extract import extract
from importers.extract.classify import find_is_project

LAW_NEWS = """Novela zákona o pobytu cizinců nabývá účinnosti

Od 1. ledna 2024 nabývá účinnosti novela zákona č. 326/1999 Sb., o pobytu cizinců na území
České republiky. Změny se týkají zaměstnaneckých karet a povinného kurzu adaptace.
"""

ABOUT_US = """O nás

Jsme nezisková organizace založená v roce 1998 v Olomouci. Naše poslání je pomáhat cizincům
v Olomouckém kraji. Realizujeme projekty pro cizince a poskytujeme poradenství.
"""

CALL = """Výzva k předkládání žádostí o dotace na integraci cizinců 2025

Ministerstvo vnitra vyhlašuje výzvu k předkládání žádostí o dotace. Žádosti lze podávat do
31. 3. 2025. Oprávnění žadatelé: obce, kraje a nestátní neziskové organizace.
"""

PROJECT = """Projekt „Vítejte v Plzni“

Projekt „Vítejte v Plzni“ realizuje Diecézní charita Plzeň od 1. 1. 2022 do 31. 12. 2023.
Celkový rozpočet projektu činí 1,2 mil. Kč. Projekt je financován z rozpočtu města Plzně.
"""


def test_law_news_is_not_a_project():
    assert find_is_project(LAW_NEWS).value is False


def test_about_us_page_is_not_a_project():
    assert find_is_project(ABOUT_US).value is False


def test_call_for_proposals_is_not_a_project():
    assert find_is_project(CALL).value is False


def test_project_page_is_a_project():
    record = extract(Document("p.txt", "text/plain", PROJECT))
    assert record["is_project"] is True
    assert record["confidence"]["is_project"] >= 0.6


def test_extract_marks_the_call():
    record = extract(Document("call.txt", "text/plain", CALL))
    assert record["is_project"] is False
    assert "call for proposals" in record["evidence"]["is_project"]


def test_a_bare_page_without_signals_defaults_to_project_with_low_confidence():
    found = find_is_project("Komunitní centrum pro cizince\n\nOtevřeno ve středu.")
    assert found.value is True and found.confidence <= 0.6


def test_project_signals_outweigh_a_passing_mention_of_a_law():
    text = ("Projekt „Vítejte v Plzni“ realizuje Diecézní charita Plzeň od 1. 1. 2022. "
            "Projekt reaguje na novelu zákona o pobytu cizinců.")
    record = extract(Document("p.txt", "text/plain", text))
    assert record["is_project"] is True


ANNUAL_REPORT = """Spolek Lípa. Výroční zpráva 2019

Obsah: slovo ředitelky, informační centrum, vzdělávací programy, hospodaření.
Výroční zpráva shrnuje činnost spolku v roce 2019.
"""

LEGAL_GUIDANCE = """Jak se vzdělávají děti cizinců

Podle § 20 školského zákona mají cizinci nárok na jazykovou přípravu. Na bezplatné kurzy
mají podle zákona nárok všichni žáci cizinci.
"""

REPORTED_PROJECT = """Souhrn z výroční zprávy za rok 2019

Název projektu: Komunitní centrum Lípa
Realizátor: Spolek Lípa, z. s.
Doba realizace: 2019

Výroční zpráva popisuje, jak centrum v roce 2019 pracovalo.
"""


def _is_project(text):
    return extract(Document("page.txt", "text/plain", text)).get("is_project")


def test_an_annual_report_or_legal_guidance_is_not_a_project():
    assert _is_project(ANNUAL_REPORT) is False
    assert _is_project(LEGAL_GUIDANCE) is False


def test_a_labelled_project_in_an_annual_report_summary_is_a_project():
    assert _is_project(REPORTED_PROJECT) is True


INFORMATION_PAGE = """Poradny pro cizince v krajích

Poradny pro cizince působí v každém kraji a jejich služby jsou zdarma. Poradci vysvětlují
pobytová pravidla, pomáhají s formuláři a doprovázejí klienty na úřady. Poradny spolupracují
s obcemi, školami a zaměstnavateli a pořádají semináře pro úředníky. Kurzy češtiny a
sociokulturní kurzy nabízejí ve většině krajských měst, některé i večer nebo o víkendu.
Provoz poraden platí stát a Evropská unie. Poradny provozují kraje, obce a nestátní
neziskové organizace, které vybírá ministerstvo ve výběrovém řízení na několik let dopředu.
Klient si může vybrat kteroukoli poradnu bez ohledu na to, kde bydlí.
"""


def test_a_long_page_about_a_kind_of_service_in_general_is_not_a_project():
    found = find_is_project(INFORMATION_PAGE)
    assert found.value is False and "general information" in found.evidence


def test_the_same_page_told_by_those_who_do_the_work_is_a_project():
    told = INFORMATION_PAGE.replace("Poradny pro cizince působí", "Naše poradny působí")
    assert find_is_project(told).value is True


def test_the_ministry_s_wording_of_a_call_is_a_call():
    text = "Výzva k zasílání žádostí o dotaci na projekty obcí\n\nMinisterstvo vyhlásilo výzvu."
    assert find_is_project(text).value is False


def test_a_job_advert_and_an_event_report_are_not_projects():
    advert = ("Koordinátor/ka kurzů češtiny\n\nNáplň práce: organizace kurzů pro cizince.\n"
              "Požadujeme: VŠ vzdělání. Pracovní poměr na dobu určitou, nástup možný ihned.")
    assert find_is_project(advert).value is False
    report = ("Konference o integraci cizinců se konala v Brně\n\nKonference se konala 3. 5. "
              "a zúčastnilo se jí sto lidí z obcí a neziskových organizací.")
    assert find_is_project(report).value is False


def test_a_stray_line_is_no_project_but_a_short_labelled_card_is():
    for junk in ("test", "Ahoj, posílám ten soubor, ozvi se.", "Kurzy češtiny"):
        record = extract(Document("note.txt", "text/plain", junk + "\n"))
        assert record["is_project"] is False, junk
    card = ("Název projektu: Kurzy češtiny pro rodiče\nRealizátor: Spolek Kolín\n"
            "Rozpočet: 120 000 Kč\n")
    assert extract(Document("card.txt", "text/plain", card))["is_project"] is True
