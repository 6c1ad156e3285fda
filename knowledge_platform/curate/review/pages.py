"""The reviewer's pages: the review list, a record's review page (the extracted fields beside
the source text, evidence marked), and the evaluation form."""
from __future__ import annotations

from typing import Any

from flask import abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import or_, select, update
from werkzeug.routing import BuildError

from knowledge_platform.completeness import FIELDS
from knowledge_platform.completeness import labels as field_labels
from knowledge_platform.curate.blueprint import bp
from knowledge_platform.curate.inputs import identifier
from knowledge_platform.curate.merge.conflicts import open_conflicts
from knowledge_platform.curate.queue.queries import filled_fields
from knowledge_platform.curate.review import queries
from knowledge_platform.curate.review.evaluation import (
    RATIONALE_MAX,
    EvaluationForm,
    curated_project,
)
from knowledge_platform.curate.review.source_view import source_view
from knowledge_platform.curate.values import shown
from knowledge_platform.db import db
from knowledge_platform.history import snapshot
from knowledge_platform.labels import (
    CRITERION_LABELS,
    CRITERION_QUESTIONS,
    FIELD_LABELS,
    SCORE_LABELS,
)
from knowledge_platform.models import (
    Evaluation,
    Project,
    ProjectRelation,
    RelationKind,
)
from knowledge_platform.models.evaluations import CRITERIA, average_score, checked_criteria
from knowledge_platform.models.projects import utcnow
from knowledge_platform.roles import ALL_ROLES, EDITORS, role_required


def optional_url(endpoint: str, **values: Any) -> str | None:
    """A link to ``endpoint`` when it exists and lets the signed-in user in, else None."""
    view = current_app.view_functions.get(endpoint)
    if view is None:
        return None
    roles = getattr(view, "required_roles", None)
    if roles is not None and getattr(current_user, "role", None) not in roles:
        return None
    try:
        return url_for(endpoint, **values)
    except BuildError:
        return None


@bp.get("/review")
@role_required(*ALL_ROLES)
def review():
    """Projects in review or published that the signed-in user has not evaluated yet."""
    page = request.args.get("page", default=1, type=int)
    listing = queries.awaiting_evaluation(
        current_user, page, current_app.config["PROJECTS_PER_PAGE"]
    )
    return render_template("curate/review.html", listing=listing, language=g.lang)


@bp.get("/projects/<int:project_id>/review")
@role_required(*ALL_ROLES)
def project_review(project_id: int):
    """The extracted fields beside the chosen source's text, with conflicts and gaps."""
    project = db.session.get(Project, project_id) or abort(404)
    sources = list(project.sources)
    chosen = identifier(request.args, "source")
    source = next((item for item in sources if item.id == chosen),
                  sources[-1] if sources else None)
    text, rows = source_view(project, source)
    filled = filled_fields(project.id)
    return render_template(
        "curate/project_review.html",
        project=project, sources=sources, source=source, text=text, rows=rows,
        filled=sum(filled.values()), key_fields=len(filled),
        missing=[field_labels()[name] for name in FIELDS if not filled[name]],
        conflicts=_conflicts(project),
        duplicates=_possible_duplicates(project),
        conflict_labels=FIELD_LABELS, can_edit=current_user.role in EDITORS,
        optional_url=optional_url, language=g.lang,
    )


def _conflicts(project: Project) -> list[tuple[str, list[str]]]:
    """Each open conflict's field and its values as text, oldest source first."""
    current = snapshot(project)
    return [(conflict.field, [shown(conflict.field, {**current, conflict.field: entry["value"]},
                                    project.currency) for entry in conflict.candidates])
            for conflict in open_conflicts(project)]


def _possible_duplicates(project: Project) -> list[Project]:
    """The projects linked to ``project`` as possible duplicates, in either direction."""
    relations = db.session.scalars(select(ProjectRelation).where(
        ProjectRelation.kind == RelationKind.POSSIBLE_DUPLICATE,
        or_(ProjectRelation.from_project_id == project.id,
            ProjectRelation.to_project_id == project.id)).order_by(ProjectRelation.id))
    return [relation.to_project if relation.from_project_id == project.id
            else relation.from_project for relation in relations]


@bp.route("/projects/<int:project_id>/evaluate", methods=["GET", "POST"])
@role_required(*ALL_ROLES)
def evaluate(project_id: int):
    """Score a project (a second visit edits the reviewer's own evaluation)."""
    project = curated_project(project_id)
    if project.merged_into_id:
        return redirect(url_for(".evaluate", project_id=project.merged_into_id))
    own = queries.own_evaluation(project.id, current_user)
    # Stored values fill the form only when it is shown, never a submission's gaps.
    shown = own is not None and request.method == "GET"
    form = EvaluationForm(data=EvaluationForm.data_of(own) if shown and own else None)
    if form.validate_on_submit():
        criteria = checked_criteria(form.criteria())
        if own is None:
            own = Evaluation(project=project)
            db.session.add(own)
            flash(_("Your evaluation has been saved."), "evaluate")
        else:
            flash(_("Your evaluation has been updated."), "evaluate")
        own.criteria, own.user_id = criteria, current_user.id
        own.reviewer = current_user.display_name
        # The public record changed, so its Last-Modified must move; a plain UPDATE leaves
        # row_version alone, so a curator editing the project meanwhile is not refused.
        db.session.execute(update(Project).where(Project.id == project.id)
                           .values(updated_at=utcnow()))
        db.session.commit()
        return redirect(url_for(".evaluate", project_id=project.id), 303)
    evaluations = list(project.evaluations)
    # What the project says of itself, beside the criteria the reviewer scores it on.
    source = project.sources[-1] if project.sources else None
    text, rows = source_view(project, source)
    return render_template(
        "curate/evaluate.html", project=project, form=form, own=own,
        source=source, text=text, rows=rows,
        evaluations=evaluations, average=average_score(evaluations), criteria=CRITERIA,
        criterion_labels=CRITERION_LABELS, criterion_questions=CRITERION_QUESTIONS,
        score_labels=SCORE_LABELS, rationale_max=RATIONALE_MAX,
    ), 422 if form.errors else 200
