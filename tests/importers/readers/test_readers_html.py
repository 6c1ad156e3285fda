"""HTML reading: main content only, fields from dl/table/text, charsets, hostile input."""
from __future__ import annotations

import time
from pathlib import Path

from importers.document import Document, ReadError
from importers.readers import read_bytes, read_path
from importers.readers.html_page import strip_site_name

FIXTURES = Path(__file__).parent / "fixtures"
BOILERPLATE = (
    "cookies", "Souhlasím", "Jsme tu pro cizince", "Úvod", "Kontakty", "Domů",
    "Sdílet na Facebooku", "Další projekty centra", "Všechna práva vyhrazena",
    "Zapněte JavaScript", "trackVisit", "sledovani", "font-family",
)  # fmt: skip


def read_one(path, **options) -> Document | ReadError:
    results = list(read_path(path, **options))
    assert len(results) == 1, results
    return results[0]


def test_article_text_without_boilerplate():
    doc = read_one(FIXTURES / "integracni_centrum.html")
    assert isinstance(doc, Document)
    assert doc.media_type == "text/html"
    for word in BOILERPLATE:
        assert word not in doc.text, word
    assert doc.text == (
        "Adaptační kurzy pro nově příchozí\n\n"
        "Projekt pomáhá cizincům z třetích zemí zorientovat se v Olomouckém kraji během "
        "prvních měsíců pobytu.\n\n"
        "Co nabízíme\n\n"
        "- kurzy českého jazyka pro začátečníky\n"
        "- sociální a právní poradenství\n"
        "  - pomoc s povolením k pobytu\n\n"
        "Realizátor: Integrační centrum Olomouc, z. ú.\n"
        "Partneři: Charita Olomouc; Univerzita Palackého\n\n"
        "Registrační číslo: AMIF/7/03\n"
        "Celkové náklady: 3 120 000 Kč\n"
        "Doba realizace: 1. 1. 2024 – 30. 6. 2026\n\n"
        "Kontakt: info@icolomouc.example"
    )


def test_fields_from_definition_list_table_and_text_lines():
    doc = read_one(FIXTURES / "integracni_centrum.html")
    assert doc.fields == [
        ("Realizátor", "Integrační centrum Olomouc, z. ú."),
        ("Partneři", "Charita Olomouc; Univerzita Palackého"),
        ("Registrační číslo", "AMIF/7/03"),
        ("Celkové náklady", "3 120 000 Kč"),
        ("Doba realizace", "1. 1. 2024 – 30. 6. 2026"),
        ("Kontakt", "info@icolomouc.example"),
    ]


def test_title_hint_is_the_articles_h1_not_the_site_logo():
    doc = read_one(FIXTURES / "integracni_centrum.html")
    assert doc.title_hint == "Adaptační kurzy pro nově příchozí"


def test_title_hint_falls_back_to_title_without_site_name():
    html = (
        "<html><head><title>Tlumočení pro cizince – Ústí | Magistrát města</title></head>"
        "<body><p>Město nabízí tlumočení na úřadech.</p></body></html>"
    )
    (doc,) = read_bytes(html.encode(), "tlumoceni.html")
    assert doc.title_hint == "Tlumočení pro cizince – Ústí"
    assert strip_site_name("Poradna - Charita Most") == "Poradna"


def test_page_with_no_body_text_is_an_error():
    result = read_one(FIXTURES / "bez_textu.html")
    assert isinstance(result, ReadError)
    assert str(result) == f"{FIXTURES / 'bez_textu.html'}: HTML page has no body text"


def test_entity_bomb_is_not_expanded():
    started = time.monotonic()
    doc = read_one(FIXTURES / "entity_bomb.html")
    assert time.monotonic() - started < 5
    assert isinstance(doc, Document)
    assert doc.text == "Komunitní centrum pro cizince\n\nText: &lol9;"
    assert "lollol" not in doc.text


def test_declared_windows_1250_charset_is_used(tmp_path):
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1250">'
        "</head><body><h1>Kurzy češtiny v Žatci</h1><p>Příjemce: Šance pro Žatec, z. s.</p>"
        "</body></html>"
    )
    path = tmp_path / "zatec.htm"
    path.write_bytes(html.encode("cp1250"))
    doc = read_one(path)
    assert doc.text == "Kurzy češtiny v Žatci\n\nPříjemce: Šance pro Žatec, z. s."
    assert doc.fields == [("Příjemce", "Šance pro Žatec, z. s.")]
    assert doc.raw == path.read_bytes()


