"""Merging two organisations that are one, and undoing such a merge.

A merge is an entry of the kept organisation's history that remembers what moved (names,
the identification number, the projects' links), so an undo can put each thing back.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import select

from knowledge_platform.curate.merge.conflicts import SettleError
from knowledge_platform.curate.merge.merging import check_pair, unique_organisations
from knowledge_platform.db import db
from knowledge_platform.history import (
    apply_values,
    later_changes,
    record_revision,
    revert,
    snapshot,
)
from knowledge_platform.history.revisions import actor_of
from knowledge_platform.models import (
    Organisation,
    OrganisationAlias,
    OrganisationChange,
    OrganisationChangeKind,
    OrganisationType,
    Revision,
    RevisionKind,
    Role,
)
from knowledge_platform.models.organisations import CONTACTS
from knowledge_platform.models.users import User
from knowledge_platform.text import match_key

# The organisation's own fields a merge may fill and an edit changes, as history keeps them.
DETAILS = ("name", "ico", "type", *CONTACTS)


class UnmergeError(SettleError):
    """A merge that cannot be undone (undone already, or the kept one was merged since)."""


def details(organisation: Organisation) -> dict[str, Any]:
    """The organisation's own fields in JSON form."""
    return {field: str(getattr(organisation, field) or "") or None for field in DETAILS}


def changed(before: dict[str, Any], after: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """``{field: {"old", "new"}}`` for the fields that differ."""
    return {field: {"old": before[field], "new": after[field]}
            for field in DETAILS if before[field] != after[field]}


def moving_projects(merged: Organisation, survivor: Organisation) -> list[dict[str, Any]]:
    """What a merge would do to each project of ``merged``: its role there and whether the
    kept organisation is in the project already (then the two links become one)."""
    kept_roles = {(link.project_id, link.role) for link in survivor.roles}
    moving: dict[int, dict[str, Any]] = {}
    for link in sorted(merged.roles, key=lambda link: (link.project_id, str(link.role))):
        entry = moving.setdefault(link.project_id, {
            "project": link.project, "roles": [], "joined": False})
        entry["roles"].append(link.role)
        entry["joined"] = entry["joined"] or any(
            (link.project_id, role) in kept_roles for role in Role)
    return list(moving.values())


def merge_organisations(survivor: Organisation, merged: Organisation,
                        user: User | None) -> OrganisationChange:
    """Merge ``merged`` into ``survivor``: its names become aliases, its project links move
    (one link per project and organisation, implementer before partner), each changed
    project gets a MERGE revision and the survivor's history the merge."""
    check_pair(survivor, merged)
    projects = sorted({link.project for link in merged.roles}, key=lambda p: p.id)
    befores = {project.id: snapshot(project) for project in projects}
    survivor_before = details(survivor)
    moved: dict[str, Any] = {"aliases": [alias.id for alias in merged.aliases],
                             "added_alias": None, "ico": None, "revisions": []}
    for alias in list(merged.aliases):
        alias.organisation = survivor  # alias keys are unique: the rows move, none is copied
    key = match_key(merged.name)
    added = None
    if key and db.session.scalar(select(OrganisationAlias.id).where(
            OrganisationAlias.key == key)) is None:
        added = OrganisationAlias(name=merged.name, key=key)
        survivor.aliases.append(added)
    if not survivor.ico and merged.ico:
        moved["ico"], merged.ico = merged.ico, None
        db.session.flush()  # the number is unique: free it first
        survivor.ico = moved["ico"]
    for field in CONTACTS:
        setattr(survivor, field, getattr(survivor, field) or getattr(merged, field))
    if survivor.type == OrganisationType.OTHER:
        survivor.type = merged.type
    merged.merged_into_id = survivor.id
    revisions = []
    for project in projects:
        before = befores[project.id]
        implementers = unique_organisations([_renamed(entry, merged, survivor)
                                for entry in before["implementers"]])
        partners = [entry for entry in unique_organisations([_renamed(entry, merged, survivor)
                                                for entry in before["partners"]])
                    if entry not in implementers]
        apply_values(project, {"implementers": implementers, "partners": partners})
        revisions.append(record_revision(project, before, RevisionKind.MERGE, user=user,
                                         note=f"{merged.name} → {survivor.name}"))
    change = OrganisationChange(
        organisation=survivor, other=merged, user=user, actor=actor_of(user),
        kind=OrganisationChangeKind.MERGE, changes=changed(survivor_before, details(survivor)))
    db.session.add(change)
    db.session.flush()
    change.moved = {**moved, "added_alias": added and added.id,
                    "revisions": [revision.id for revision in revisions if revision]}
    return change


def later_edits(change: OrganisationChange) -> list[tuple[Revision, list[str]]]:
    """Later project revisions that changed the organisations a merge changed: what undoing
    the merge would overwrite."""
    later = []
    for revision_id in change.moved.get("revisions", []):
        revision = db.session.get(Revision, revision_id)
        if revision is not None:
            later.extend(later_changes(revision))
    return sorted(later, key=lambda pair: pair[0].id)


def check_undo(change: OrganisationChange) -> None:
    """Refuse to undo anything but a merge that stands: not undone yet, and neither
    organisation merged elsewhere since."""
    survivor, merged = change.organisation, change.other
    if change.kind != OrganisationChangeKind.MERGE or merged is None:
        raise UnmergeError("unmergeable")
    if change.undone_by_id is not None:
        raise UnmergeError("undone")
    if survivor.merged_into_id is not None or merged.merged_into_id != survivor.id:
        raise UnmergeError("merged_since")


def undo_merge(change: OrganisationChange, user: User | None) -> Organisation:
    """Give the merged organisation back its names, number and place in each project, as an
    UNMERGE entry of the kept organisation's history (and REVERT revisions of the projects);
    returns the organisation that stands on its own again."""
    check_undo(change)
    survivor, merged = change.organisation, change.other
    assert merged is not None  # checked above
    before = details(survivor)
    moved = change.moved or {}
    merged.merged_into_id = None
    for alias_id in moved.get("aliases", []):
        alias = db.session.get(OrganisationAlias, alias_id)
        if alias is not None and alias.organisation_id == survivor.id:
            alias.organisation = merged
    added = moved.get("added_alias") and db.session.get(OrganisationAlias, moved["added_alias"])
    if added is not None and added.organisation_id == survivor.id:
        survivor.aliases.remove(added)
    for field, values in change.changes.items():
        # A field a curator has changed since keeps its newer value.
        if field in DETAILS and before[field] == values["new"] and field != "ico":
            setattr(survivor, field, OrganisationType(values["old"]) if field == "type"
                    else values["old"])
    if moved.get("ico") and survivor.ico == moved["ico"]:
        survivor.ico = None
        db.session.flush()
        merged.ico = moved["ico"]
    db.session.flush()  # the projects' old links must name an organisation not merged away
    for revision_id in moved.get("revisions", []):
        revision = db.session.get(Revision, revision_id)
        if revision is not None:
            revert(revision, user)
    undo = OrganisationChange(
        organisation=survivor, other=merged, user=user, actor=actor_of(user),
        kind=OrganisationChangeKind.UNMERGE, changes=changed(before, details(survivor)),
        moved={})
    db.session.add(undo)
    db.session.flush()
    change.undone_by_id = undo.id
    return merged


def _renamed(entry: dict[str, Any], merged: Organisation, survivor: Organisation) -> dict:
    return {"id": survivor.id} if entry["id"] == merged.id else entry
