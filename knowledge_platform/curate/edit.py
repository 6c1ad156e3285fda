"""Editing a project: the form, saving it as one revision, and refusing stale saves."""
from __future__ import annotations

from typing import Any

from flask import flash, g, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.exc import StaleDataError

from knowledge_platform.accounts.roles import role_required
from knowledge_platform.curate import edit_locking
from knowledge_platform.curate.diffs import RELATION_LABELS
from knowledge_platform.curate.edit_forms import (
    EDITABLE_RELATIONS,
    SUCCESSOR_OF,
    ProjectForm,
    form_data,
)
from knowledge_platform.curate.inputs import MAX_ID, typed
from knowledge_platform.curate.views import bp
from knowledge_platform.db import db
from knowledge_platform.history import apply_values, record_revision, snapshot
from knowledge_platform.ingest.aliases import known_aliases
from knowledge_platform.ingest.organisations import find_organisation, resolve_organisation
from knowledge_platform.ingest.store import serialise_imports
from knowledge_platform.models import (
    Organisation,
    OrganisationAlias,
    Project,
    ProjectRelation,
    RelationKind,
    Revision,
    RevisionKind,
    Status,
)
from knowledge_platform.models.projects import utcnow
from knowledge_platform.models.users import UserRole
from knowledge_platform.text import match_key

EDITORS = (UserRole.CURATOR, UserRole.ADMIN)
LOOKUP_LIMIT = 15


@bp.route(f"/projects/<int(max={MAX_ID}):project_id>/edit", methods=["GET", "POST"])
@role_required(*EDITORS)
def edit_project(project_id: int):
    """Every field of a project in one form; a save is one EDIT revision."""
    project = db.get_or_404(Project, project_id)
    relations = project_relations(project)
    if request.method == "GET":
        form = ProjectForm(project, g.lang, relations, data={
            **form_data(snapshot(project)), **edit_locking.version_of(project)})
        return render_edit(project, form, relations)
    form = ProjectForm(project, g.lang, relations)
    if not form.validate():
        return render_edit(project, form, relations), 422
    if form.row_version.data != str(project.row_version):
        return _refuse_stale(project, form)
    try:
        revision, created = save(project, form)
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        return _refuse_stale(db.session.get(Project, project_id), form)
    except IntegrityError:
        # Another save took the same registration number after the form checked it.
        db.session.rollback()
        form.registration_number.errors = [_("Another project has just taken this "
                                             "registration number.")]
        project = db.session.get(Project, project_id)
        return render_edit(project, form, project_relations(project)), 422
    for name in created:
        flash(_("New organisation created: %(name)s", name=name), "info")
    flash(_("Changes saved.") if revision else _("No changes."), "success" if revision else "info")
    return redirect(url_for("curate.edit_project", project_id=project_id), 303)


@bp.get("/organisations/lookup")
@role_required(*EDITORS)
def organisation_lookup():
    """Organisations one of whose names contains ``q``, with their aliases, as JSON."""
    # No name is longer than its column, and SQLite refuses a LIKE pattern over 50 kB.
    key = match_key(typed(request.args, "q", OrganisationAlias.key.type.length))
    if len(key) < 2:
        return jsonify(organisations=[])
    rows = db.session.scalars(
        select(Organisation).join(OrganisationAlias)
        .where(OrganisationAlias.key.contains(key, autoescape=True),
               Organisation.merged_into_id.is_(None))
        .options(selectinload(Organisation.aliases))
        .distinct().order_by(Organisation.name).limit(LOOKUP_LIMIT * 4)
    ).all()
    # Names that start with what was typed come first.
    rows.sort(key=lambda org: not any(a.key.startswith(key) for a in org.aliases))
    return jsonify(organisations=[
        {"id": org.id, "name": org.name,
         "aliases": [alias.name for alias in org.aliases if alias.name != org.name]}
        for org in rows[:LOOKUP_LIMIT]])


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
        organisation = db.session.get(Organisation, organisation.merged_into_id)
    if not existed:
        db.session.flush()  # the revision stores organisations by id
        created.append(organisation.name)
    return organisation


def tidy(project: Project) -> None:
    """Put terms and organisations in the order they load in, which the index row follows."""
    for attribute in ("regions", "funders", "activities", "target_groups"):
        getattr(project, attribute).sort(key=lambda term: term.position)
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


def render_edit(project: Project, form: ProjectForm, relations: list[ProjectRelation],
                conflict: edit_locking.Conflict | None = None) -> str:
    """The edit page for ``form`` (fresh, with errors, or after a refused save)."""
    return render_template(
        "curate/edit.html", project=project, form=form, conflict=conflict,
        relations=[(relation, *relation_label(relation, project)) for relation in relations],
        editable_relations=EDITABLE_RELATIONS, published=project.status == Status.PUBLISHED,
        language=g.lang)


def _refuse_stale(project: Project, form: ProjectForm):
    """Answer 409: the form again with the curator's changes on the latest values."""
    conflict = edit_locking.conflict(project, form)
    relations = project_relations(project)
    fresh = ProjectForm(project, g.lang, relations, formdata=None, data={
        **conflict.values, **edit_locking.version_of(project),
        **{name: getattr(form, name).data for name in
           ("remove_relations", "relation_kind", "relation_target", "note")}})
    return render_edit(project, fresh, relations, conflict), 409


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
