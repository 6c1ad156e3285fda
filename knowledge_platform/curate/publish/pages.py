"""Publishing, unpublishing, sending to review and archiving a project (curators only).

The search index and the public pages follow in the same transaction: the index row and
the status bitmaps are refreshed by the flush hooks of ``knowledge_platform.search``.
"""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy.orm.exc import StaleDataError

from knowledge_platform.curate.blueprint import bp
from knowledge_platform.curate.publish.statuses import (
    ACTION_LABELS,
    ACTIONS,
    applies,
    change_status,
    status_actions,
)
from knowledge_platform.curate.review.evaluation import curated_project
from knowledge_platform.db import db
from knowledge_platform.ingest.duplicates import likely_twins
from knowledge_platform.labels import DUPLICATE_REASONS, STATUS_LABELS
from knowledge_platform.roles import EDITORS, role_required, safe_next

DONE_MESSAGES = {
    "publish": _l("The project is published and can be found in the public search."),
    "unpublish": _l("The project is no longer public; it is back in review."),
    "review": _l("The project has been sent to review."),
    "archive": _l("The project is archived and no longer public."),
}


@bp.context_processor
def status_panel_context():
    """What ``curate/_status_panel.html`` needs besides the project."""
    return {"status_actions": status_actions, "status_action_labels": ACTION_LABELS}


@bp.post("/projects/<int:project_id>/status")
@role_required(*EDITORS)
def project_status(project_id: int):
    """Change a project's status as a STATUS revision, then go back to the page it came from."""
    project = curated_project(project_id)
    action = request.form.get("action", "")
    if action not in ACTIONS:
        abort(400)
    back = safe_next(request.form.get("next")) or url_for(".evaluate", project_id=project.id)
    if project.merged_into_id:
        flash(_("This project was merged into another one; change that one instead."),
              "status-error")
    elif not applies(project, action):
        # Usually a second click, or another curator was quicker: say where things stand.
        flash(_("Nothing changed: the project's status is %(status)s.",
                status=STATUS_LABELS[project.status]), "status-error")
    elif action == "publish" and not request.form.get("despite_twins") and (
            twins := likely_twins(project)):
        # Two public records of one project would both show in search: a curator looks first.
        return render_template("curate/publish_twins.html", project=project, twins=twins,
                               reasons=DUPLICATE_REASONS, back=back)
    else:
        change_status(project, action, current_user,
                      despite_twins=bool(request.form.get("despite_twins")))
        try:
            db.session.commit()
        except StaleDataError:
            db.session.rollback()
            flash(_("Someone else changed this project in the meantime; check it and try "
                    "again."), "status-error")
        else:
            flash(str(DONE_MESSAGES[action]), "status")
    return redirect(back, 303)
