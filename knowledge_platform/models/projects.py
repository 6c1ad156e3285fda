"""Projects and the typed links between them."""
from __future__ import annotations

import enum
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    event,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.types import JSON

from knowledge_platform.catalogue import FACETS, facet
from knowledge_platform.db import Model
from knowledge_platform.models.organisations import ProjectOrganisation, Role, enum_column
from knowledge_platform.models.vocabulary import LINKS, VOCABULARIES, VocabularyTerm
from knowledge_platform.text import slugify

if TYPE_CHECKING:
    from knowledge_platform.models.evaluations import Evaluation
    from knowledge_platform.models.revisions import Revision
    from knowledge_platform.models.search import SearchDocument
    from knowledge_platform.models.sources import FieldConflict, SourceDocument


def utcnow() -> datetime:
    return datetime.now(UTC)


class Precision(enum.StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


class Scope(enum.StrEnum):
    LOCAL = "local"
    REGIONAL = "regional"
    NATIONAL = "national"
    INTERNATIONAL = "international"


class Status(enum.StrEnum):
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    PUBLISHED = "published"
    ARCHIVED = "archived"


class RelationKind(enum.StrEnum):
    SAME_SERIES = "same_series"
    PREDECESSOR_OF = "predecessor_of"
    POSSIBLE_DUPLICATE = "possible_duplicate"
    # A curator looked at a possible duplicate and found two different projects.
    DISTINCT = "distinct"


MONEY = Numeric(15, 2)
CENT = Decimal("0.01")


def cost_per_participant(budget: Decimal | None, participants: int | None) -> Decimal | None:
    """The budget per participant, to the cent, in the budget's currency; None unless both
    are known and someone took part."""
    if budget is None or not participants:
        return None
    return (Decimal(budget) / participants).quantize(CENT)


class Project(Model):
    __tablename__ = "project"
    __table_args__ = (
        CheckConstraint(
            "end_date IS NULL OR start_date IS NULL OR end_date >= start_date", name="period"
        ),
        CheckConstraint("budget_total IS NULL OR budget_total >= 0", name="budget_non_negative"),
        CheckConstraint("subsidy IS NULL OR subsidy >= 0", name="subsidy_non_negative"),
        CheckConstraint("participants IS NULL OR participants >= 0",
                        name="participants_non_negative"),
        CheckConstraint(
            "start_date IS NULL OR start_precision IS NOT NULL", name="start_has_precision"
        ),
        CheckConstraint(
            "end_date IS NULL OR end_precision IS NOT NULL", name="end_has_precision"
        ),
        Index("ix_project_status_start", "status", "start_date"),
        Index("ix_project_status_end", "status", "end_date"),
        Index("ix_project_status_updated", "status", "updated_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(120))
    language: Mapped[str | None] = mapped_column(String(2))
    title_cs: Mapped[str] = mapped_column(String(500), default="")
    title_en: Mapped[str] = mapped_column(String(500), default="")
    summary_cs: Mapped[str] = mapped_column(Text, default="")
    summary_en: Mapped[str] = mapped_column(Text, default="")
    description_cs: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    # Unique where present: the same registration number is the same project.
    registration_number: Mapped[str | None] = mapped_column(String(100), unique=True)
    start_date: Mapped[date | None] = mapped_column(Date)
    start_precision: Mapped[Precision | None] = mapped_column(
        enum_column(Precision, "start_precision")
    )
    end_date: Mapped[date | None] = mapped_column(Date)
    end_precision: Mapped[Precision | None] = mapped_column(
        enum_column(Precision, "end_precision")
    )
    budget_total: Mapped[Decimal | None] = mapped_column(MONEY)
    subsidy: Mapped[Decimal | None] = mapped_column(MONEY)
    currency: Mapped[str] = mapped_column(String(3), default="CZK")
    budget_approximate: Mapped[bool] = mapped_column(default=False)
    scope: Mapped[Scope | None] = mapped_column(enum_column(Scope, "scope"))
    status: Mapped[Status] = mapped_column(enum_column(Status, "status"), default=Status.DRAFT)
    good_practice: Mapped[bool] = mapped_column(default=False, index=True)
    good_practice_reason_cs: Mapped[str] = mapped_column(Text, default="")
    good_practice_reason_en: Mapped[str] = mapped_column(Text, default="")
    # Why the badge was awarded although no evaluation reached the threshold (public).
    good_practice_override_cs: Mapped[str] = mapped_column(Text, default="")
    good_practice_override_en: Mapped[str] = mapped_column(Text, default="")
    # A contact person (catalogue.CONTACT_PERSON): personal data, public only with consent.
    contact_name: Mapped[str] = mapped_column(String(500), default="", server_default="")
    contact_role: Mapped[str] = mapped_column(String(500), default="", server_default="")
    contact_email: Mapped[str] = mapped_column(String(500), default="", server_default="")
    contact_phone: Mapped[str] = mapped_column(String(500), default="", server_default="")
    contact_consent: Mapped[bool] = mapped_column(default=False, server_default=false())
    contact_consent_date: Mapped[date | None] = mapped_column(Date)
    # The good-practice sheet (catalogue.SHEET): what it achieved and what copying it takes.
    results_cs: Mapped[str] = mapped_column(Text, default="")
    results_en: Mapped[str] = mapped_column(Text, default="")
    lessons_cs: Mapped[str] = mapped_column(Text, default="")
    lessons_en: Mapped[str] = mapped_column(Text, default="")
    requirements_cs: Mapped[str] = mapped_column(Text, default="")
    requirements_en: Mapped[str] = mapped_column(Text, default="")
    participants: Mapped[int | None] = mapped_column(Integer)
    # [{"url", "kind", "label"}] in order: addresses only, nothing uploaded.
    sheet_links: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )
    row_version: Mapped[int] = mapped_column(default=1)
    # Set when this project was merged into another: its old address redirects there.
    merged_into_id: Mapped[int | None] = mapped_column(
        ForeignKey("project.id", ondelete="SET NULL")
    )

    __mapper_args__ = {"version_id_col": row_version}

    organisations: Mapped[list[ProjectOrganisation]] = relationship(
        back_populates="project",
        cascade="all, delete-orphan",
        order_by=(ProjectOrganisation.role, ProjectOrganisation.position),
    )
    sources: Mapped[list[SourceDocument]] = relationship(
        back_populates="project", order_by="SourceDocument.captured_at"
    )
    # The sources the public record cites: none whose proposals still wait for a curator.
    public_sources: Mapped[list[SourceDocument]] = relationship(
        primaryjoin="and_(SourceDocument.project_id == Project.id, "
                    "SourceDocument.awaiting_review == false())",
        order_by="SourceDocument.captured_at", viewonly=True,
    )
    conflicts: Mapped[list[FieldConflict]] = relationship(
        back_populates="project", cascade="all, delete-orphan"
    )

    if TYPE_CHECKING:
        # Added at run time: the backrefs of Evaluation, Revision and SearchDocument. A
        # facet's terms are read with terms(), as the catalogue names the relationships.
        evaluations: Mapped[list[Evaluation]]
        revisions: Mapped[list[Revision]]
        search_document: Mapped[SearchDocument | None]

    @property
    def cost_per_participant(self) -> Decimal | None:
        """The total budget per participant, in ``currency`` (worked out, never typed)."""
        return cost_per_participant(self.budget_total, self.participants)

    def title(self, language: str) -> str:
        """The title in ``language``, or in the other language when that one is empty."""
        return self.text("title", language)[0]

    def text(self, stem: str, language: str) -> tuple[str, str]:
        """The text ``<stem>_<language>`` with its language, or the other language's text
        when that one is empty: ``("...", "cs")``."""
        other = "cs" if language == "en" else "en"
        own = getattr(self, f"{stem}_{language}")
        return (own, language) if own else (getattr(self, f"{stem}_{other}"), other)

    @classmethod
    def link(cls, facet_name: str) -> Any:
        """The relationship to the terms of the facet ``facet_name`` (for queries)."""
        return getattr(cls, facet(facet_name).field)

    def terms(self, facet_name: str) -> list[VocabularyTerm]:
        """The project's terms of the facet ``facet_name``, in the vocabulary's order."""
        terms: list[VocabularyTerm] = getattr(self, facet(facet_name).field)
        return terms

    def organisations_in(self, role: Role) -> list:
        """The organisations with ``role``, in their recorded order."""
        return [link.organisation for link in self.organisations if link.role == role]

    @property
    def implementer(self):
        implementers = self.organisations_in(Role.IMPLEMENTER)
        return implementers[0] if implementers else None

    def __repr__(self) -> str:
        return f"<Project {self.id} {self.slug!r}>"


# Each facet's terms, as the relationship its catalogue entry names ("regions", ...).
for _facet in FACETS:
    _term = VOCABULARIES[_facet.name]
    _link = LINKS[_facet.name]
    if _facet.derived_from:
        # A derived facet's view has no foreign keys to read the joins from.
        setattr(Project, _facet.field, relationship(
            _term, secondary=_link, order_by=_term.position, viewonly=True,
            primaryjoin=Project.id == _link.c.project_id,
            secondaryjoin=_term.code == _link.c.code))
    else:
        setattr(Project, _facet.field, relationship(
            _term, secondary=_link, order_by=_term.position))


@event.listens_for(Project.title_cs, "set")
@event.listens_for(Project.title_en, "set")
def _slug_follows_title(target: Project, value: str | None, _old: Any, initiator: Any) -> None:
    # The address names the current title (citations use it); an old address redirects.
    titles = {"title_cs": target.title_cs, "title_en": target.title_en, initiator.key: value}
    target.slug = slugify(titles["title_cs"] or titles["title_en"] or "")


class ProjectRelation(Model):
    """A typed link from one project to another (series, succession, possible duplicate)."""

    __tablename__ = "project_relation"
    __table_args__ = (
        UniqueConstraint("from_project_id", "to_project_id", "kind", name="uq_project_relation"),
        CheckConstraint("from_project_id <> to_project_id", name="not_self"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    from_project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    to_project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[RelationKind] = mapped_column(enum_column(RelationKind, "relation_kind"))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    from_project: Mapped[Project] = relationship(foreign_keys=[from_project_id])
    to_project: Mapped[Project] = relationship(foreign_keys=[to_project_id])
