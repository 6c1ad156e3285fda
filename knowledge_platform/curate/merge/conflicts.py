"""Settling field conflicts: a curator picks one source's value (or keeps the current one)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from knowledge_platform.db import db
from knowledge_platform.history import apply_values, record_revision, snapshot
from knowledge_platform.models import (
    FieldConflict,
    Precision,
    Project,
    RevisionKind,
    SourceDocument,
)
from knowledge_platform.models.users import User

KEEP = "keep"
DATE_FIELDS = ("start_date", "end_date")
MONEY_FIELDS = ("budget_total", "subsidy")


class SettleError(ValueError):
    """A value that cannot be applied; ``reason`` names why for the page to explain."""

    def __init__(self, reason: str, **details: Any) -> None:
        super().__init__(reason, details)
        self.reason = reason
        self.details = details


@dataclass(frozen=True)
class Candidate:
    """One source's value for a conflicting field."""

    index: int
    value: Any
    source: SourceDocument | None


def open_conflicts(project: Project) -> list[FieldConflict]:
    """The project's unsettled conflicts, oldest first."""
    return sorted((c for c in project.conflicts if c.resolved_at is None),
                  key=lambda c: (c.created_at, c.id))


def candidates(conflict: FieldConflict) -> list[Candidate]:
    """The conflict's values with the source document each came from."""
    ids = {entry.get("source_document_id") for entry in conflict.candidates} - {None}
    # Looked up by each candidate's document id, which it may lack (None).
    sources: dict[int | None, SourceDocument] = {
        document.id: document for document in db.session.scalars(
            select(SourceDocument).where(SourceDocument.id.in_(ids)))} if ids else {}
    return [Candidate(index, entry.get("value"), sources.get(entry.get("source_document_id")))
            for index, entry in enumerate(conflict.candidates)]


def settle(
    project: Project, choices: dict[int, str], user: User | None, note: str = ""
) -> list[FieldConflict]:
    """Apply ``choices`` ({conflict id: candidate index as text, or KEEP}) to the project's
    open conflicts, close them and record one CONFLICT revision; returns those settled."""
    by_id = {conflict.id: conflict for conflict in open_conflicts(project)}
    before = snapshot(project)
    values: dict[str, Any] = {}
    settled: list[tuple[FieldConflict, dict[str, Any]]] = []
    for conflict_id, choice in choices.items():
        conflict = by_id.get(conflict_id)
        if conflict is None:
            raise SettleError("choice", field=str(conflict_id))
        if choice == KEEP:
            resolution = {"kept": before.get(conflict.field)}
        else:
            entry = _candidate(conflict, choice)
            # A date comes with its precision, an amount with its currency.
            values.update({**entry.get("with", {}), conflict.field: entry.get("value")})
            resolution = {"value": entry.get("value"),
                          "source_document_id": entry.get("source_document_id")}
        settled.append((conflict, resolution))
    if not settled:
        return []
    check_values(project, values)
    apply_values(project, values)
    _fill_precisions(project)
    now = datetime.now(UTC)
    for conflict, resolution in settled:
        conflict.resolved_at = now
        conflict.resolution = resolution
        conflict.note = note
    _release_reviewed_sources(project)
    fields = ", ".join(conflict.field for conflict, _ in settled)
    record_revision(project, before, RevisionKind.CONFLICT, user=user,
                    note=f"{fields}: {note}" if note else fields, always=True)
    return [conflict for conflict, _ in settled]


def _release_reviewed_sources(project: Project) -> None:
    """A source whose proposals are all settled joins the public record's sources."""
    still_open = {entry.get("source_document_id") for conflict in open_conflicts(project)
                  for entry in conflict.candidates}
    for document in project.sources:
        if document.awaiting_review and document.id not in still_open:
            document.awaiting_review = False


def _candidate(conflict: FieldConflict, choice: str) -> dict[str, Any]:
    if not choice.isdigit() or int(choice) >= len(conflict.candidates):
        raise SettleError("choice", field=conflict.field)
    return conflict.candidates[int(choice)]


def check_values(project: Project, values: dict[str, Any], released: tuple[int, ...] = ()) -> None:
    """Refuse values (JSON form) the database would reject, before any of them is set;
    a registration number held by a project in ``released`` is about to be given up."""
    number = values.get("registration_number")
    if number:
        owner = db.session.scalar(select(Project.id).where(
            Project.registration_number == number, Project.id.not_in((project.id, *released))))
        if owner is not None:
            raise SettleError("number_taken", number=number, project=owner)
    start = values.get("start_date", _iso(project.start_date))
    end = values.get("end_date", _iso(project.end_date))
    if start and end and end < start:
        raise SettleError("period", start=start, end=end)
    for field in MONEY_FIELDS:
        if values.get(field) not in (None, "") and float(values[field]) < 0:
            raise SettleError("negative", field=field)


def _fill_precisions(project: Project) -> None:
    # A date that was empty before the settlement needs a precision (a CHECK constraint).
    for side in ("start", "end"):
        if getattr(project, f"{side}_date") and not getattr(project, f"{side}_precision"):
            setattr(project, f"{side}_precision", Precision.DAY)


def _iso(value) -> str | None:
    return value.isoformat() if value else None
