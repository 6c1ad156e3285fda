"""Controlled vocabularies (regions, funders, activity types, target groups)."""
from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Index, String, Table
from sqlalchemy.orm import Mapped, mapped_column

from knowledge_platform.db import db


class VocabularyTerm:
    """Columns every vocabulary shares: a stable code and a label per language."""

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    label_cs: Mapped[str] = mapped_column(String(200))
    label_en: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(default=0)

    def label(self, language: str) -> str:
        """The label in ``language`` (Czech unless English is asked for)."""
        return self.label_en if language == "en" else self.label_cs

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.code}>"


class Region(VocabularyTerm, db.Model):
    __tablename__ = "region"


class Funder(VocabularyTerm, db.Model):
    __tablename__ = "funder"


class ActivityType(VocabularyTerm, db.Model):
    __tablename__ = "activity_type"


class TargetGroup(VocabularyTerm, db.Model):
    __tablename__ = "target_group"


def _project_link(term_table: str) -> Table:
    # The composite primary key forbids linking a project to the same term twice;
    # the (code, project_id) index serves "browse by term" and facet counts.
    name = f"project_{term_table}"
    return Table(
        name,
        db.metadata,
        Column("project_id", ForeignKey("project.id", ondelete="CASCADE"), primary_key=True),
        Column("code", ForeignKey(f"{term_table}.code", ondelete="RESTRICT"), primary_key=True),
        Index(f"ix_{name}_code_project", "code", "project_id"),
    )


project_region = _project_link("region")
project_funder = _project_link("funder")
project_activity_type = _project_link("activity_type")
project_target_group = _project_link("target_group")

VOCABULARIES = {
    "region": Region,
    "funder": Funder,
    "activity": ActivityType,
    "target_group": TargetGroup,
}
