"""The curator area under /<lang>/curate/: dashboard, review list, users."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, g, render_template, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from knowledge_platform.accounts.roles import ALL_ROLES, role_required
from knowledge_platform.accounts.views import forbidden
from knowledge_platform.curate import queries
from knowledge_platform.curate.inputs import MAX_ID
from knowledge_platform.ingest.liveness import close_interrupted_runs, was_interrupted
from knowledge_platform.models import Status
from knowledge_platform.models.users import UserRole
from knowledge_platform.views.public import add_language, pull_language

bp = Blueprint("curate", __name__, url_prefix="/<lang>/curate")
bp.url_value_preprocessor(pull_language)
bp.url_defaults(add_language)
bp.register_error_handler(403, forbidden)

ROLE_LABELS = {
    UserRole.ADMIN: _l("Administrator"),
    UserRole.CURATOR: _l("Curator"),
    UserRole.REVIEWER: _l("Reviewer"),
}
STATUS_LABELS = {
    Status.DRAFT: _l("Draft"),
    Status.IN_REVIEW: _l("In review"),
    Status.PUBLISHED: _l("Published"),
    Status.ARCHIVED: _l("Archived"),
}


@bp.before_request
def require_declared_roles():
    """Fail closed: a curator view that does not declare its roles is refused to everyone."""
    view = current_app.view_functions.get(request.endpoint)
    if not getattr(view, "required_roles", None):
        abort(403)


@bp.url_value_preprocessor
def ids_in_range(_endpoint, values):
    """An id in the path that no table can hold names no page: 404, not a database error."""
    if values and any(isinstance(value, int) and value > MAX_ID for value in values.values()):
        abort(404)


@bp.after_request
def never_cache(response):
    """Keep staff pages out of shared caches and the browser's back-button cache."""
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.context_processor
def curate_context():
    """Labels for roles and statuses in the curator templates."""
    return {"role_labels": ROLE_LABELS, "status_labels": STATUS_LABELS}


@bp.get("/")
@role_required(UserRole.CURATOR, UserRole.ADMIN)
def dashboard():
    """Work waiting for curators, and the latest imports."""
    close_interrupted_runs()  # else a killed import would show as "not finished" for ever
    runs = queries.recent_import_runs()
    return render_template(
        "curate/dashboard.html", workload=queries.workload(), runs=runs,
        interrupted={run.id for run in runs if was_interrupted(run)},
    )


@bp.get("/review")
@role_required(*ALL_ROLES)
def review():
    """Projects in review or published that the signed-in user has not evaluated yet."""
    page = request.args.get("page", default=1, type=int)
    listing = queries.awaiting_evaluation(
        current_user, page, current_app.config["PROJECTS_PER_PAGE"]
    )
    return render_template("curate/review.html", listing=listing, language=g.lang)


@bp.get("/users")
@role_required(UserRole.ADMIN)
def users():
    """Every staff account with its role and state."""
    return render_template("curate/users.html", users=queries.all_users())
