"""extract(): record shape, evidence, and bulk rows whose mapped values win."""
from __future__ import annotations

from importers.document import Document
from importers.extract import extract
from importers.record import RECORD_FIELDS


def test_empty_document_gives_an_empty_record():
    record = extract(Document("empty.txt", "text/plain", ""))
    assert tuple(record) == RECORD_FIELDS
    assert record["partners"] == [] and record["title"] is None
    assert record["evidence"] == {} or set(record["evidence"]) <= {"is_project"}


def test_mapped_values_are_normalised():
    row = Document("rows.csv#3", "text/csv", "", mapped={
        "title": "INTEGRACE CIZINCŮ V BRNĚ",
        "implementer": "Diecézní charita Brno",
        "partners": "Statutární město Brno; Organizace pro pomoc uprchlíkům, z.s.",
        "regions": "Jihomoravský",
        "period": "2017–2020",
        "budget": "1,2 mil. Kč",
        "subsidy": "€ 120,000",
        "funders": "OPZ",
        "registration_number": "CZ.03.2.63 / 0.0/0.0/15_007/0001234",
        "activities": "czech_language; legal_counselling",
        "target_groups": "děti a mládež",
        "language": "čeština",
    })
    record = extract(row)
    assert record["title"] == "Integrace cizinců v Brně"
    assert record["regions"] == ["CZ064"]
    assert (record["start"], record["end"]) == ("2017-01-01", "2020-12-31")
    assert record["start_precision"] == "year"
    assert record["budget_czk"] == 1200000.0 and record["currency"] == "CZK"
    assert record["subsidy_czk"] is None and record["subsidy_amount"] == 120000.0
    assert record["funders"] == ["ESF", "OPZ"]
    assert record["registration_number"] == "CZ.03.2.63/0.0/0.0/15_007/0001234"
    assert record["activities"] == ["czech_language", "legal_counselling"]
    assert record["target_groups"] == ["children_youth"]
    assert record["partners"] == ["Organizace pro pomoc uprchlíkům, z.s.",
                                  "Statutární město Brno"]
    assert record["language"] == "cs"
    assert record["is_project"] is True
    for field in ("title", "regions", "start", "budget_czk", "funders", "partners"):
        assert record["evidence"][field]
        assert 0 < record["confidence"][field] <= 1


def test_mapped_value_beats_the_text():
    document = Document("x.html", "text/html", "Projekt probíhá od roku 2015 v Ostravě.",
                        mapped={"regions": "Olomoucký kraj"})
    assert extract(document)["regions"] == ["CZ071"]


def test_reader_fields_are_used():
    document = Document("x.docx", "application/docx", "Text bez údajů.",
                        fields=[("Příjemce", "Město Zlín"), ("Rozpočet", "450 000 Kč")])
    record = extract(document)
    assert record["implementer"] == "Město Zlín"
    assert record["budget_czk"] == 450000.0


def test_eur_budget_is_kept_in_eur():
    record = extract(Document("e.txt", "text/plain", "Total budget: € 120,000\n\nThe project "
                                                     "helps migrants in Ostrava."))
    assert record["budget_czk"] is None
    assert (record["budget_amount"], record["currency"]) == (120000.0, "EUR")


def test_spreadsheet_cells_that_are_not_strings():
    import datetime

    row = Document("rows.xlsx#2", "application/xlsx", "", mapped={
        "title": "Integrace v Jihlavě", "budget": 1200000.0,
        "start": datetime.date(2021, 1, 1), "end": datetime.date(2022, 6, 30), "regions": None})
    record = extract(row)
    assert record["budget_czk"] == 1200000.0
    assert (record["start"], record["end"]) == ("2021-01-01", "2022-06-30")
    assert record["regions"] == []


def test_garbage_does_not_crash():
    import random

    random.seed(7)
    alphabet = "aáčdeéěiíklmnoprřsštuůvyýzž .,:;–-()„“\"/\n\t0123456789KčEUR€"
    for _ in range(30):
        text = "".join(random.choice(alphabet) for _ in range(800))
        record = extract(Document("noise.txt", "text/plain", text))
        assert set(record["evidence"]) <= set(record)


def test_with_no_total_the_grant_is_the_budget():
    record = extract(Document("grant.txt", "text/plain",
                              "Projekt Vítejte ve škole\n\nMěsto získalo dotaci 450 000 Kč."))
    assert record["subsidy_czk"] == record["budget_czk"] == 450_000
    both = extract(Document("both.txt", "text/plain", "Projekt Vítejte ve škole\n\nCelkový "
                            "rozpočet projektu je 600 000 Kč, z toho dotace 450 000 Kč."))
    assert (both["budget_czk"], both["subsidy_czk"]) == (600_000, 450_000)


def test_grant_plus_own_share_with_no_total_is_their_sum():
    text = ("Projekt Vítejte ve škole\n\nMěsto získalo dotaci 300 000 Kč, vlastní zdroje města "
            "činí 20 000 Kč.")
    record = extract(Document("share.txt", "text/plain", text))
    assert (record["budget_czk"], record["subsidy_czk"]) == (320_000, 300_000)
