"""The platform's own export columns read back as record fields."""
from __future__ import annotations

from importers.readers import read_bytes
from importers.readers.columns import header_key, map_headers

EXPORT_HEADERS = ["id", "url", "title_cs", "title_en", "summary_cs", "summary_en",
                  "registration_number", "start", "start_precision", "end", "end_precision",
                  "budget_total", "subsidy", "currency", "implementer", "partners", "regions",
                  "funders", "activities", "target_groups", "language", "source_urls"]


def test_export_headers_map_to_record_fields():
    mapping = map_headers(EXPORT_HEADERS)
    assert mapping["title_cs"] == mapping["title_en"] == "title"
    assert mapping["summary_cs"] == mapping["summary_en"] == "summary"
    assert mapping["budget_total"] == "budget"
    assert mapping["subsidy"] == "subsidy"
    assert mapping["target_groups"] == "target_groups"
    assert "start_precision" not in mapping and "id" not in mapping


def test_the_first_filled_title_column_wins():
    data = ("\ufeffid,title_cs,title_en,language\r\n"
            "1,,Welcome classes,en\r\n"
            "2,Kurzy češtiny,Czech courses,cs\r\n").encode()
    documents = list(read_bytes(data, "projects.csv"))
    assert [d.mapped["title"] for d in documents] == ["Welcome classes", "Kurzy češtiny"]


def test_header_keys_ignore_case_diacritics_punctuation_and_spacing():
    assert header_key("  Rozpočet (Kč) ") == "rozpocet kc"
    assert header_key("REG. Č.") == header_key("Reg. č.") == "reg c"
    assert header_key("title_cs") == "title cs"
