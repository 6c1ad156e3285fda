"""A project's history as readable diffs, and reverting one revision."""
from __future__ import annotations

from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.exc import StaleDataError

from knowledge_platform.curate.blueprint import bp
from knowledge_platform.curate.edit.saving import tidy, touch
from knowledge_platform.curate.history.diffs import KIND_LABELS, revision_diff
from knowledge_platform.db import db
from knowledge_platform.history import RevertError, later_changes, revert
from knowledge_platform.labels import FIELD_LABELS
from knowledge_platform.models import Project, Revision
from knowledge_platform.roles import ALL_ROLES, EDITORS, role_required


@bp.get("/projects/<int:project_id>/history")
@role_required(*ALL_ROLES)
def project_history(project_id: int):
    """Every revision of a project, newest first, with what it changed."""
    project = db.get_or_404(Project, project_id)
    revisions = db.session.scalars(
        select(Revision).where(Revision.project_id == project.id)
        .options(selectinload(Revision.user), selectinload(Revision.import_run))
        .order_by(Revision.id.desc()))
    may_revert = current_user.role in EDITORS
    entries = [(revision, revision_diff(revision.changes or {}, g.lang),
                may_revert and revertible(revision)) for revision in revisions]
    return render_template(
        "curate/history.html", project=project, entries=entries, kind_labels=KIND_LABELS,
        may_edit=may_revert, language=g.lang)


def revertible(revision: Revision) -> bool:
    """Whether undoing ``revision`` makes sense: it changed something and did not create
    the project (undoing that would leave a record without a status)."""
    changes = revision.changes or {}
    return bool(changes) and (changes.get("status") or {"old": True}).get("old") is not None


@bp.post("/revisions/<int:revision_id>/revert")
@role_required(*EDITORS)
def revert_revision(revision_id: int):
    """Put back the values a revision replaced, as a new REVERT revision."""
    revision = db.get_or_404(Revision, revision_id)
    project_id = revision.project_id
    later = later_changes(revision)
    if later and request.form.get("confirmed") != "1":
        # Reverting puts back old values over these later edits: the curator decides.
        return render_template(
            "curate/revert_confirm.html", project=revision.project, revision=revision,
            later=later, field_labels=FIELD_LABELS, kind_labels=KIND_LABELS)
    try:
        undo = revert(revision, current_user._get_current_object())
        if undo is not None:
            tidy(revision.project)
            touch(revision.project)
        db.session.commit()
    except RevertError as error:
        db.session.rollback()
        flash(_("Revision %(id)d cannot be reverted: %(reason)s", id=revision_id,
                reason=str(error)), "error")
    except IntegrityError:
        db.session.rollback()
        flash(_("Revision %(id)d cannot be reverted: the values it replaced are not allowed "
                "any more (for instance, it created the project, or another project now has "
                "its registration number).", id=revision_id), "error")
    except StaleDataError:
        db.session.rollback()
        flash(_("Someone else changed the project at the same moment. Please try again."),
              "error")
    else:
        if undo is None:
            flash(_("No changes: the project already has the values this revision replaced."),
                  "info")
        else:
            flash(_("Revision %(id)d reverted.", id=revision_id), "success")
    return redirect(url_for("curate.project_history", project_id=project_id), 303)
