"""Editing a project: the edit form page, the organisation lookup it uses, and refusing
stale saves."""
from __future__ import annotations

from typing import Any

from flask import flash, g, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.exc import StaleDataError

from knowledge_platform.curate.blueprint import bp
from knowledge_platform.curate.edit import locking
from knowledge_platform.curate.edit.forms import (
    EDITABLE_RELATIONS,
    LANGUAGE_PAIRS,
    SHEET_FIELDS,
    SHEET_PAIRS,
    ProjectForm,
    form_data,
)
from knowledge_platform.curate.edit.saving import project_relations, relation_label, save
from knowledge_platform.curate.inputs import typed
from knowledge_platform.curate.publish.statuses import applies, change_status
from knowledge_platform.curate.queue.queries import QueueFilters, neighbours, next_in_queue
from knowledge_platform.curate.review.source_view import source_view
from knowledge_platform.db import db
from knowledge_platform.history import snapshot
from knowledge_platform.ingest.duplicates import likely_twins
from knowledge_platform.labels import (
    DUPLICATE_REASONS,
    FIELD_LABELS,
    LANGUAGE_LABELS,
    PAIR_LABELS,
)
from knowledge_platform.models import (
    Organisation,
    OrganisationAlias,
    Project,
    ProjectRelation,
    Status,
)
from knowledge_platform.personal import PERSONAL
from knowledge_platform.roles import EDITORS, role_required
from knowledge_platform.text import match_key

LOOKUP_LIMIT = 15


@bp.route("/projects/<int:project_id>/edit", methods=["GET", "POST"])
@role_required(*EDITORS)
def edit_project(project_id: int):
    """Every field of a project in one form; a save is one EDIT revision."""
    project = db.get_or_404(Project, project_id)
    relations = project_relations(project)
    if request.method == "GET":
        form = ProjectForm(project, g.lang, relations, data={
            **form_data(snapshot(project)), **locking.version_of(project)})
        return render_edit(project, form, relations)
    form = ProjectForm(project, g.lang, relations)
    then = request.form.get("then", "")
    # Worked out before saving: a published record leaves the queue it came from.
    following = next_in_queue(project.id, QueueFilters.from_args(request.args), g.lang) \
        if then == "publish_next" else None
    if not form.validate():
        return render_edit(project, form, relations), 422
    if form.row_version.data != str(project.row_version):
        return _refuse_stale(project, form)
    try:
        revision, created = save(project, form)
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        return _refuse_stale(db.get_or_404(Project, project_id), form)
    except IntegrityError:
        # Another save took the same registration number after the form checked it.
        db.session.rollback()
        form.registration_number.errors = [_("Another project has just taken this "
                                             "registration number.")]
        project = db.get_or_404(Project, project_id)
        return render_edit(project, form, project_relations(project)), 422
    for name in created:
        flash(_("New organisation created: %(name)s", name=name), "info")
    flash(_("Changes saved.") if revision else _("No changes."), "success" if revision else "info")
    # The queue the record was opened from travels with it, for "next".
    queue: dict[str, Any] = QueueFilters.from_args(request.args).query_args() \
        if request.args else {}
    here = url_for("curate.edit_project", project_id=project_id, **queue)
    if then in ("publish", "publish_next") and applies(project, "publish"):
        if twins := likely_twins(project):
            return render_template("curate/publish_twins.html", project=project, twins=twins,
                                   reasons=DUPLICATE_REASONS, back=here)
        change_status(project, "publish", current_user)
        db.session.commit()
        flash(_("Published."), "success")
    if following is not None:
        return redirect(url_for("curate.edit_project", project_id=following, **queue), 303)
    return redirect(here, 303)


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


def render_edit(project: Project, form: ProjectForm, relations: list[ProjectRelation],
                conflict: locking.Conflict | None = None) -> str:
    """The edit page for ``form`` (fresh, with errors, or after a refused save), beside the
    latest source's text and what was extracted from it, uncertain values first."""
    source = project.sources[-1] if project.sources else None
    text, rows = source_view(project, source)
    filters = QueueFilters.from_args(request.args)
    around = neighbours(project.id, filters, g.lang) if request.args else (None, None)
    return render_template(
        "curate/edit.html", project=project, form=form, conflict=conflict,
        source=source, text=text, rows=sorted(rows, key=lambda row: not row.uncertain),
        may_publish=applies(project, "publish"), in_queue=bool(request.args),
        previous=around[0], following=around[1], queue_args=filters.query_args(page=None),
        relations=[(relation, *relation_label(relation, project)) for relation in relations],
        editable_relations=EDITABLE_RELATIONS, published=project.status == Status.PUBLISHED,
        language=g.lang, pairs=LANGUAGE_PAIRS, pair_labels=PAIR_LABELS,
        sheet_pairs=SHEET_PAIRS, sheet_fields=SHEET_FIELDS,
        field_labels=FIELD_LABELS, language_labels=LANGUAGE_LABELS, personal=PERSONAL)


def _refuse_stale(project: Project, form: ProjectForm):
    """Answer 409: the form again with the curator's changes on the latest values."""
    conflict = locking.conflict(project, form)
    relations = project_relations(project)
    fresh = ProjectForm(project, g.lang, relations, formdata=None, data={
        **conflict.values, **locking.version_of(project),
        **{name: getattr(form, name).data for name in
           ("remove_relations", "relation_kind", "relation_target", "note")}})
    return render_edit(project, fresh, relations, conflict), 409