def test_roles_and_classes_mark_boilerplate_but_layout_classes_do_not():
    html = (
        '<html><body class="has-sidebar"><div class="page-wrapper">'
        '<div role="navigation">Hlavní menu</div>'
        '<div id="mainMenu">Odkazy</div>'
        '<div aria-label="Drobečková navigace">Domů</div>'
        '<div class="content main-content-with-sidebar">'
        "<h2>Komunitní tlumočení</h2><p>Služba pro rodiny cizinců v Chebu.</p></div>"
        '<div role="contentinfo">Patička webu</div>'
        '<div class="social-share">Sdílet</div>'
        "</div></body></html>"
    )
    (doc,) = read_bytes(html.encode(), "cheb.html")
    assert doc.text == "Komunitní tlumočení\n\nSlužba pro rodiny cizinců v Chebu."


def test_table_with_header_row_and_wider_rows():
    html = (
        "<main><table><tr><th>Kraj</th><th>Počet kurzů</th></tr>"
        "<tr><td>Plzeňský</td><td>12</td></tr>"
        "<tr><td>Karlovarský</td><td>4</td><td>nově</td></tr></table></main>"
    )
    (doc,) = read_bytes(html.encode(), "kurzy.html")
    assert doc.text == "Kraj | Počet kurzů\nPlzeňský: 12\nKarlovarský | 4 | nově"
    assert doc.fields == [("Plzeňský", "12")]


def test_html_saved_as_txt_is_read_as_html(tmp_path):
    path = tmp_path / "ulozena_stranka.txt"
    path.write_text("<!DOCTYPE html><html><body><p>Realizátor: Město Kladno</p></body></html>")
    doc = read_one(path)
    assert doc.media_type == "text/html"
    assert doc.text == "Realizátor: Město Kladno"


def test_deeply_nested_markup_does_not_crash():
    html = "<div>" * 5000 + "Poradna pro cizince v Jihlavě" + "</div>" * 5000
    (doc,) = read_bytes(html.encode(), "hluboka.html")
    assert isinstance(doc, Document)
    assert "Poradna pro cizince v Jihlavě" in doc.text


def test_page_declaring_latin_1_but_written_in_windows_1250():
    html = (
        '<html><head><meta charset="iso-8859-1"></head>'
        "<body><p>Tlumočení pro cizince v Přerově a Šumperku</p></body></html>"
    )
    (doc,) = read_bytes(html.encode("cp1250"), "prerov.html")
    assert doc.text == "Tlumočení pro cizince v Přerově a Šumperku"


def test_a_bold_label_opening_a_block_is_separated_from_its_value():
    page = ("<html><body><main><p><strong>Název projektu</strong>Vítejte v Jihlavě</p>"
            "<p><b>Celkové náklady</b>450.000,- Kč</p>"
            "<p><strong>Pozor:</strong> text</p><p>Věta s <b>důrazem</b> uprostřed.</p>"
            "</main></body></html>").encode()
    (document,) = read_bytes(page, "card.html")
    assert "Název projektu: Vítejte v Jihlavě" in document.text
    assert "Celkové náklady: 450.000,- Kč" in document.text
    assert "Pozor: text" in document.text and "Věta s důrazem uprostřed." in document.text


def test_the_publishing_site_s_name_comes_from_og_site_name_or_the_title_suffix():
    page = ("<html><head><title>Kurzy češtiny | Charita Opava</title></head>"
            "<body><main><p>Text o kurzech.</p></main></body></html>").encode()
    (document,) = read_bytes(page, "p.html")
    assert document.site_name == "Charita Opava"
    page = page.replace(b"<head>", b'<head><meta property="og:site_name" content="Charita">')
    (document,) = read_bytes(page, "p.html")
    assert document.site_name == "Charita"


def test_an_element_the_page_marks_as_a_label_is_separated_from_its_value():
    page = ('<html><body><main><div><span class="label">Celkové náklady projektu</span>'
            '<span class="hodnota">632.014,- Kč</span></div></main></body></html>').encode()
    (document,) = read_bytes(page, "card.html")
    assert "Celkové náklady projektu: 632.014,- Kč" in document.text
