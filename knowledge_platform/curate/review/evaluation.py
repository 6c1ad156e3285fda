"""The evaluation form: a reviewer scores a project on each good-practice criterion."""
from __future__ import annotations

from flask import abort
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, TextAreaField
from wtforms.validators import DataRequired, Length, ValidationError

from knowledge_platform.curate.inputs import printable
from knowledge_platform.db import db
from knowledge_platform.models import Evaluation, Project
from knowledge_platform.models.evaluations import CRITERIA, MAX_SCORE

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
    "relevance": _l("Does the project meet a real need of foreigners in the area where it "
                    "operates?"),
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
