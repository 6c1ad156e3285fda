"""The history of every project: who changed which fields when, from what to what."""
from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from knowledge_platform.db import Model, db
from knowledge_platform.models.organisations import enum_column
from knowledge_platform.models.projects import Project, utcnow
from knowledge_platform.models.sources import ImportRun
from knowledge_platform.models.users import User


class RevisionKind(enum.StrEnum):
    IMPORT = "import"  # a source document filled or changed fields
    EDIT = "edit"  # a curator changed fields by hand
    REVERT = "revert"  # an earlier revision's changes were undone
    CONFLICT = "conflict"  # a curator settled disagreeing sources
    MERGE = "merge"  # another project was merged into this one
    STATUS = "status"  # published, unpublished, archived
    BADGE = "badge"  # the good-practice badge was awarded or withdrawn


class Revision(Model):
    __tablename__ = "revision"
    __table_args__ = (Index("ix_revision_project_created", "project_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"))
    # Kept when the account is removed: the actor's name stays in ``actor``.
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    actor: Mapped[str] = mapped_column(String(254), default="")
    kind: Mapped[RevisionKind] = mapped_column(enum_column(RevisionKind, "revision_kind"))
    # {field: {"old": value, "new": value}}, values in their JSON form (see curate.history).
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    note: Mapped[str] = mapped_column(Text, default="")
    import_run_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_run.id", ondelete="SET NULL")
    )
    # The revision this one undid, for a revert.
    reverts_id: Mapped[int | None] = mapped_column(
        ForeignKey("revision.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    project: Mapped[Project] = relationship(
        backref=db.backref("revisions", order_by="Revision.id",
                           cascade="all, delete-orphan", passive_deletes=True)
    )
    user: Mapped[User | None] = relationship()
    import_run: Mapped[ImportRun | None] = relationship()

    def __repr__(self) -> str:
        return f"<Revision {self.id} {self.kind} project={self.project_id}>"
