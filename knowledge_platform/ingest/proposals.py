"""Values an import offers a project without setting them: conflicts for a curator to settle.

Published data changes only through a curator. What a newly imported document would
change on a published project (a different value, a value for an empty field, more terms
or organisations) becomes an open conflict between the current value and the document's,
settled on the curator's conflicts page; the public record keeps its value meanwhile.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from knowledge_platform.catalogue import ORGANISATION_FIELDS
from knowledge_platform.db import db
from knowledge_platform.history.snapshot import snapshot
from knowledge_platform.models import FieldConflict, Project, Role, SourceDocument, Status

# The fields that come with a value when a curator takes it: a date's precision, an
# amount's currency (what the value means is not the value alone).
COMPANIONS = {
    "start_date": ("start_precision",),
    "end_date": ("end_precision",),
    "budget_total": ("currency", "budget_approximate"),
    "subsidy": ("currency", "budget_approximate"),
}
_ROLE_FIELDS = {Role(entry.role): entry.name for entry in ORGANISATION_FIELDS}


def is_protected(project: Project) -> bool:
    """Whether imports may only propose changes to ``project``: it is public."""
    return project.id is not None and project.status == Status.PUBLISHED


def record_conflict(project: Project, name: str, old: Any, new: Any, document: SourceDocument,
                    companions: dict[str, Any] | None = None) -> FieldConflict:
    """Record (or extend) the open conflict on ``name`` with ``document``'s value ``new``;
    ``companions`` are the fields set with it when a curator takes it."""
    conflict = next(
        (c for c in project.conflicts if c.field == name and c.resolved_at is None), None
    )
    if conflict is None:
        earlier = next((s for s in reversed(project.sources) if s is not document), None)
        current = {"value": _json(old), "source_document_id": earlier and earlier.id}
        if companions:
            current["with"] = {field: _json(getattr(project, field)) for field in companions}
        conflict = FieldConflict(field=name, candidates=[current])
        project.conflicts.append(conflict)
    db.session.flush()  # the document's id
    offered = {"value": _json(new), "source_document_id": document.id}
    if companions:
        offered["with"] = {field: _json(value) for field, value in companions.items()}
    conflict.candidates = [*conflict.candidates, offered]
    return conflict


def propose_value(project: Project, name: str, value: Any, document: SourceDocument,
                  record: dict[str, Any]) -> None:
    """Offer ``value`` for the scalar field ``name`` of a published project."""
    companions = {field: _companion(field, record) for field in COMPANIONS.get(name, ())}
    record_conflict(project, name, getattr(project, name), value, document, companions)


def propose_terms(project: Project, attribute: str, codes: list[str],
                  document: SourceDocument) -> None:
    """Offer the project's terms of ``attribute`` with ``codes`` added."""
    current = [term.code for term in getattr(project, attribute)]
    record_conflict(project, attribute, current, [*current, *codes], document)


def propose_organisations(project: Project, role: Role, added: list[dict[str, Any]],
                          document: SourceDocument) -> None:
    """Offer the project's organisations in ``role`` with ``added`` ({"id", "name"}) after them."""
    field = _ROLE_FIELDS[role]
    current = snapshot(project)[field]
    record_conflict(project, field, current, [*current, *added], document)


def _companion(field: str, record: dict[str, Any]) -> Any:
    if field.endswith("_precision"):
        side = field.removesuffix("_precision")
        return record.get(field) or "day" if record.get(side) else None
    if field == "currency":
        return record.get("currency") or "CZK"
    return bool(record.get("budget_approximate"))


def _json(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if hasattr(value, "value"):  # an enum
        return value.value
    return value

