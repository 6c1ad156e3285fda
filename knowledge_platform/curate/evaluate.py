"""The evaluation form: a reviewer scores a project on each good-practice criterion."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import update
from wtforms import RadioField, TextAreaField
from wtforms.validators import DataRequired, Length, ValidationError

from knowledge_platform.accounts.roles import ALL_ROLES, role_required
from knowledge_platform.curate import queries
from knowledge_platform.curate.inputs import printable
from knowledge_platform.curate.views import bp
from knowledge_platform.db import db
from knowledge_platform.models import Evaluation, Project
from knowledge_platform.models.evaluations import (
    CRITERIA,
    MAX_SCORE,
    average_score,
    checked_criteria,
)
from knowledge_platform.models.projects import utcnow

RATIONALE_MAX = 5000
CRITERION_LABELS = {
    "relevance": _l("Relevance"),
    "effectiveness": _l("Effectiveness"),
    "sustainability": _l("Sustainability"),
    "transferability": _l("Transferability"),
    "participation": _l("Participation of the target group"),
    "evidence": _l("Evidence of results"),
}
CRITERION_QUESTIONS = {
    "relevance": _l("Does the project answer a real need of foreigners where it works?"),
    "effectiveness": _l("Did the project reach the results it set out to reach?"),
    "sustainability": _l("Do the activities or their effects go on after the funding ends?"),
    "transferability": _l("Could another town or organisation do the same?"),
    "participation": _l("Did foreigners themselves help plan, run or assess the project?"),
    "evidence": _l("Are the results documented (figures, evaluations, feedback)?"),
}
SCORE_LABELS = (_l("0 – not at all"), _l("1 – partly"), _l("2 – largely"), _l("3 – fully"))


def _score(value: object) -> int | None:
    """A submitted score as a number, or None for anything that is not a whole number."""
    try:
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def stripped(text: str | None) -> str | None:
    """A form filter: the text without surrounding white space or control characters."""
    return printable(text).strip() if text else text


def _score_in_range(_form, field) -> None:
    if field.data is None or not 0 <= field.data <= MAX_SCORE:
        raise ValidationError(_l("Choose a score from 0 to 3."))


class EvaluationForm(FlaskForm):
    """A score (``score_<criterion>``) and a rationale (``rationale_<criterion>``) each."""

    def criteria(self) -> dict:
        """The submitted scores and rationales in the form ``Evaluation.criteria`` keeps."""
        return {name: {"score": self[f"score_{name}"].data,
                       "rationale": self[f"rationale_{name}"].data}
                for name in CRITERIA}

    @staticmethod
    def data_of(evaluation: Evaluation) -> dict:
        """Field values that show a stored evaluation on the form."""
        values = {}
        for name in CRITERIA:
            entry = evaluation.criteria.get(name) or {}
            values[f"score_{name}"] = entry.get("score")
            values[f"rationale_{name}"] = entry.get("rationale", "")
        return values


for _name in CRITERIA:
    # The template draws the choices from SCORE_LABELS; _score_in_range checks the answer.
    setattr(EvaluationForm, f"score_{_name}", RadioField(
        CRITERION_LABELS[_name], coerce=_score, validate_choice=False,
        validators=[_score_in_range]))
    setattr(EvaluationForm, f"rationale_{_name}", TextAreaField(
        _l("Rationale"), filters=[stripped],
        validators=[DataRequired(_l("Write why you gave this score.")),
                    Length(max=RATIONALE_MAX,
                           message=_l("Keep the rationale under %(max)d characters."))]))


def curated_project(project_id: int) -> Project:
    """The project, or a 404."""
    project = db.session.get(Project, project_id)
    if project is None:
        abort(404)
    return project


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
    form = EvaluationForm(data=EvaluationForm.data_of(own) if shown else None)
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
    return render_template(
        "curate/evaluate.html", project=project, form=form, own=own,
        evaluations=evaluations, average=average_score(evaluations), criteria=CRITERIA,
        criterion_labels=CRITERION_LABELS, criterion_questions=CRITERION_QUESTIONS,
        score_labels=SCORE_LABELS, rationale_max=RATIONALE_MAX,
    ), 422 if form.errors else 200
