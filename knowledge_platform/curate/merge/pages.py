"""Curator pages for conflicts between sources, possible duplicates and project merges."""
from __future__ import annotations

from flask import abort, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy.orm.exc import StaleDataError

from knowledge_platform.curate.blueprint import bp
from knowledge_platform.curate.inputs import identifier, typed
from knowledge_platform.curate.merge import conflicts as settling
from knowledge_platform.curate.merge import merging
from knowledge_platform.curate.values import shown
from knowledge_platform.db import db
from knowledge_platform.history import snapshot
from knowledge_platform.labels import FIELD_LABELS, RELATION_KIND_LABELS
from knowledge_platform.models import Project, ProjectRelation, RelationKind
from knowledge_platform.roles import EDITORS, role_required

ERRORS = {
    "choice": _l("A value you chose is no longer offered; check the page again."),
    "number_taken": _l("Registration number %(number)s already belongs to project %(project)s."),
    "period": _l("The project would end before it starts."),
    "negative": _l("An amount cannot be negative."),
    "self": _l("A record cannot be merged into itself."),
    "merged": _l("One of the two records has already been merged into another."),
    "stale": _l("Someone changed these records in the meantime. Check the values again and "
                "resubmit."),
    "undone": _l("This merge has already been undone."),
    "merged_since": _l("The kept organisation has since been merged into another one; undo "
                       "that merge first."),
    "unmergeable": _l("Only a merge of two organisations can be undone."),
}


def error_text(error: settling.SettleError) -> str:
    """The curator's explanation of a refused settlement or merge."""
    return str(ERRORS.get(error.reason, ERRORS["choice"])) % error.details


def _render(template: str, status: int = 200, **context):
    return render_template(template, field_labels=FIELD_LABELS,
                           relation_labels=RELATION_KIND_LABELS,
                           shown=shown, **context), status


def _project(project_id: int | None) -> Project:
    found = db.session.get(Project, project_id) if project_id else None
    return found or abort(404)


@bp.route("/projects/<int:project_id>/conflicts", methods=["GET", "POST"])
@role_required(*EDITORS)
def project_conflicts(project_id: int):
    """The project's open conflicts between sources; posting settles the chosen ones."""
    project = _project(project_id)
    error, status = None, 200
    if request.method == "POST":
        choices = {conflict.id: request.form[f"conflict-{conflict.id}"]
                   for conflict in settling.open_conflicts(project)
                   if request.form.get(f"conflict-{conflict.id}")}
        if not choices:
            error, status = _("Choose a value for at least one field."), 422
        elif request.form.get("row_version", type=int) != project.row_version:
            error, status = str(ERRORS["stale"]), 409
        else:
            try:
                settled = settling.settle(project, choices, current_user,
                                         typed(request.form, "note"))
                db.session.commit()
                return redirect(url_for(".project_conflicts", project_id=project.id,
                                        settled=len(settled)), 303)
            except settling.SettleError as refused:
                db.session.rollback()
                error, status = error_text(refused), 422
            except StaleDataError:
                db.session.rollback()
                error, status = str(ERRORS["stale"]), 409
    current = snapshot(project)
    rows = [(conflict, shown(conflict.field, current, project.currency),
             [(candidate, shown(conflict.field, {**current, conflict.field: candidate.value},
                                project.currency))
              for candidate in settling.candidates(conflict)])
            for conflict in settling.open_conflicts(project)]
    return _render("curate/conflicts.html", status, project=project, rows=rows, error=error,
                   settled=request.args.get("settled", type=int), keep=settling.KEEP)


@bp.route("/projects/<int:project_id>/merge", methods=["GET", "POST"])
@role_required(*EDITORS)
def merge_project(project_id: int):
    """Pick a project to merge into this one, compare them field by field, and merge."""
    survivor = _project(project_id)
    if request.method == "GET":
        other_id = identifier(request.args, "other")
        return _merge_page(survivor, _project(other_id) if other_id else None)
    other = _project(identifier(request.form, "other") or abort(400))
    versions = (request.form.get("survivor_version", type=int),
                request.form.get("other_version", type=int))
    if versions != (survivor.row_version, other.row_version):
        return _merge_page(survivor, other, str(ERRORS["stale"]), 409)
    take_other = {choice.name for choice in merging.field_choices(survivor, other)
                  if request.form.get(f"choice-{choice.name}", choice.default) == merging.OTHER}
    # The items the form offered (a field absent from the form keeps every item).
    keep = {field: request.form.getlist(f"keep-{field}")
            for field in request.form.getlist("item-fields")}
    try:
        merging.merge_projects(survivor, other, take_other, current_user,
                               typed(request.form, "note"), keep=keep)
        db.session.commit()
    except settling.SettleError as refused:
        db.session.rollback()
        return _merge_page(survivor, other, error_text(refused), 422)
    except StaleDataError:
        db.session.rollback()
        return _merge_page(survivor, other, str(ERRORS["stale"]), 409)
    return redirect(url_for(".merge_project", project_id=survivor.id, merged=other.id), 303)


def _merge_page(survivor: Project, other: Project | None, error: str | None = None,
                status: int = 200):
    preview = other is not None
    if preview:
        try:
            merging.check_pair(survivor, other)
        except settling.SettleError as refused:
            preview, error, status = False, error_text(refused), 422
    merged_id = identifier(request.args, "merged")
    find = typed(request.args, "find", 200)
    return _render(
        "curate/merge_project.html", status, survivor=survivor, other=other, error=error,
        preview=preview, current=snapshot(survivor),
        choices=merging.field_choices(survivor, other) if preview and other else [],
        items=merging.list_items(survivor, other, g.lang) if preview and other else {},
        same=_same_fields(survivor, other) if preview and other else [],
        related=merging.related_projects(survivor), markable=merging.MARKABLE,
        merged=db.session.get(Project, merged_id) if merged_id else None,
        find=find, found=merging.projects_titled(find, survivor.id) if find else [],
    )


def _same_fields(survivor: Project, other: Project) -> list[str]:
    """Field groups with equal values in both records (shown without a choice)."""
    differing = {choice.name for choice in merging.field_choices(survivor, other)}
    return [name for name in merging.GROUPS if name not in differing]


@bp.post("/relations/<int:relation_id>/mark")
@role_required(*EDITORS)
def mark_relation(relation_id: int):
    """Mark a pair of projects as distinct or as one series; the importer then leaves it."""
    relation = db.session.get(ProjectRelation, relation_id) or abort(404)
    try:
        kind = RelationKind(request.form.get("kind", ""))
        ends = (relation.from_project_id, relation.to_project_id)
        back = request.form.get("project_id", type=int)
        merging.mark_relation(relation, kind)
    except ValueError:  # an unknown kind, or one a curator does not set by hand
        abort(400)
    db.session.commit()
    return redirect(url_for(".merge_project", project_id=back if back in ends else ends[0]), 303)
