"""Merging duplicate projects, and marking possible duplicates.

Nothing is lost in a merge: the merged row stays (archived, pointing to the survivor) and
everything attached to it moves over; each changed project gets a MERGE revision.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select

from knowledge_platform.curate.merge.conflicts import SettleError, check_values
from knowledge_platform.db import db
from knowledge_platform.history import (
    FIELDS,
    LIST_FIELDS,
    ORGANISATION_FIELDS,
    apply_values,
    record_revision,
    snapshot,
)
from knowledge_platform.history.snapshot import differences
from knowledge_platform.models import (
    Evaluation,
    FieldConflict,
    Project,
    ProjectRelation,
    RelationKind,
    Revision,
    RevisionKind,
    SourceDocument,
    Status,
)
from knowledge_platform.models.users import User

SURVIVOR, OTHER = "survivor", "other"
# Fields that only make sense together are chosen together; the first one names the group.
_LINKED = (("start_date", "start_precision"), ("end_date", "end_precision"),
           ("budget_total", "currency", "budget_approximate"),
           ("good_practice", "good_practice_reason_cs", "good_practice_reason_en",
            "good_practice_override_cs", "good_practice_override_en"))


def _groups() -> dict[str, tuple[str, ...]]:
    groups: dict[str, tuple[str, ...]] = {}
    for field in FIELDS:
        group = next((linked for linked in _LINKED if field in linked), (field,))
        groups.setdefault(group[0], group)
    return groups


GROUPS = _groups()
MARKABLE = (RelationKind.DISTINCT, RelationKind.SAME_SERIES)


class MergeError(SettleError):
    """Two records that cannot be merged (the same one, or one merged already)."""


@dataclass(frozen=True)
class FieldChoice:
    """A group of fields on which the two projects differ, with both values (JSON form)."""

    name: str
    survivor: dict[str, Any]
    other: dict[str, Any]
    default: str


def _empty(value: Any) -> bool:
    return value in ("", None, [], False)


def field_choices(survivor: Project, other: Project) -> list[FieldChoice]:
    """Every field group that differs; the survivor's value is the default unless it is empty."""
    mine, theirs = snapshot(survivor), snapshot(other)
    choices = []
    for name, group in GROUPS.items():
        kept = {field: mine[field] for field in group}
        offered = {field: theirs[field] for field in group}
        if not differences(kept, offered):
            continue
        default = OTHER if _empty(kept[name]) and not _empty(offered[name]) else SURVIVOR
        choices.append(FieldChoice(name, kept, offered, default))
    return choices


def projects_titled(text: str, exclude: int, limit: int = 20) -> list[Project]:
    """Records other than ``exclude`` whose title contains ``text`` (any case), not merged away."""
    return list(db.session.scalars(select(Project).where(
        or_(Project.title_cs.icontains(text, autoescape=True),
            Project.title_en.icontains(text, autoescape=True)),
        Project.id != exclude, Project.merged_into_id.is_(None),
    ).order_by(Project.id.desc()).limit(limit)))


def check_pair(survivor, other) -> None:
    """Refuse to merge a record into itself, or one that has been merged already."""
    if survivor.id == other.id:
        raise MergeError("self")
    if survivor.merged_into_id or other.merged_into_id:
        raise MergeError("merged")


@dataclass(frozen=True)
class ListItem:
    """One term or organisation of either record, for the curator to keep or leave."""

    value: str  # a vocabulary code, or an organisation id as text
    label: str
    sides: tuple[str, ...]  # SURVIVOR and/or OTHER


def list_items(survivor: Project, other: Project, language: str) -> dict[str, list[ListItem]]:
    """Per list field (terms and organisations), the items of both records, survivor's first."""
    items: dict[str, list[ListItem]] = {}
    for attribute in LIST_FIELDS:
        found: dict[str, tuple[str, list[str]]] = {}
        for side, project in ((SURVIVOR, survivor), (OTHER, other)):
            for term in getattr(project, attribute):
                found.setdefault(term.code, (term.label(language), []))[1].append(side)
        items[attribute] = [ListItem(code, label, tuple(sides))
                            for code, (label, sides) in found.items()]
    for field, role in ORGANISATION_FIELDS.items():
        seen: dict[str, tuple[str, list[str]]] = {}
        for side, project in ((SURVIVOR, survivor), (OTHER, other)):
            for organisation in project.organisations_in(role):
                seen.setdefault(str(organisation.id), (organisation.name, []))[1].append(side)
        items[field] = [ListItem(key, name, tuple(sides)) for key, (name, sides) in seen.items()]
    return items


