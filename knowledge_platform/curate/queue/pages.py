"""The curator's work pages: the dashboard (work waiting, latest imports) and the review
queue (drafts, records in review, conflicts, possible duplicates, gaps)."""
from __future__ import annotations

from flask import current_app, g, render_template, request
from flask_babel import lazy_gettext as _l

from knowledge_platform.completeness import labels as field_labels
from knowledge_platform.curate.blueprint import bp
from knowledge_platform.curate.publish.statuses import ACTION_LABELS
from knowledge_platform.curate.queue import queries
from knowledge_platform.curate.queue.queries import QueueFilters, review_queue
from knowledge_platform.ingest.liveness import close_interrupted_runs, was_interrupted
from knowledge_platform.roles import EDITORS, role_required

REASON_LABELS = {
    "draft": _l("Draft"),
    "in_review": _l("In review"),
    "uncertain": _l("Uncertain values"),
    "conflicts": _l("Open conflicts"),
    "duplicates": _l("Possible duplicate"),
    "missing": _l("Missing key fields"),
    "published_gaps": _l("Published, missing key fields"),
    "one_language": _l("Only one language"),
    "sheet": _l("Good-practice sheet incomplete"),
}
SORT_LABELS = {
    "updated": _l("Last changed"),
    "title": _l("Title"),
    "completeness": _l("Completeness"),
    "start": _l("Start date"),
}
ORDER_LABELS = {"asc": _l("Ascending"), "desc": _l("Descending")}


@bp.get("/")
@role_required(*EDITORS)
def dashboard():
    """Work waiting for curators, and the latest imports."""
    close_interrupted_runs()  # else a killed import would show as "not finished" for ever
    runs = queries.recent_import_runs()
    return render_template(
        "curate/dashboard.html", workload=queries.workload(), reason_labels=REASON_LABELS,
        runs=runs,
        interrupted={run.id for run in runs if was_interrupted(run)},
    )


@bp.get("/queue")
@role_required(*EDITORS)
def queue():
    """Records waiting for a curator, filtered by reason, missing field, status and title."""
    filters = QueueFilters.from_args(request.args)
    listing = review_queue(filters, g.lang, current_app.config["PROJECTS_PER_PAGE"])
    return render_template(
        "curate/queue.html", listing=listing, filters=filters, language=g.lang,
        reason_labels=REASON_LABELS, sort_labels=SORT_LABELS, order_labels=ORDER_LABELS,
        bulk_actions={action: ACTION_LABELS[action] for action in ("publish", "review", "archive")},
        field_labels=field_labels(),
    )
