"""Plain-text reading: encodings, clean-up and "Label: value" fields."""
from __future__ import annotations

from pathlib import Path

from importers.document import Document, ReadError
from importers.readers import read_path
from importers.readers.encoding import decode_text
from importers.readers.fields import label_fields, normalise_text

FIXTURES = Path(__file__).parent / "fixtures"
MOJIBAKE_MARKS = ("Ä", "Å", "Ã", "Ĺ", "Ă")


def read_one(name: str, **options) -> Document | ReadError:
    results = list(read_path(FIXTURES / name, **options))
    assert len(results) == 1, results
    return results[0]


def test_windows_1250_text_comes_back_as_exact_czech():
    doc = read_one("kurzy_plzen_cp1250.txt")
    assert isinstance(doc, Document)
    assert doc.media_type == "text/plain"
    assert doc.source == str(FIXTURES / "kurzy_plzen_cp1250.txt")
    assert doc.text.splitlines()[0] == "Kurzy češtiny pro Ukrajince v Plzni"
    assert "Šťastný začátek v novém městě – kurzy češtiny pro dospělé, doučování žáků" in doc.text
    assert "Ťukání na dveře úřadů už není tak těžké." in doc.text
    assert "\r" not in doc.text
    assert not any(mark in doc.text for mark in MOJIBAKE_MARKS)
    assert ("Realizátor", "Spolek Most pro Plzeň, z. s.") in doc.fields
    assert ("Doba realizace", "1. 3. 2023 – 31. 12. 2024") in doc.fields
    assert doc.raw == (FIXTURES / "kurzy_plzen_cp1250.txt").read_bytes()


def test_iso_8859_2_text_is_not_mistaken_for_windows_1250():
    doc = read_one("tlumoceni_iso8859-2.txt")
    assert isinstance(doc, Document)
    assert "Šetříme čas klientů i úředníků, ťuk ťuk." in doc.text
    assert "Žádosti přijímá kontaktní místo" in doc.text
    assert "ą" not in doc.text and "ľ" not in doc.text
    assert not any(mark in doc.text for mark in MOJIBAKE_MARKS)
    # The tab-separated label counts as a field too.
    assert doc.fields[:2] == [
        ("Realizátor", "Statutární město Ústí nad Labem"),
        ("Cílová skupina", "cizinci ze třetích zemí"),
    ]


def test_utf8_with_bom_loses_the_bom():
    doc = read_one("amif_centrum_bom.txt")
    assert isinstance(doc, Document)
    assert doc.text.startswith("Regionální integrační centrum – projekt AMIF\n\n")
    assert "\ufeff" not in doc.text
    assert doc.fields == [
        ("Registrační číslo", "AMIF/12/04"),
        ("Příjemce", "Centrum na podporu integrace cizinců pro Jihočeský kraj"),
        ("Celkové náklady", "4 850 000 Kč"),
    ]


def test_label_on_its_own_line_takes_the_following_value():
    doc = read_one("projekt_simi_styl.txt")
    assert isinstance(doc, Document)
    assert doc.fields == [
        ("Realizátor", "Sdružení pro integraci a podporu migrantů, z. s."),
        ("Doba realizace", "1.9.2017 – 31.7.2020"),
        ("Partneři", "ZŠ Nádražní, Ostrava; Krajský úřad Moravskoslezského kraje"),
        (
            "Anotace",
            "Projekt podporuje děti cizinců v základních školách v Ostravě: doučování "
            "češtiny, adaptační skupiny a vzdělávání pedagogů.",
        ),
        ("Reg. č.", "CZ.02.3.61/0.0/0.0/16_021/0004321"),
    ]
    # The original text stays whole: trailing spaces gone, the triple gap now one blank line.
    assert doc.text.splitlines()[0] == "Integrace žáků s odlišným mateřským jazykem"
    assert "- ▶ 1.9.2017 – 31.7.2020\n\nPartneři:" in doc.text
    assert "\n\n\n" not in doc.text


def test_windows_1250_written_from_a_string_round_trips(tmp_path):
    text = "Žlutá ťuhýk: Šárka Šťastná\nPříjemce: Obec Žďár nad Sázavou\n"
    path = tmp_path / "obec.txt"
    path.write_bytes(text.encode("cp1250"))
    doc = read_one(path)
    assert doc.text == text.rstrip("\n")
    assert doc.fields == [
        ("Žlutá ťuhýk", "Šárka Šťastná"),
        ("Příjemce", "Obec Žďár nad Sázavou"),
    ]


def test_iso_8859_2_written_from_a_string_round_trips(tmp_path):
    text = "Poradna pro cizince - Šumperk, Žatec a Ťápkova ulice"
    path = tmp_path / "poradna.txt"
    path.write_bytes(text.encode("iso-8859-2"))
    assert read_one(path).text == text


def test_decode_text_prefers_utf8_and_rejects_binary():
    assert decode_text("čeština".encode()) == "čeština"
    assert decode_text(b"\x00\x01\x02binary\x00") is None
    assert decode_text("šťáva".encode("cp1250")) == "šťáva"
    assert decode_text("šťáva".encode("iso-8859-2")) == "šťáva"


def test_normalise_text_unifies_line_ends_and_composes_letters():
    decomposed = "c\u030ceska\u0301 \r\nline two   \r\rthree\n\n\n\n\nfour"
    assert normalise_text(decomposed) == "česká\nline two\n\nthree\n\nfour"


def test_label_fields_ignore_urls_times_and_long_sentences():
    text = (
        "Web: https://example.cz\n"
        "https://example.cz/a: b\n"
        "Kurz začíná v 10:30 v Plzni\n"
        "Tento velmi dlouhý úvodní text projektu má více než osm slov: nic\n"
        "Poskytovatel:\tMinisterstvo vnitra ČR\n"
    )
    assert label_fields(text) == [
        ("Web", "https://example.cz"),
        ("Poskytovatel", "Ministerstvo vnitra ČR"),
    ]


def test_whitespace_only_text_is_an_error(tmp_path):
    path = tmp_path / "prazdne.txt"
    path.write_bytes(b"  \n\n\t \n")
    result = read_one(path)
    assert isinstance(result, ReadError)
    assert str(result) == f"{path}: file has no text (only whitespace)"


def test_the_site_s_name_sits_above_or_at_the_head_of_its_navigation_bar():
    from importers.readers.plain import site_name_above_menu

    assert site_name_above_menu("Charita Opava\nDomů | O nás | Projekty\n\nText.") == (
        "Charita Opava")
    assert site_name_above_menu("Město Kolín | Úřad | Občan | Turista\n\nText.") == "Město Kolín"
    assert site_name_above_menu("Nadpis\n\nText bez menu.") is None
