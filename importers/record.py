"""The plain record that extraction produces and ``kp extract`` prints."""
from __future__ import annotations

from typing import Any

# Order matters: it is the key order of ``kp extract --format json``.
RECORD_FIELDS: tuple[str, ...] = (
    "source",
    "source_url",
    "is_project",
    "language",
    "title",
    "summary",
    "implementer",
    # The implementer's public contacts (importers.extract.contacts.CONTACTS), each with
    # its own evidence: never part of a name.
    "implementer_website",
    "implementer_email",
    "implementer_phone",
    "implementer_ico",
    "partners",
    "funders",
    "regions",
    "municipalities",
    "start",
    "start_precision",
    "end",
    "end_precision",
    "budget_czk",
    "subsidy_czk",
    "budget_approximate",
    "currency",
    "budget_amount",
    "subsidy_amount",
    "registration_number",
    "activities",
    "target_groups",
    "kinds",
    "evidence",
    "confidence",
)

_LIST_FIELDS = {"partners", "funders", "regions", "municipalities", "activities",
                "target_groups", "kinds"}
_DICT_FIELDS = {"evidence", "confidence"}
# Extracted values with less confidence than this are marked for a curator to check first.
UNCERTAIN_BELOW = 0.6
# Fields that only qualify another one: its own confidence speaks for them.
_QUALIFIERS = {"is_project", "start_precision", "end_precision", "currency",
               "budget_approximate"}


def empty_record(source: str) -> dict[str, Any]:
    """A record with every field unknown: null, [] or {}."""
    record: dict[str, Any] = {}
    for name in RECORD_FIELDS:
        if name in _LIST_FIELDS:
            record[name] = []
        elif name in _DICT_FIELDS:
            record[name] = {}
        else:
            record[name] = None
    record["source"] = source
    record["is_project"] = True
    record["budget_approximate"] = False
    return record


def amounts(record: dict[str, Any]) -> tuple[Any, Any]:
    """The record's budget and subsidy in its ``currency``.

    ``budget_amount``/``subsidy_amount`` hold them in any currency; ``budget_czk`` and
    ``subsidy_czk`` (the record format's original fields, kept for CZK) when only those are set.
    """
    return (_first(record, "budget_amount", "budget_czk"),
            _first(record, "subsidy_amount", "subsidy_czk"))


def _first(record: dict[str, Any], *names: str) -> Any:
    return next((record[name] for name in names if record.get(name) is not None), None)


def uncertain_fields(record: dict[str, Any]) -> list[str]:
    """The record's filled fields that extraction was unsure of, in record order."""
    confidence = record.get("confidence") or {}
    return [name for name in RECORD_FIELDS
            if name not in _QUALIFIERS and record.get(name) not in (None, "", [], {})
            and isinstance(confidence.get(name), (int, float))
            and confidence[name] < UNCERTAIN_BELOW]
