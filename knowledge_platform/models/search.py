"""The search index row of a project: its text after analysis, one column per weight.

SQLite indexes these columns with an FTS5 table (migration 0002) and PostgreSQL with a
weighted ``tsvector`` in the narrow table ``search_vector`` (migration 0008); triggers
feed both, so they change in the same transaction as this row.
"""
from __future__ import annotations

from sqlalchemy import BigInteger, ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from knowledge_platform.db import Model, db
from knowledge_platform.models.projects import Project


class SearchDocument(Model):
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


class SearchState(Model):
    """One row: the generation of the searchable data, bumped by every change to projects.

    Writers bump it under its row lock, so generations commit in order; a process that
    caches facet bitmaps compares generations to know what it must re-read.
    """

    __tablename__ = "search_state"

    id: Mapped[int] = mapped_column(primary_key=True)
    generation: Mapped[int] = mapped_column(BigInteger, default=0)
    # Changes up to here were not logged one by one (bulk loads, rebuilds): re-read all.
    reset_generation: Mapped[int] = mapped_column(BigInteger, default=0)


class SearchChange(Model):
    """A project changed (or was deleted) in ``generation``."""

    __tablename__ = "search_change"

    generation: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    project_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)


class BitmapSnapshot(Model):
    """One row: every facet bitmap as of ``generation``, compressed, so a process that
    starts reads them in one go and catches up from the change log."""

    __tablename__ = "bitmap_snapshot"

    id: Mapped[int] = mapped_column(primary_key=True)
    generation: Mapped[int] = mapped_column(BigInteger)
    data: Mapped[bytes] = mapped_column(LargeBinary)
