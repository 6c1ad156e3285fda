"""The good-practice badge: curators award it with a public reason, or withdraw it."""
from __future__ import annotations

from flask import current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy.orm.exc import StaleDataError
from wtforms import HiddenField, TextAreaField
from wtforms.validators import Length

from knowledge_platform.curate.blueprint import bp
from knowledge_platform.curate.review.evaluation import curated_project, stripped
from knowledge_platform.db import db
from knowledge_platform.formatting import score
from knowledge_platform.history import record_revision, snapshot
from knowledge_platform.labels import CRITERION_LABELS
from knowledge_platform.models import Project, RevisionKind
from knowledge_platform.models.evaluations import CRITERIA, average_score, qualifies
from knowledge_platform.roles import EDITORS, role_required

REASON_MAX = 2000
# The public reason in each language of the site, as the field of Project it goes to.
REASONS = {"reason_cs": "good_practice_reason_cs", "reason_en": "good_practice_reason_en"}
# Why it is awarded although no evaluation reaches the threshold, also public.
OVERRIDES = {"override_cs": "good_practice_override_cs",
             "override_en": "good_practice_override_en"}


def _reason_field(label: str) -> TextAreaField:
    return TextAreaField(label, filters=[stripped], validators=[
        Length(max=REASON_MAX,
               message=_l("The reason can have at most %(max)d characters."))])


class BadgeForm(FlaskForm):
    """Award (with the public reason in Czech and/or English) or withdraw (with a reason
    kept in the history)."""

    action = HiddenField()  # the value of the button pressed: "award" or "withdraw"
    reason_cs = _reason_field(_l("Public reason in Czech"))
    reason_en = _reason_field(_l("Public reason in English"))
    override_cs = _reason_field(_l("Why without a qualifying evaluation, in Czech"))
    override_en = _reason_field(_l("Why without a qualifying evaluation, in English"))
    withdrawal_reason = TextAreaField(
        _l("Why the badge is withdrawn"), filters=[stripped], validators=[
            Length(max=REASON_MAX,
                   message=_l("The reason can have at most %(max)d characters."))])
    row_version = HiddenField()

    def __init__(self, *args, qualified: bool, threshold: float, **kwargs):
        super().__init__(*args, **kwargs)
        self.qualified, self.threshold = qualified, threshold

    def validate(self, extra_validators=None) -> bool:
        """The fields' own checks, plus a reason for the chosen action and, for an award
        no evaluation supports, the override."""
        valid = super().validate(extra_validators)
        if self.action.data == "award":
            if not (self.reason_cs.data or self.reason_en.data):
                self.reason_cs.errors.append(_("Give the reason in Czech, in English or in "
                                               "both."))
                return False
            if not self.qualified and not (self.override_cs.data or self.override_en.data):
                self.override_cs.errors.append(_(
                    "No evaluation averages %(threshold)s of 3 or more: say why the badge is "
                    "awarded all the same (shown publicly), in Czech, in English or in both.",
                    threshold=score(self.threshold)))
                return False
        elif self.action.data == "withdraw":
            if not self.withdrawal_reason.data:
                self.withdrawal_reason.errors.append(_("Give the reason."))
                return False
        else:
            self.form_errors.append(_("Choose whether to award or to withdraw the badge."))
            return False
        return valid


@bp.route("/projects/<int:project_id>/badge", methods=["GET", "POST"])
@role_required(*EDITORS)
def badge(project_id: int):
    """Show the evaluations and award, change or withdraw the good-practice badge."""
    project = curated_project(project_id)
    threshold = current_app.config["GOOD_PRACTICE_THRESHOLD"]
    form = BadgeForm(data={name: getattr(project, field)
                           for name, field in (REASONS | OVERRIDES).items()},
                     qualified=qualifies(project.evaluations, threshold), threshold=threshold)
    if not form.is_submitted():
        # A submission must carry the version it was made from, so no default on POST.
        form.row_version.data = str(project.row_version)
    status = 200
    if form.validate_on_submit():
        if form.row_version.data == str(project.row_version):
            try:
                return _apply(project, form)
            except StaleDataError:
                db.session.rollback()
                project = curated_project(project_id)
        form.form_errors.append(_("Someone else changed this project in the meantime. Check "
                                  "its badge below and submit again if you still want your "
                                  "change."))
        # The next submission is a deliberate choice made with the current state in view.
        form.row_version.data = str(project.row_version)
        status = 409
    elif form.errors:
        status = 422
    evaluations = list(project.evaluations)
    return render_template(
        "curate/badge.html", project=project, form=form, evaluations=evaluations,
        average=average_score(evaluations), criteria=CRITERIA, criterion_labels=CRITERION_LABELS,
        reason_max=REASON_MAX, reasons=REASONS, overrides=OVERRIDES, threshold=threshold,
    ), status


def _apply(project: Project, form: BadgeForm):
    """Store the badge change as a BADGE revision and go back to the badge page."""
    before = snapshot(project)
    award = form.action.data == "award"
    project.good_practice = award
    for name, field in REASONS.items():
        # The public page shows a reason only with the badge; why it went stays in the history.
        setattr(project, field, form[name].data if award else "")
    for name, field in OVERRIDES.items():
        setattr(project, field, form[name].data if award and not form.qualified else "")
    note = "" if award else form.withdrawal_reason.data
    revision = record_revision(project, before, RevisionKind.BADGE, user=current_user, note=note)
    db.session.commit()
    if revision is None:
        flash(_("Nothing changed."), "badge")
    elif project.good_practice:
        flash(_("The good-practice badge and its reason are saved."), "badge")
    else:
        flash(_("The good-practice badge has been withdrawn."), "badge")
    return redirect(url_for(".badge", project_id=project.id), 303)
