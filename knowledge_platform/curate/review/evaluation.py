"""The evaluation form: a reviewer scores a project on each good-practice criterion."""
from __future__ import annotations

from flask import abort
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, TextAreaField
from wtforms.validators import DataRequired, Length, ValidationError

from knowledge_platform.curate.inputs import printable
from knowledge_platform.db import db
from knowledge_platform.labels import CRITERION_LABELS
from knowledge_platform.models import Evaluation, Project
from knowledge_platform.models.evaluations import CRITERIA, MAX_SCORE

RATIONALE_MAX = 5000
def _score(value: object) -> int | None:
    """A submitted score as a number, or None for anything that is not a whole number."""
    try:
        return int(value)  # type: ignore[call-overload]  # any value: int() refusing it is caught
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
                           message=_l("The rationale can have at most %(max)d characters."))]))


def curated_project(project_id: int) -> Project:
    """The project, or a 404."""
    project = db.session.get(Project, project_id)
    if project is None:
        abort(404)
    return project
