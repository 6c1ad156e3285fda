"""Controlled vocabularies: a term table and a project link table for each catalogue facet."""
from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Index, String, Table
from sqlalchemy.orm import Mapped, mapped_column

from knowledge_platform.catalogue import FACETS
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


# One model and one link table per facet of the catalogue, by facet name.
VOCABULARIES: dict[str, type[VocabularyTerm]] = {}
LINKS: dict[str, Table] = {}
for _facet in FACETS:
    VOCABULARIES[_facet.name] = type(_facet.model, (VocabularyTerm, db.Model), {
        "__tablename__": _facet.table, "__module__": __name__})
    LINKS[_facet.name] = _project_link(_facet.table)

# The regions have pages and a map of their own.
Region = VOCABULARIES["region"]
