"""A source document beside the record: its text with the evidence marked, and per key
field the record's value, the extracted one, its confidence and where it was found."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from flask import g
from flask_babel import gettext
from markupsafe import Markup
from sqlalchemy import select

from importers.extract.contacts import CONTACTS
from importers.record import UNCERTAIN_BELOW
from knowledge_platform.catalogue import N_
from knowledge_platform.completeness import FIELDS
from knowledge_platform.completeness import labels as field_labels
from knowledge_platform.curate.review.evidence import EvidenceText, highlight
from knowledge_platform.db import db
from knowledge_platform.formatting import money, partial_date
from knowledge_platform.history import LIST_FIELDS
from knowledge_platform.models import VOCABULARIES, Project, Role, SourceDocument

# Key field -> the record field extraction filled it from, where the names differ.
RECORD_KEYS = {"start_date": "start", "end_date": "end", "budget": "budget_amount"}
# The implementer's contacts extraction found, shown when a source has them: they fill the
# organisation's empty contact fields.
CONTACT_LABELS = {"website": N_("Implementer's website"), "email": N_("Implementer's e-mail"),
                  "phone": N_("Implementer's phone"), "ico": N_("Implementer's IČO")}


@dataclass(frozen=True)
class FieldRow:
    """One key field: the record's value, the selected source's value and its evidence."""

    name: str
    label: str
    current: str
    extracted: str
    confidence: float | None
    evidence: str
    found: bool

    @property
    def uncertain(self) -> bool:
        """An extracted value the extractor was unsure of: the curator checks it first."""
        return bool(self.extracted) and self.confidence is not None and \
            self.confidence < UNCERTAIN_BELOW


def source_view(project: Project, source: SourceDocument | None) -> tuple[Markup, list[FieldRow]]:
    """The source text with evidence marked, and a row per key field."""
    record = (source.extraction if source else None) or {}
    evidence = record.get("evidence") or {}
    confidence = record.get("confidence") or {}
    searchable = EvidenceText(source.text if source else "")
    labels = field_labels()
    spans, rows = {}, []
    for name in FIELDS:
        key = _record_key(name, record)
        snippet = str(evidence.get(key) or "")
        span = searchable.locate(snippet)
        if span:
            spans[name] = span
        rows.append(FieldRow(
            name=name, label=labels[name], current=_current_value(project, name, source),
            extracted=_extracted_value(name, record), confidence=confidence.get(key),
            evidence=snippet, found=span is not None,
        ))
    implementer = project.implementer
    for contact in CONTACTS:
        key = f"implementer_{contact}"
        if not record.get(key):
            continue
        snippet = str(evidence.get(key) or "")
        span = searchable.locate(snippet)
        if span:
            spans[key] = span
        rows.append(FieldRow(
            name=key, label=gettext(CONTACT_LABELS[contact]),
            current=(getattr(implementer, contact) or "") if implementer else "",
            extracted=str(record[key]), confidence=confidence.get(key),
            evidence=snippet, found=span is not None,
        ))
    return highlight(searchable.text, spans, (*FIELDS, *spans)), rows


def _record_key(name: str, record: dict[str, Any]) -> str:
    if name == "budget" and record.get("budget_amount") is None:
        return "budget_czk"
    return RECORD_KEYS.get(name, name)


def _labels(vocabulary: str, codes: list[str]) -> str:
    model = VOCABULARIES[vocabulary]
    terms = {term.code: term for term in db.session.scalars(
        select(model).where(model.code.in_(codes)))} if codes else {}
    return ", ".join(terms[code].label(g.lang) if code in terms else code for code in codes)


def _current_value(project: Project, name: str, source: SourceDocument | None) -> str:
    """The record's present value of key field ``name``, as text."""
    if name in ("title", "summary"):
        return " / ".join(value for value in (getattr(project, f"{name}_cs"),
                                              getattr(project, f"{name}_en")) if value)
    if name in ("implementer", "partners"):
        role = Role.IMPLEMENTER if name == "implementer" else Role.PARTNER
        return ", ".join(organisation.name for organisation in project.organisations_in(role))
    if name in LIST_FIELDS:
        return ", ".join(term.label(g.lang) for term in getattr(project, name))
    if name in ("start_date", "end_date"):
        side = name.removesuffix("_date")
        return partial_date(getattr(project, name), getattr(project, f"{side}_precision"))
    if name == "budget":
        return money(project.budget_total, project.currency, project.budget_approximate)
    if name == "source_url":
        return ", ".join(item.url for item in project.sources if item.url)
    return getattr(project, name) or ""


def _extracted_value(name: str, record: dict[str, Any]) -> str:
    """What extraction found for key field ``name`` in one source, as text."""
    value = record.get(_record_key(name, record))
    if value in (None, "", []):
        return ""
    if name in LIST_FIELDS:
        return _labels(LIST_FIELDS[name], list(value))
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if name in ("start_date", "end_date"):
        side = RECORD_KEYS[name]
        try:
            return partial_date(date.fromisoformat(value), record.get(f"{side}_precision"))
        except (TypeError, ValueError):
            return str(value)
    if name == "budget":
        try:
            return money(Decimal(str(value)), record.get("currency") or "CZK",
                         bool(record.get("budget_approximate")))
        except (ArithmeticError, ValueError):
            return str(value)
    return str(value)


