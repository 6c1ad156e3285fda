"""Controlled vocabularies: a term table and a project link table for each catalogue facet."""
from __future__ import annotations

from sqlalchemy import Column, Float, ForeignKey, Index, MetaData, String, Table
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


class PlaceFacts:
    """What the gazetteer says of a town or city district (importers/gazetteer.py)."""

    ruian: Mapped[str] = mapped_column(String(12))
    kind: Mapped[str] = mapped_column(String(10))  # "town" or "district"
    city: Mapped[str | None] = mapped_column(String(40))  # a district's city
    region: Mapped[str] = mapped_column(String(10), index=True)
    okres: Mapped[str] = mapped_column(String(10), index=True)
    orp: Mapped[str] = mapped_column(String(40), index=True)
    population: Mapped[int]
    population_year: Mapped[int]
    size_band: Mapped[str] = mapped_column(String(20), index=True)
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)


# Columns a vocabulary has beyond VocabularyTerm's, by facet name.
_FACTS: dict[str, type] = {"municipality": PlaceFacts}
# Derived facets' link tables are views over other tables, which migrations create; their
# own metadata keeps ``create_all`` and autogenerate from taking them for tables.
VIEWS = MetaData()


def _project_link(term_table: str, metadata: MetaData = db.metadata) -> Table:
    # The composite primary key forbids linking a project to the same term twice;
    # the (code, project_id) index serves "browse by term" and facet counts.
    name = f"project_{term_table}"
    if metadata is VIEWS:
        return Table(name, metadata, Column("project_id", primary_key=True),
                     Column("code", String(40), primary_key=True))
    return Table(
        name,
        metadata,
        Column("project_id", ForeignKey("project.id", ondelete="CASCADE"), primary_key=True),
        Column("code", ForeignKey(f"{term_table}.code", ondelete="RESTRICT"), primary_key=True),
        Index(f"ix_{name}_code_project", "code", "project_id"),
    )


# One model and one link table per facet of the catalogue, by facet name.
VOCABULARIES: dict[str, type[VocabularyTerm]] = {}
LINKS: dict[str, Table] = {}
for _facet in FACETS:
    _bases = (VocabularyTerm, *((_FACTS[_facet.name],) if _facet.name in _FACTS else ()))
    VOCABULARIES[_facet.name] = type(_facet.model, (*_bases, db.Model), {
        "__tablename__": _facet.table, "__module__": __name__})
    LINKS[_facet.name] = _project_link(_facet.table, VIEWS if _facet.derived_from else db.metadata)

# The regions have pages and a map of their own; municipalities pages and a ranking.
Region = VOCABULARIES["region"]
Municipality = VOCABULARIES["municipality"]

# The SELECT behind each derived facet's link view: a project's size bands are those of its
# municipalities, so they can never disagree.
DERIVED_LINKS: dict[str, str] = {
    "size_band": "SELECT DISTINCT pm.project_id AS project_id, m.size_band AS code "
                 "FROM project_municipality pm JOIN municipality m ON m.code = pm.code",
}
