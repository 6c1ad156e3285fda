"""Bulk files: CSV, XLSX, JSON and JSON Lines rows, column mapping and amount checks."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from importers.amounts import parse_amount
from importers.document import Document, ReadError
from importers.readers import read_bytes, read_path
from importers.readers.columns import map_headers, target_for

FIXTURES = Path(__file__).parent / "fixtures"


def read_all(path, **options) -> list[Document | ReadError]:
    return list(read_path(path, **options))


def test_semicolon_csv_in_windows_1250_with_czech_headers():
    path = FIXTURES / "projekty_cp1250.csv"
    first, second = read_all(path)
    assert first.source == f"{path}#row-1"
    # Row 2 is empty and skipped; numbering still follows the file.
    assert second.source == f"{path}#row-3"
    assert first.media_type == "text/csv"
    assert first.mapped == {
        "title": "Jazykové kurzy pro cizince v Liberci",
        "implementer": "Centrum pro integraci Liberec, o. p. s.",
        "regions": "Liberecký",
        "start": "1.1.2022",
        "end": "31.12.2023",
        "budget": "2 340 500,00 Kč",
        "target_groups": "cizinci ze třetích zemí",
    }
    assert second.mapped["implementer"] == "Šance pro ženy, z. ú."
    assert second.title_hint == "Adaptační kurzy pro ženy"
    assert first.text.splitlines()[:2] == [
        "Název projektu: Jazykové kurzy pro cizince v Liberci",
        "Příjemce dotace: Centrum pro integraci Liberec, o. p. s.",
    ]
    assert first.fields[0] == ("Název projektu", "Jazykové kurzy pro cizince v Liberci")


def test_comma_csv_in_utf8_with_english_headers_and_canonical_raw():
    path = FIXTURES / "projects_utf8.csv"
    first, second = read_all(path)
    assert first.mapped == {
        "title": "Czech for Ukrainian children in Plzeň",
        "implementer": "Spolek Most pro Plzeň, z. s.",
        "regions": "Plzeňský kraj",
        "start": "2023-09-01",
        "end": "2024-06-30",
        "budget": "CZK 450,000",
        "target_groups": "děti a mládež",
    }
    assert ("EU contribution", "") not in first.fields
    assert second.mapped["budget"] == "20 mil. EUR"
    assert second.mapped["subsidy"] == "1,2 mil. Kč"
    raw = json.loads(first.raw)
    assert raw["Project title"] == "Czech for Ukrainian children in Plzeň"
    assert first.raw == json.dumps(
        raw, sort_keys=True, ensure_ascii=False, separators=(",", ":")
    ).encode("utf-8")


def test_xlsx_header_is_first_non_empty_row():
    path = FIXTURES / "projekty.xlsx"
    first, second = read_all(path)
    assert first.source == f"{path}#row-1"
    assert first.mapped == {
        "title": "Komunitní tlumočníci v Praze",
        "implementer": "Integrační centrum Praha, o. p. s.",
        "funders": "OP Zaměstnanost plus",
        "budget": "3650000",
        "start": "2023-02-01",
        "regions": "Hlavní město Praha",
    }
    assert second.mapped["budget"] == "cca 2 mil. Kč"
    assert "Datum zahájení: 2023-09-01" in second.text


def test_json_object_with_projects_list():
    path = FIXTURES / "projekty.json"
    first, second = read_all(path)
    assert first.source == f"{path}#row-1"
    assert first.media_type == "application/json"
    assert first.mapped["partners"] == "Charita Plzeň; Městský obvod Plzeň 3"
    assert first.mapped["budget"] == "1250000"
    assert first.mapped["period"] == "1. 3. 2023 – 31. 12. 2024"
    assert json.loads(first.raw)["Partneři"] == ["Charita Plzeň", "Městský obvod Plzeň 3"]
    # null cells are left out of the fields and the text.
    assert [label for label, _ in second.fields] == ["Název projektu", "Realizátor",
                                                     "Celkové náklady"]  # fmt: skip


def test_json_export_of_records_reads_back():
    (doc,) = read_all(FIXTURES / "zaznamy.json")
    assert doc.mapped == {
        "url": "https://example.cz/projekty/tlumoceni",
        "title": "Tlumočnická služba města Brna",
        "implementer": "Statutární město Brno",
        "funders": "Ministerstvo vnitra ČR; AMIF",
        "regions": "Jihomoravský kraj",
        "start": "2024-01-01",
        "end": "2025-12-31",
        "budget": "780000",
        "subsidy": "702000",
    }
    assert "funders: Ministerstvo vnitra ČR; AMIF" in doc.text


def test_json_lines_bad_line_is_one_row_error():
    path = FIXTURES / "projekty.jsonl"
    results = read_all(path)
    assert [type(r).__name__ for r in results] == ["Document", "ReadError", "Document"]
    assert results[0].source == f"{path}#row-1"
    assert results[0].media_type == "application/x-ndjson"
    assert str(results[1]) == (
        f"{path}#row-3: row 3: malformed JSON at line 3, column 82: Expecting ',' delimiter"
    )
    assert results[2].mapped == {"title": "Adaptační kurzy v Olomouci",
                                 "regions": "Olomoucký kraj"}  # fmt: skip


def test_malformed_json_names_the_line():
    path = FIXTURES / "malformed.json"
    (error,) = read_all(path)
    assert isinstance(error, ReadError)
    assert str(error) == f"{path}: malformed JSON at line 3, column 41: Expecting ',' delimiter"


def test_csv_without_title_column_is_one_file_error():
    path = FIXTURES / "bez_nazvu.csv"
    (error,) = read_all(path)
    assert isinstance(error, ReadError)
    assert error.source == str(path)
    assert error.problem == (
        "no column for the project title; columns are: Realizátor, Kraj, Rozpočet"
    )


def test_malformed_amount_fails_only_its_row():
    path = FIXTURES / "spatna_castka.csv"
    results = read_all(path)
    assert [type(r).__name__ for r in results] == ["Document", "Document", "ReadError", "Document"]
    error = results[2]
    assert error.source == f"{path}#row-3"
    assert str(error) == f"{path}#row-3: row 3: 'abc' in column 'Celkové náklady' is not an amount"
    assert results[0].mapped["budget"] == "9 542 746,00 Kč"
    assert results[1].mapped["budget"] == "cca 20 mil."
    # "neuvedeno" (not stated) is an unknown amount, not a malformed one.
    assert "budget" not in results[3].mapped


def test_explicit_column_map_overrides_aliases():
    data = "Akce;Program;Kč celkem\nLetní škola češtiny;AMIF;120 000\n".encode()
    (error,) = read_bytes(data, "akce.csv")
    assert error.problem.startswith("no column for the project title")
    (doc,) = read_bytes(
        data, "akce.csv", column_map={"Akce": "title", "kc celkem": "budget_czk", "Program": ""}
    )
    assert doc.mapped == {"title": "Letní škola češtiny", "budget": "120 000"}


def test_tab_separated_csv_and_row_without_title():
    data = "Název\tKraj\nKurzy v Kolíně\tStředočeský\n\tPlzeňský\n".encode()
    first, second = read_bytes(data, "kraje.tsv")
    assert first.mapped == {"title": "Kurzy v Kolíně", "regions": "Středočeský"}
    assert str(second) == "kraje.tsv#row-2: row 2: no project title in column 'Název'"


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("9 542 746,00 Kč", 9_542_746.0),
        ("1,2 mil. Kč", 1_200_000.0),
        ("CZK 450,000", 450_000.0),
        ("450000", 450_000.0),
        ("cca 20 mil.", 20_000_000.0),
        ("20 mil. EUR", 20_000_000.0),
        ("1.250.000,- Kč", 1_250_000.0),
        ("€ 1,234,567.89", 1_234_567.89),
        ("abc", None),
        ("12 osob", None),
        ("", None),
    ],
)
def test_parse_amount(text, amount):
    assert parse_amount(text) == amount


def test_headers_match_without_case_or_diacritics():
    assert target_for("NAZEV PROJEKTU") == "title"
    assert target_for("Reg.č.") == "registration_number"
    assert target_for("Cílové skupiny") == "target_groups"
    assert target_for("Rozpočet (Kč)") == "budget"
    assert target_for("Poznámka") is None
    assert map_headers(["title", "budget_czk", "subsidy_czk", "regions"]) == {
        "title": "title", "budget_czk": "budget", "subsidy_czk": "subsidy", "regions": "regions",
    }  # fmt: skip


def test_single_json_object_is_one_row_and_other_json_is_an_error():
    one = json.dumps({"Název": "Poradna v Chebu", "Kraj": "Karlovarský"}).encode()
    (doc,) = read_bytes(one, "poradna.json")
    assert doc.source == "poradna.json#row-1"
    assert doc.mapped == {"title": "Poradna v Chebu", "regions": "Karlovarský"}
    (error,) = read_bytes(b'{"meta": {"count": 0}}', "prazdny.json")
    assert str(error) == (
        'prazdny.json: JSON holds no list of projects (expected an array or "projects", '
        '"items", "data")'
    )
    first, second = read_bytes('[{"title": "Kurzy v Mostě"}, "text"]'.encode(), "smes.json")
    assert first.mapped == {"title": "Kurzy v Mostě"}
    assert str(second) == "smes.json#row-2: row 2: not a JSON object but str"


def test_header_only_csv_and_corrupt_xlsx_are_file_errors():
    (error,) = read_bytes("Název projektu;Kraj\n".encode(), "hlavicka.csv")
    assert str(error) == "hlavicka.csv: no data rows below the header row"
    data = (FIXTURES / "projekty.xlsx").read_bytes()
    (error,) = read_bytes(data[: len(data) // 2], "rozbity.xlsx")
    assert error.problem.startswith("not a readable XLSX workbook (")


def test_xlsx_saved_with_a_csv_name_is_read_as_xlsx():
    data = (FIXTURES / "projekty.xlsx").read_bytes()
    docs = list(read_bytes(data, "export.csv"))
    assert [d.mapped["title"] for d in docs] == [
        "Komunitní tlumočníci v Praze",
        "Školní asistenti pro děti cizinců",
    ]
    assert docs[0].media_type.endswith("spreadsheetml.sheet")
