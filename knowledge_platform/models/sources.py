"""Where records come from: source documents, import runs, and conflicts between sources."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Index, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from knowledge_platform.db import Model
from knowledge_platform.models.projects import Project, utcnow


class ImportRun(Model):
    __tablename__ = "import_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    started_by: Mapped[str] = mapped_column(String(200), default="")
    new_count: Mapped[int] = mapped_column(default=0)
    updated_count: Mapped[int] = mapped_column(default=0)
    unchanged_count: Mapped[int] = mapped_column(default=0)
    failed_count: Mapped[int] = mapped_column(default=0)
    skipped_count: Mapped[int] = mapped_column(default=0)
    # [{"source": ..., "problem": ...}] for every file that failed.
    errors: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)

    documents: Mapped[list[SourceDocument]] = relationship(back_populates="import_run")


class SourceDocument(Model):
    __tablename__ = "source_document"
    __table_args__ = (Index("ix_source_document_location_hash", "location", "content_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int | None] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    import_run_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_run.id", ondelete="SET NULL"), index=True
    )
    location: Mapped[str] = mapped_column(String(1000))
    # The public page the description came from, when the document names one.
    url: Mapped[str | None] = mapped_column(String(1000))
    # The address as pages are matched (ingest.addresses): tracking and paging left out.
    url_key: Mapped[str | None] = mapped_column(String(1000), index=True)
    media_type: Mapped[str] = mapped_column(String(100), default="text/plain")
    language: Mapped[str | None] = mapped_column(String(2))
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    text: Mapped[str] = mapped_column(Text, default="")
    extraction: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    captured_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # Imported for a published project whose values it would change: it stays out of the
    # public record until a curator has settled what it proposes.
    awaiting_review: Mapped[bool] = mapped_column(default=False, server_default=false())
    # What its import did ("new", "updated", "skipped"), as the run reported it: a later merge
    # moves the document to another project, not its story.
    outcome: Mapped[str | None] = mapped_column(String(20))
    # How many of its extracted values extraction was unsure of (importers.record.
    # uncertain_fields): the queue lists such drafts until a curator has edited them.
    uncertain_count: Mapped[int] = mapped_column(default=0, server_default="0")

    project: Mapped[Project | None] = relationship(back_populates="sources")
    import_run: Mapped[ImportRun | None] = relationship(back_populates="documents")


class FieldConflict(Model):
    """A project field on which sources disagree, kept until a curator settles it."""

    __tablename__ = "field_conflict"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    field: Mapped[str] = mapped_column(String(60))
    # [{"value": ..., "source_document_id": ...}], oldest source first.
    candidates: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    resolution: Mapped[Any | None] = mapped_column(JSON)
    note: Mapped[str] = mapped_column(Text, default="")

    project: Mapped[Project] = relationship(back_populates="conflicts")
