"""Organisations, their aliases, and their roles in projects."""
from __future__ import annotations

import enum
from typing import TYPE_CHECKING

from sqlalchemy import Enum, ForeignKey, Index, String, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from knowledge_platform.db import Model

if TYPE_CHECKING:
    from knowledge_platform.models.organisation_changes import OrganisationChange
    from knowledge_platform.models.projects import Project


class OrganisationType(enum.StrEnum):
    NGO = "ngo"
    MUNICIPALITY = "municipality"
    REGION = "region"
    MINISTRY = "ministry"
    SCHOOL = "school"
    INTERNATIONAL = "international"
    OTHER = "other"


class Role(enum.StrEnum):
    IMPLEMENTER = "implementer"
    PARTNER = "partner"


def enum_column(enum_class: type[enum.Enum], name: str) -> Enum:
    """A portable enum column stored as its values, with a CHECK constraint."""
    return Enum(
        enum_class,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=20,
        values_callable=lambda members: [member.value for member in members],
        validate_strings=True,
    )


# How the public reaches an organisation: its own fields, shown on its page and in the
# contact box of its projects, with the widest value each may hold.
CONTACTS = {"website": 500, "email": 200, "phone": 50, "address": 300}


class Organisation(Model):
    __tablename__ = "organisation"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    slug: Mapped[str] = mapped_column(String(120))
    ico: Mapped[str | None] = mapped_column(String(8), unique=True)
    type: Mapped[OrganisationType] = mapped_column(
        enum_column(OrganisationType, "organisation_type"), default=OrganisationType.OTHER
    )
    website: Mapped[str | None] = mapped_column(String(CONTACTS["website"]))
    email: Mapped[str | None] = mapped_column(String(CONTACTS["email"]))
    phone: Mapped[str | None] = mapped_column(String(CONTACTS["phone"]))
    address: Mapped[str | None] = mapped_column(String(CONTACTS["address"]))
    # False for one an import created until a curator has looked at it (kept, renamed or
    # merged); the workspace lists those apart.
    checked: Mapped[bool] = mapped_column(default=False, server_default=true())
    # Set when this organisation was merged into another: its old address redirects there.
    merged_into_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL")
    )

    @property
    def contacts(self) -> dict[str, str]:
        """The public contacts it has, in the order of CONTACTS."""
        return {field: getattr(self, field) for field in CONTACTS if getattr(self, field)}

    aliases: Mapped[list[OrganisationAlias]] = relationship(
        back_populates="organisation", cascade="all, delete-orphan", order_by="OrganisationAlias.id"
    )
    roles: Mapped[list[ProjectOrganisation]] = relationship(
        back_populates="organisation", cascade="all, delete-orphan"
    )

    if TYPE_CHECKING:
        # Added at run time: the backref of OrganisationChange, newest first.
        changes: Mapped[list[OrganisationChange]]

    def __repr__(self) -> str:
        return f"<Organisation {self.id} {self.name!r}>"


class OrganisationAlias(Model):
    """Another name of an organisation: a spelling, an abbreviation, the other language."""

    __tablename__ = "organisation_alias"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(300))
    # One key names one organisation, so matching through aliases is never ambiguous.
    key: Mapped[str] = mapped_column(String(300), unique=True)

    organisation: Mapped[Organisation] = relationship(back_populates="aliases")


class ProjectOrganisation(Model):
    """An organisation's role in a project (implementer or partner)."""

    __tablename__ = "project_organisation"
    __table_args__ = (Index("ix_project_organisation_org_role", "organisation_id", "role"),)

    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), primary_key=True
    )
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[Role] = mapped_column(enum_column(Role, "organisation_role"), primary_key=True)
    position: Mapped[int] = mapped_column(default=0)

    project: Mapped[Project] = relationship(back_populates="organisations")
    organisation: Mapped[Organisation] = relationship(back_populates="roles")
