"""Optimistic locking for the edit form: the version a form was loaded at, and what changed since.

A refused save shows who saved last, which fields they changed, and the form again with the
curator's own changes laid over the latest values, so nothing is lost and nothing is
overwritten unseen.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask import g
from sqlalchemy import select

from knowledge_platform.curate.edit.forms import ProjectForm, form_data
from knowledge_platform.curate.history.diffs import FieldDiff, revision_diff
from knowledge_platform.db import db
from knowledge_platform.history import LIST_FIELDS, ORGANISATION_FIELDS, snapshot
from knowledge_platform.history.snapshot import differences
from knowledge_platform.ingest.organisations import find_organisation
from knowledge_platform.models import Organisation, Project, Revision
from knowledge_platform.text import match_key


@dataclass
class Conflict:
    """Why a save was refused: the latest change, and the fields changed meanwhile."""

    actor: str
    when: datetime | None
    diffs: list[FieldDiff]
    both: set[str]  # fields the curator changed too: their value is kept in the form
    values: dict[str, Any]  # the form's data: latest values with the curator's changes


def version_of(project: Project) -> dict[str, str]:
    """The hidden form fields that identify the version of ``project`` being edited."""
    latest = db.session.scalar(
        select(Revision.id).where(Revision.project_id == project.id)
        .order_by(Revision.id.desc()).limit(1))
    return {"row_version": str(project.row_version), "base_revision": str(latest or 0)}


def conflict(project: Project, form: ProjectForm) -> Conflict:
    """Compare the form with the project as it was loaded and as it is now."""
    later = list(db.session.scalars(
        select(Revision).where(Revision.project_id == project.id,
                               Revision.id > _number(form.base_revision.data))
        .order_by(Revision.id.desc())))
    current = snapshot(project)
    # Undo the later revisions, newest first, to see the values the curator started from.
    base = dict(current)
    for revision in later:
        for name, change in revision.changes.items():
            base[name] = change.get("old")
    theirs = differences(base, current)
    mine = form.values()
    changed = {name for name, value in mine.items() if _key(name, value) != _key(
        name, base.get(name))}
    latest = later[0] if later else db.session.scalar(
        select(Revision).where(Revision.project_id == project.id)
        .order_by(Revision.id.desc()).limit(1))
    return Conflict(
        actor=latest.actor if latest else "", when=latest.created_at if latest else None,
        diffs=revision_diff(theirs, g.lang), both=changed & theirs.keys(),
        values=form_data({**current, **{name: mine[name] for name in changed}}),
    )


def _number(text: str | None) -> int:
    # A tampered field counts as "loaded before every revision": all of them are shown.
    try:
        number = int(text or 0)
    except ValueError:
        return 0
    return number if 0 <= number < 2**31 else 0


def _key(name: str, value: Any) -> Any:
    """``value`` in a form that compares equal when the curator left the field alone."""
    if name in ORGANISATION_FIELDS:
        return [_organisation_key(entry) for entry in value or []]
    if name in LIST_FIELDS:
        return sorted(value or [])
    if isinstance(value, str):
        return value.replace("\r\n", "\n").strip() or None
    return value


def _organisation_key(entry: dict[str, Any] | str) -> int | str:
    if isinstance(entry, dict):
        return entry["id"]
    organisation = find_organisation(entry)
    while organisation is not None and organisation.merged_into_id:
        organisation = db.session.get(Organisation, organisation.merged_into_id)
    return organisation.id if organisation else f"new:{match_key(entry)}"
