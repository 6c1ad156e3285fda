"""Saving the edit form as one revision: values, organisations named in it, relations."""
from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from knowledge_platform.catalogue import stored_facets
from knowledge_platform.curate.edit.forms import EDITABLE_RELATIONS, SUCCESSOR_OF, ProjectForm
from knowledge_platform.db import db
from knowledge_platform.history import apply_values, record_revision, snapshot
from knowledge_platform.ingest.aliases import known_aliases
from knowledge_platform.ingest.matching import link_related
from knowledge_platform.ingest.organisations import find_organisation, resolve_organisation
from knowledge_platform.ingest.store import serialise_imports
from knowledge_platform.labels import RELATION_LABELS
from knowledge_platform.models import (
    Organisation,
    Project,
    ProjectRelation,
    RelationKind,
    Revision,
    RevisionKind,
)
from knowledge_platform.models.projects import utcnow


def save(project: Project, form: ProjectForm) -> tuple[Revision | None, list[str]]:
    """Apply the form to ``project`` and record what changed: the revision (None when
    nothing did) and the names of organisations created on the way."""
    before = snapshot(project)
    values = keep_unchanged_text(form.values(), before)
    created: list[str] = []
    for role in ("implementers", "partners"):
        values[role] = [_entry(organisation_named(name, created)) for name in values[role]]
    apply_values(project, values)
    tidy(project)
    notes = _apply_relations(project, form)
    revision = record_revision(
        project, before, RevisionKind.EDIT, user=current_user._get_current_object(),
        note="; ".join(filter(None, [form.note.data, *notes])), always=bool(notes))
    if revision is not None:
        touch(project)
        # A corrected title or implementer may reveal a twin the import could not see.
        db.session.flush()
        link_related(project)
    return revision, created


def keep_unchanged_text(values: dict[str, Any], before: dict[str, Any]) -> dict[str, Any]:
    """The stored text wherever the submitted one differs only in line ends or outer spaces."""
    for name, value in values.items():
        old = before.get(name)
        if isinstance(value, str) and isinstance(old, str) and value != old and (
                value.strip() == old.replace("\r\n", "\n").strip()):
            values[name] = old
    return values


def organisation_named(name: str, created: list[str]) -> Organisation:
    """The organisation one of whose names is ``name``; a new one (named in ``created``)
    when none is."""
    # Known spellings from the importers' alias data name the same body, as on import.
    spellings = known_aliases(name)
    existed = any(find_organisation(spelling) for spelling in [name, *spellings])
    if not existed:
        # Another save or an import may be creating it this moment: wait for their commit
        # (the import lock), then look again, so that both link one organisation.
        serialise_imports()
        existed = any(find_organisation(spelling) for spelling in [name, *spellings])
    organisation = resolve_organisation(name, spellings)
    while organisation.merged_into_id:
        organisation = db.session.get_one(Organisation, organisation.merged_into_id)
    if not existed:
        db.session.flush()  # the revision stores organisations by id
        created.append(organisation.name)
    return organisation


def tidy(project: Project) -> None:
    """Put terms and organisations in the order they load in, which the index row follows."""
    for facet in stored_facets():
        project.terms(facet.name).sort(key=lambda term: term.position)
    project.organisations.sort(key=lambda link: (str(link.role), link.position))


def touch(project: Project) -> None:
    """Update the project row, so its version moves on even when only links changed."""
    project.updated_at = utcnow()


def project_relations(project: Project) -> list[ProjectRelation]:
    """Every relation from or to ``project``, oldest first."""
    return list(db.session.scalars(
        select(ProjectRelation)
        .where(or_(ProjectRelation.from_project_id == project.id,
                   ProjectRelation.to_project_id == project.id))
        .options(selectinload(ProjectRelation.from_project),
                 selectinload(ProjectRelation.to_project))
        .order_by(ProjectRelation.id)))


def relation_label(relation: ProjectRelation, project: Project) -> tuple[str, Project]:
    """How ``relation`` reads from ``project``'s side, and the project at its other end."""
    if relation.from_project_id == project.id:
        return str(RELATION_LABELS[relation.kind]), relation.to_project
    if relation.kind == RelationKind.PREDECESSOR_OF:
        return _("successor of"), relation.from_project
    return str(RELATION_LABELS[relation.kind]), relation.from_project


def _entry(organisation: Organisation) -> dict[str, Any]:
    return {"id": organisation.id, "name": organisation.name}


def _apply_relations(project: Project, form: ProjectForm) -> list[str]:
    """Remove and add the relations the form asks for; a note for each change."""
    notes = []
    removable = {relation.id: relation for relation in form.relations
                 if relation.kind in EDITABLE_RELATIONS}
    for relation_id in form.remove_relations.data or ():
        relation = removable[relation_id]
        label, other = relation_label(relation, project)
        notes.append(_("Relation removed: %(relation)s #%(id)d", relation=label, id=other.id))
        db.session.delete(relation)
    added = form.new_relation()
    if added is not None:
        from_id, to_id, kind = added
        db.session.add(ProjectRelation(from_project_id=from_id, to_project_id=to_id, kind=kind))
        label = _("successor of") if form.relation_kind.data == SUCCESSOR_OF else str(
            RELATION_LABELS[kind])
        notes.append(_("Relation added: %(relation)s #%(id)d", relation=label,
                       id=form.relation_target.data))
    return notes
