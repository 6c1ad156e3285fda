"""The history of an organisation: edits by curators, merges, and merges undone."""
from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from knowledge_platform.db import Model, db
from knowledge_platform.models.organisations import Organisation, enum_column
from knowledge_platform.models.projects import utcnow
from knowledge_platform.models.users import User


class OrganisationChangeKind(enum.StrEnum):
    EDIT = "edit"  # a curator changed the name, number, type or website
    MERGE = "merge"  # another organisation (``other``) was merged into this one
    UNMERGE = "unmerge"  # a merge was undone: ``other`` stands on its own again


class OrganisationChange(Model):
    __tablename__ = "organisation_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True)
    other_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"))
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True)
    actor: Mapped[str] = mapped_column(String(254), default="")
    kind: Mapped[OrganisationChangeKind] = mapped_column(
        enum_column(OrganisationChangeKind, "organisation_change_kind"))
    # {field: {"old", "new"}} of the organisation's own fields.
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # For a merge, what an undo needs: {"aliases": [moved alias ids], "added_alias": id or
    # None, "ico": the number taken over or None, "revisions": [the projects' MERGE
    # revision ids]}.
    moved: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # The UNMERGE entry that undid this merge.
    undone_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation_change.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    organisation: Mapped[Organisation] = relationship(
        foreign_keys=[organisation_id],
        backref=db.backref("changes", order_by="OrganisationChange.id.desc()",
                           cascade="all, delete-orphan", passive_deletes=True))
    other: Mapped[Organisation | None] = relationship(foreign_keys=[other_id])
    user: Mapped[User | None] = relationship()

    def __repr__(self) -> str:
        return f"<OrganisationChange {self.id} {self.kind} organisation={self.organisation_id}>"
