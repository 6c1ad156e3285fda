"""Six documents written for these tests (other regions, funders, years and languages)."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.importers.extract.expectations import extract_file, load_expected, mismatches

DOCUMENTS = Path(__file__).resolve().parent / "documents"
EXPECTED = load_expected(DOCUMENTS)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_document_matches_expected(name):
    record = extract_file(DOCUMENTS / name)
    assert mismatches(record, EXPECTED[name]) == []


def test_documents_are_varied():
    assert len(EXPECTED) >= 6
    languages = {entry["language"] for entry in EXPECTED.values()}
    assert languages == {"cs", "en"}
    regions = {code for entry in EXPECTED.values() for code in entry.get("regions", [])}
    assert len(regions - {"ABROAD", "CZ"}) >= 6
