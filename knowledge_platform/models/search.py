"""The search index row of a project: its text after analysis, one column per weight.

SQLite indexes these columns with an FTS5 table and PostgreSQL with a weighted
``tsvector`` column; both are created by migration 0002 and fed by triggers or a
generated column, so they change in the same transaction as this row.
"""
from __future__ import annotations

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from knowledge_platform.db import db
from knowledge_platform.models.projects import Project


class SearchDocument(db.Model):
    __tablename__ = "search_document"

    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), primary_key=True
    )
    title: Mapped[str] = mapped_column(Text, default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    analyser: Mapped[str] = mapped_column(String(40), default="")

    project: Mapped[Project] = relationship(
        backref=db.backref("search_document", uselist=False, cascade="all, delete-orphan",
                           passive_deletes=True)
    )
