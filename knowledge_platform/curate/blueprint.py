"""The curator area's blueprint under /<lang>/curate/: its guards, caching and labels.

The pages register themselves on ``bp`` from the task subpackages (see ``init_app``).
"""
from __future__ import annotations

from flask import Blueprint, abort, current_app, request
from flask_babel import lazy_gettext as _l

from knowledge_platform.i18n import add_language, pull_language
from knowledge_platform.labels import STATUS_LABELS
from knowledge_platform.models.users import UserRole
from knowledge_platform.roles import forbidden

bp = Blueprint("curate", __name__, url_prefix="/<lang>/curate")
bp.url_value_preprocessor(pull_language)
bp.url_defaults(add_language)
bp.register_error_handler(403, forbidden)

ROLE_LABELS = {
    UserRole.ADMIN: _l("Administrator"),
    UserRole.CURATOR: _l("Curator"),
    UserRole.REVIEWER: _l("Evaluator"),
}



@bp.before_request
def require_declared_roles():
    """Fail closed: a curator view that does not declare its roles is refused to everyone."""
    view = current_app.view_functions.get(request.endpoint)
    if not getattr(view, "required_roles", None):
        abort(403)


@bp.after_request
def never_cache(response):
    """Keep staff pages out of shared caches and the browser's back-button cache."""
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.context_processor
def curate_context():
    """Labels for roles and statuses in the curator templates."""
    return {"role_labels": ROLE_LABELS, "status_labels": STATUS_LABELS}
