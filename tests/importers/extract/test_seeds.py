"""Extraction over the five real seed documents in ../shared/seeds must match expected.json."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.importers.extract.expectations import extract_file, load_expected, mismatches

SEEDS = (Path(__file__).resolve().parents[3] / ".." / "shared" / "seeds").resolve()

if not (SEEDS / "expected.json").is_file():
    pytest.skip(f"seed documents not found in {SEEDS}", allow_module_level=True)

EXPECTED = load_expected(SEEDS)
pytestmark = pytest.mark.seeds


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_matches_expected(name):
    record = extract_file(SEEDS / name)
    assert mismatches(record, EXPECTED[name]) == []


def test_every_seed_document_has_expectations():
    documents = {p.name for p in SEEDS.glob("*.txt")}
    assert documents and documents <= set(EXPECTED)


def test_seed_000_ignores_the_pilot_projects_period_and_funder():
    record = extract_file(SEEDS / "000_6938690006b825cf.txt")
    assert record["start"] is None and record["end"] is None
    assert "OPZ" not in record["funders"] and "ESF" not in record["funders"]


def test_seed_003_ignores_image_names_and_other_programmes():
    record = extract_file(SEEDS / "003_132207d8558f8209.txt")
    assert "ERASMUS" not in record["funders"]
    assert "MV_CR" not in record["funders"]
    assert record["start_precision"] == "month" and record["end_precision"] == "month"


def test_seed_001_prefers_the_precise_realization_line():
    record = extract_file(SEEDS / "001_3feebe292964d5a1.txt")
    assert record["start_precision"] == "day"
    assert record["evidence"]["start"].startswith("Realization")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_without_reader_fields_gives_the_same_record(name):
    from importers.document import Document
    from importers.extract import extract

    text = (SEEDS / name).read_text("utf-8")
    assert extract(Document(name, "text/plain", text)) == extract_file(SEEDS / name)
