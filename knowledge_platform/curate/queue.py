"""The review queue: drafts, records in review, conflicts, possible duplicates, gaps."""
from __future__ import annotations

from flask import current_app, g, render_template, request
from flask_babel import lazy_gettext as _l

from knowledge_platform.accounts.roles import role_required
from knowledge_platform.curate.queue_queries import QueueFilters, review_queue
from knowledge_platform.curate.views import bp
from knowledge_platform.models.users import UserRole
from knowledge_platform.views.about import field_labels

REASON_LABELS = {
    "draft": _l("Draft"),
    "in_review": _l("In review"),
    "conflicts": _l("Open conflicts"),
    "duplicates": _l("Possible duplicate"),
    "missing": _l("Missing key fields"),
}
SORT_LABELS = {
    "updated": _l("Last changed"),
    "title": _l("Title"),
    "completeness": _l("Completeness"),
    "start": _l("Start date"),
}
ORDER_LABELS = {"asc": _l("Ascending"), "desc": _l("Descending")}


@bp.get("/queue")
@role_required(UserRole.CURATOR, UserRole.ADMIN)
def queue():
    """Records waiting for a curator, filtered by reason, missing field, status and title."""
    filters = QueueFilters.from_args(request.args)
    listing = review_queue(filters, g.lang, current_app.config["PROJECTS_PER_PAGE"])
    return render_template(
        "curate/queue.html", listing=listing, filters=filters, language=g.lang,
        reason_labels=REASON_LABELS, sort_labels=SORT_LABELS, order_labels=ORDER_LABELS,
        field_labels=field_labels(),
    )
