"""The plain record: which extracted values a curator should check first."""
from __future__ import annotations

from importers.record import UNCERTAIN_BELOW, empty_record, uncertain_fields


def test_uncertain_fields_are_filled_values_under_the_threshold_in_record_order():
    record = empty_record("page.html")
    record.update(title="Kurzy", implementer="Charita", start="2020-01-01",
                  start_precision="day", regions=["CZ010"], summary="")
    record["confidence"] = {"title": 0.3, "implementer": UNCERTAIN_BELOW, "start": 0.2,
                            "start_precision": 0.1, "regions": 0.59, "summary": 0.1,
                            "is_project": 0.2}
    # An empty value has nothing to check; a qualifier goes with the value it qualifies.
    assert uncertain_fields(record) == ["title", "regions", "start"]


def test_a_record_without_confidences_has_nothing_uncertain():
    record = empty_record("page.txt")
    record["title"] = "Kurzy"
    assert uncertain_fields(record) == []
    assert uncertain_fields({"title": "x", "confidence": {"title": "high"}}) == []
