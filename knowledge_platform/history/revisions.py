"""Writing revisions, applying stored values back to a project, and reverting a revision."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import Table, insert, or_, select

from knowledge_platform import catalogue
from knowledge_platform.db import db
from knowledge_platform.history.snapshot import (
    FIELDS,
    LIST_FIELDS,
    ORGANISATION_FIELDS,
    differences,
    snapshot,
)
from knowledge_platform.models import (
    VOCABULARIES,
    Organisation,
    Project,
    ProjectOrganisation,
    Revision,
    RevisionKind,
)
from knowledge_platform.models.users import User

REVISIONS = cast(Table, Revision.__table__)
_KINDS = {field.name: field.kind for field in catalogue.FIELDS}
# Texts are stored as "" when empty, other values as NULL.
_TEXTS = (catalogue.TEXT, catalogue.LONG_TEXT, catalogue.CURRENCY)


class RevertError(ValueError):
    """A revision that cannot be undone (for instance, its organisation no longer exists)."""


def actor_of(user: User | None, fallback: str = "") -> str:
    """The name a revision shows for ``user``: the account's name or e-mail address."""
    return user.display_name if user is not None else fallback


def record_revision(
    project: Project,
    before: dict[str, Any],
    kind: RevisionKind,
    *,
    user: User | None = None,
    actor: str = "",
    note: str = "",
    import_run_id: int | None = None,
    reverts: Revision | None = None,
    always: bool = False,
) -> Revision | None:
    """Add a revision with what changed since ``before`` (a snapshot); None when nothing
    changed, unless ``always`` (a merge or a settled conflict is worth recording anyway)."""
    changes = differences(before, snapshot(project))
    if not changes and not always:
        return None
    revision = Revision(
        project=project, user=user, actor=actor or actor_of(user), kind=kind,
        changes=changes, note=note, import_run_id=import_run_id,
        reverts_id=reverts and reverts.id,
    )
    db.session.add(revision)
    return revision


def insert_revision_of(project_id: int, changes: dict[str, Any], kind: RevisionKind, *,
                       actor: str = "", note: str = "", import_run_id: int | None = None) -> bool:
    """Write a revision of ``changes`` (as ``differences`` gives them) at once, outside the
    session's unit of work; False when there are none."""
    if not changes:
        return False
    # A plain Core INSERT on the session's connection: an import writes one per document.
    db.session.connection().execute(insert(REVISIONS), [{
        "project_id": project_id, "actor": actor, "kind": kind, "changes": changes,
        "note": note, "import_run_id": import_run_id}])
    return True


def apply_values(project: Project, values: dict[str, Any]) -> None:
    """Set the fields named in ``values`` (JSON form, as in a snapshot) on ``project``."""
    for field, value in values.items():
        if field in FIELDS:
            setattr(project, field, _from_json(field, value))
        elif field in LIST_FIELDS:
            setattr(project, field, _terms(LIST_FIELDS[field], value or []))
        elif field in ORGANISATION_FIELDS:
            _set_organisations(project, ORGANISATION_FIELDS[field], value or [])
        else:
            raise RevertError(f"unknown field {field!r}")


def later_changes(revision: Revision) -> list[tuple[Revision, list[str]]]:
    """The project's later revisions that changed a field ``revision`` changed, each with
    those fields: what reverting ``revision`` would overwrite."""
    fields = [field for field in (*FIELDS, *LIST_FIELDS, *ORGANISATION_FIELDS)
              if field in (revision.changes or {})]
    # An undo of this very revision put its old values back: reverting again overwrites
    # nothing of it.
    later = db.session.scalars(select(Revision).where(
        Revision.project_id == revision.project_id, Revision.id > revision.id,
        or_(Revision.reverts_id.is_(None), Revision.reverts_id != revision.id),
    ).order_by(Revision.id))
    found = [(entry, [field for field in fields if field in (entry.changes or {})])
             for entry in later]
    return [(entry, shared) for entry, shared in found if shared]


def revert(revision: Revision, user: User | None) -> Revision | None:
    """Put back the old values of ``revision``'s changes, as a new revision by ``user``."""
    project = revision.project
    before = snapshot(project)
    apply_values(project, {field: change["old"] for field, change in revision.changes.items()})
    return record_revision(project, before, RevisionKind.REVERT, user=user, reverts=revision,
                           note=f"#{revision.id}")


def _from_json(field: str, value: Any) -> Any:
    kind = _KINDS[field]
    enum_class = getattr(Project.__table__.c[field].type, "enum_class", None)
    if enum_class is not None:
        return enum_class(value) if value else None
    if kind == catalogue.DATE:
        return date.fromisoformat(value) if value else None
    if kind == catalogue.MONEY:
        return Decimal(str(value)).quantize(Decimal("0.01")) if value not in (None, "") else None
    if kind in _TEXTS:
        return value or ""
    if kind == catalogue.BOOLEAN:
        return bool(value)
    if kind == catalogue.COUNT:
        return int(value) if value not in (None, "") else None
    if kind == catalogue.LINKS:
        return [dict(link) for link in value or ()]
    return value or None


def _terms(vocabulary: str, codes: list[str]) -> list:
    model = VOCABULARIES[vocabulary]
    terms = []
    for code in codes:
        term = db.session.get(model, code)
        if term is None:
            raise RevertError(f"unknown {vocabulary} code {code!r}")
        terms.append(term)
    return terms


def _set_organisations(project: Project, role, entries: list[dict[str, Any]]) -> None:
    """Make the organisations in ``role`` exactly ``entries``, in their order."""
    wanted = []
    for entry in entries:
        organisation = db.session.get(Organisation, entry["id"])
        # A merged organisation lives on in the one it was merged into.
        while organisation is not None and organisation.merged_into_id:
            organisation = db.session.get(Organisation, organisation.merged_into_id)
        if organisation is None:
            raise RevertError(f"organisation {entry.get('name') or entry['id']!r} no longer exists")
        if organisation not in wanted:
            wanted.append(organisation)
    existing = {link.organisation_id: link for link in project.organisations
                if link.role == role}
    links = []
    for position, organisation in enumerate(wanted):
        # Reuse the link row where there is one: same key, only the position may move.
        link = existing.get(organisation.id) or ProjectOrganisation(
            organisation=organisation, role=role)
        link.position = position
        links.append(link)
    others = [link for link in project.organisations if link.role != role]
    # The order a fresh load gives (role, then position), so the index sees the same text.
    project.organisations = sorted(others + links, key=lambda link: (str(link.role), link.position))
