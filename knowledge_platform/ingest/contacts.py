"""The implementer's public contacts from an extracted record, into its organisation.

Only empty fields are filled, so a curator's value always stays; an IČO that another
organisation already holds is reported, never stored twice.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import select

from importers.extract.contacts import CONTACTS
from knowledge_platform.db import db
from knowledge_platform.ingest.record_values import clip
from knowledge_platform.models import Organisation, ProjectOrganisation, Role


def record_contacts(record: dict[str, Any]) -> dict[str, str]:
    """The implementer's contacts the record holds, by Organisation attribute."""
    return {contact: str(record[f"implementer_{contact}"]) for contact in CONTACTS
            if record.get(f"implementer_{contact}")}


def fill_implementer_contacts(record: dict[str, Any], project_id: int) -> list[str]:
    """Fill the empty contact fields and IČO of the implementer the project is linked to;
    the problems met (an IČO another organisation has), as messages."""
    found = record_contacts(record)
    if not found:
        return []
    organisation = db.session.scalar(
        select(Organisation).join(ProjectOrganisation)
        .where(ProjectOrganisation.project_id == project_id,
               ProjectOrganisation.role == Role.IMPLEMENTER)
        .order_by(ProjectOrganisation.position).limit(1))
    if organisation is None:
        return []
    problems = []
    for contact, value in found.items():
        if getattr(organisation, contact):
            continue  # a curator's or an earlier source's value stays
        if contact == "ico":
            holder = _holder_of_ico(value, organisation)
            if holder is not None:
                problems.append(f"IČO {value} of {organisation.name} is already "
                                f"{holder.name}'s (organisation {holder.id})")
                continue
        setattr(organisation, contact, clip(value, getattr(Organisation, contact)))
    return problems


def _holder_of_ico(ico: str, organisation: Organisation) -> Organisation | None:
    """Another organisation with ``ico``, stored or about to be."""
    pending = next((other for other in db.session.new
                    if isinstance(other, Organisation) and other is not organisation
                    and other.ico == ico), None)
    if pending is not None:
        return pending
    with db.session.no_autoflush:
        return db.session.scalar(select(Organisation).where(
            Organisation.ico == ico, Organisation.id != (organisation.id or -1)))
