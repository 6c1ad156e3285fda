"""Changing the status of many queued records at once, after a confirmation that lists them."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy import select

from knowledge_platform.curate.blueprint import bp
from knowledge_platform.curate.publish.statuses import (
    ACTION_LABELS,
    ACTIONS,
    applies,
    change_status,
)
from knowledge_platform.db import db
from knowledge_platform.ingest.duplicates import likely_twins
from knowledge_platform.labels import DUPLICATE_REASONS
from knowledge_platform.models import Project
from knowledge_platform.roles import EDITORS, role_required, safe_next

MAX_SELECTED = 500


@bp.post("/queue/bulk")
@role_required(*EDITORS)
def bulk_status():
    """Confirm, then apply one status action to the selected records; those it cannot change
    (another status, or a likely twin of a published record when publishing) are left."""
    action = request.form.get("action", "")
    if action not in ACTIONS:
        abort(400)
    ids = sorted({int(value) for value in request.form.getlist("project")
                  if value.isdigit() and len(value) < 10})[:MAX_SELECTED]
    back = safe_next(request.form.get("next")) or url_for(".queue")
    projects = list(db.session.scalars(select(Project).where(Project.id.in_(ids))
                                       .order_by(Project.id))) if ids else []
    ready, left = [], []
    for project in projects:
        twins = likely_twins(project) if action == "publish" and applies(project, action) else []
        if not applies(project, action):
            left.append((project, None))
        elif twins:
            left.append((project, twins))
        else:
            ready.append(project)
    if request.form.get("confirmed") != "1" or not ready:
        return render_template("curate/bulk_confirm.html", action=action,
                               action_label=ACTION_LABELS[action], ready=ready, left=left,
                               reasons=DUPLICATE_REASONS, back=back)
    for project in ready:
        change_status(project, action, current_user)
    db.session.commit()
    flash(ngettext("%(num)d record changed: %(action)s.", "%(num)d records changed: %(action)s.",
                   len(ready), action=ACTION_LABELS[action]), "status")
    return redirect(back, 303)