def merge_projects(
    survivor: Project, merged: Project, take_other: set[str], user: User | None, note: str = "",
    keep: dict[str, list[str]] | None = None,
) -> None:
    """Merge ``merged`` into ``survivor``, taking the other's values for the groups named in
    ``take_other`` and, per list field named in ``keep``, only the items listed (all items of
    both otherwise); sources, evaluations, history and relations move."""
    check_pair(survivor, merged)
    before, merged_before = snapshot(survivor), snapshot(merged)
    values = {field: merged_before[field] for name in take_other & GROUPS.keys()
              for field in GROUPS[name]}
    check_values(survivor, values, released=(merged.id,))
    # The number is unique: the merged record gives it up before the survivor takes it.
    merged.registration_number = None
    db.session.flush()
    apply_values(survivor, values)
    lists = {field: [*before[field], *merged_before[field]]
             for field in (*LIST_FIELDS, *ORGANISATION_FIELDS)}
    for field, chosen in (keep or {}).items():
        if field in LIST_FIELDS:
            lists[field] = [code for code in lists[field] if code in chosen]
        elif field in ORGANISATION_FIELDS:
            lists[field] = [entry for entry in lists[field] if str(entry["id"]) in chosen]
    implementers = unique_organisations(lists["implementers"])
    apply_values(survivor, {
        **{attribute: list(dict.fromkeys(lists[attribute])) for attribute in LIST_FIELDS},
        "implementers": implementers,
        "partners": [entry for entry in unique_organisations(lists["partners"])
                     if entry not in implementers],
    })
    for attribute in LIST_FIELDS:  # the order they load in, which the index row follows
        getattr(survivor, attribute).sort(key=lambda term: term.position)
    attached: tuple[SourceDocument | Evaluation | Revision | FieldConflict, ...] = (
        *merged.sources, *merged.evaluations, *merged.revisions, *merged.conflicts)
    for row in attached:
        row.project = survivor
    _repoint_relations(survivor, merged)
    merged.organisations = []
    merged.status = Status.ARCHIVED
    merged.merged_into_id = survivor.id
    title = merged.title_cs or merged.title_en
    record_revision(merged, merged_before, RevisionKind.MERGE, user=user, always=True,
                    note=f"→ #{survivor.id}")
    record_revision(survivor, before, RevisionKind.MERGE, user=user, always=True,
                    note=" – ".join(part for part in (f"#{merged.id} {title}", note) if part))


def unique_organisations(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The organisation entries by id, each once, in their first order."""
    unique: list[dict[str, Any]] = []
    for entry in entries:
        if {"id": entry["id"]} not in unique:
            unique.append({"id": entry["id"]})
    return unique


def _repoint_relations(survivor: Project, merged: Project) -> None:
    """Point the merged project's relations at the survivor, dropping self-links and repeats."""
    relations = db.session.scalars(select(ProjectRelation).where(or_(
        ProjectRelation.from_project_id.in_((survivor.id, merged.id)),
        ProjectRelation.to_project_id.in_((survivor.id, merged.id)))))
    # The survivor's own relations come first, so they are the ones kept.
    ordered = sorted(relations, key=lambda r: (merged.id in (r.from_project_id,
                                                             r.to_project_id), r.id))
    seen = set()
    for relation in ordered:
        ends = [survivor if end.id == merged.id else end
                for end in (relation.from_project, relation.to_project)]
        ids = (ends[0].id, ends[1].id)
        key = (relation.kind, ids if relation.kind == RelationKind.PREDECESSOR_OF
               else frozenset(ids))
        if ids[0] == ids[1] or key in seen:
            db.session.delete(relation)
            continue
        seen.add(key)
        relation.from_project, relation.to_project = ends


def related_projects(project: Project) -> list[tuple[ProjectRelation, Project]]:
    """(relation, the other project) for every relation of ``project``, possible duplicates
    first."""
    relations = db.session.scalars(select(ProjectRelation).where(or_(
        ProjectRelation.from_project_id == project.id,
        ProjectRelation.to_project_id == project.id)).order_by(ProjectRelation.id))
    pairs = [(relation, relation.to_project if relation.from_project_id == project.id
              else relation.from_project) for relation in relations]
    return sorted(pairs, key=lambda pair: pair[0].kind != RelationKind.POSSIBLE_DUPLICATE)


def mark_relation(relation: ProjectRelation, kind: RelationKind) -> ProjectRelation:
    """Mark a pair as distinct projects or the same series; the importer then leaves it be."""
    if kind not in MARKABLE:
        raise MergeError("kind", kind=str(kind))
    same = db.session.scalar(select(ProjectRelation).where(
        ProjectRelation.from_project_id == relation.from_project_id,
        ProjectRelation.to_project_id == relation.to_project_id,
        ProjectRelation.kind == kind, ProjectRelation.id != relation.id))
    if same is not None:  # already marked so: the unique pair keeps one row
        db.session.delete(relation)
        return same
    relation.kind = kind
    return relation


def mark_distinct(project: Project, other: Project) -> None:
    """Record that a curator found ``project`` and ``other`` to be different projects."""
    relation = db.session.scalar(select(ProjectRelation).where(
        ProjectRelation.kind == RelationKind.POSSIBLE_DUPLICATE,
        or_((ProjectRelation.from_project_id == project.id)
            & (ProjectRelation.to_project_id == other.id),
            (ProjectRelation.from_project_id == other.id)
            & (ProjectRelation.to_project_id == project.id))).limit(1))
    if relation is not None:
        mark_relation(relation, RelationKind.DISTINCT)
        return
    first, second = sorted((project.id, other.id))
    db.session.add(ProjectRelation(from_project_id=first, to_project_id=second,
                                   kind=RelationKind.DISTINCT))
