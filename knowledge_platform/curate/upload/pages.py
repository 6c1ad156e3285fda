"""Uploading documents through the browser, and the report of every import run."""
from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext, ngettext
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import func, select
from werkzeug.exceptions import RequestEntityTooLarge
from wtforms import BooleanField, MultipleFileField

from importers.readers.errors import human_size
from knowledge_platform.curate.blueprint import bp
from knowledge_platform.curate.upload.files import ALLOWED, REJECTIONS, Limits, Staging
from knowledge_platform.db import db
from knowledge_platform.ingest.liveness import (
    INTERRUPTED,
    close_interrupted_runs,
    was_interrupted,
)
from knowledge_platform.ingest.runs import ImportReport, import_paths
from knowledge_platform.models import ImportRun, Project, Revision, SourceDocument
from knowledge_platform.roles import EDITORS, role_required

# Unchanged files are not stored again, so only the uploader hears their names, once.
UNCHANGED_NAMES_SHOWN = 10
OUTCOME_LABELS = {
    "new": _l("New"),
    "updated": _l("Updated"),
    "skipped": _l("Skipped"),
    "failed": _l("Failed"),
}


class UploadForm(FlaskForm):
    files = MultipleFileField(_l("Documents or ZIP archives"))
    publish = BooleanField(_l("Publish the imported projects at once"), default=False)


def _limits() -> Limits:
    config = current_app.config
    return Limits(file_bytes=config["IMPORT_MAX_BYTES"], files=config["UPLOAD_MAX_FILES"],
                  expanded_bytes=config["UPLOAD_MAX_EXPANDED_BYTES"])


def _render_form(form: UploadForm, error: str | None = None, status: int = 200):
    limits = _limits()
    return render_template(
        "curate/upload.html", form=form, error=error, allowed=ALLOWED,
        file_limit=human_size(limits.file_bytes), files_limit=limits.files,
        request_limit=human_size(current_app.config["MAX_CONTENT_LENGTH"]),
    ), status


@bp.route("/upload", methods=["GET", "POST"])
@role_required(*EDITORS)
def upload():
    """Files or ZIP archives in, through the importer, then to the run's report."""
    form = UploadForm()
    if request.method == "GET":
        return _render_form(form)
    uploads = [item for item in request.files.getlist("files") if item.filename]
    if not form.validate() or not uploads:
        return _render_form(form, gettext("Choose at least one file to upload."), 400)
    with tempfile.TemporaryDirectory(prefix="kp-upload-") as folder:
        staging = Staging(Path(folder), _limits())
        for item in uploads:
            staging.add(item.filename, item.stream)
        report = import_paths(staging.paths, max_bytes=_limits().file_bytes,
                              publish=form.publish.data,
                              started_by=current_user.display_name)
        _relabel(report, staging)
    _announce_unchanged(report, staging)
    return redirect(url_for(".import_run", run_id=report.run_id), 303)


def _relabel(report: ImportReport, staging: Staging) -> None:
    """Put the uploaded names where the importer stored temporary paths; add the refusals."""
    run = db.session.get_one(ImportRun, report.run_id)
    documents = db.session.scalars(
        select(SourceDocument).where(SourceDocument.import_run_id == run.id))
    for document in documents:
        document.location = staging.display(document.location)[:1000]
        document.extraction = {**document.extraction, "source": document.location}
    for revision in db.session.scalars(select(Revision).where(Revision.import_run_id == run.id)):
        revision.note = staging.display(revision.note)
    run.errors = [*({**error, "source": staging.display(error["source"])} for error in run.errors),
                  *(rejection.as_error() for rejection in staging.rejected)]
    run.failed_count += len(staging.rejected)
    db.session.commit()


def _announce_unchanged(report: ImportReport, staging: Staging) -> None:
    names = [staging.display(result.source) for result in report.results
             if result.status == "unchanged"]
    if not names:
        return
    shown = ", ".join(names[:UNCHANGED_NAMES_SHOWN])
    if len(names) > UNCHANGED_NAMES_SHOWN:
        shown = gettext("%(names)s and %(count)s more", names=shown,
                        count=len(names) - UNCHANGED_NAMES_SHOWN)
    flash(ngettext("Already imported and unchanged: %(names)s",
                   "Already imported and unchanged (%(num)s files): %(names)s",
                   len(names), names=shown), "unchanged")


@bp.errorhandler(RequestEntityTooLarge)
def upload_too_large(_error):
    """A request over MAX_CONTENT_LENGTH: say so in the user's language, with the limit."""
    return render_template(
        "curate/upload_too_large.html",
        limit=human_size(current_app.config["MAX_CONTENT_LENGTH"]),
    ), 413


@dataclass(frozen=True)
class FileRow:
    """One file of a run as the report lists it."""

    name: str
    outcome: str
    message: str = ""
    project: Project | None = None


@bp.get("/imports/<int:run_id>")
@role_required(*EDITORS)
def import_run(run_id: int):
    """An import run's counts and what happened to each of its files."""
    close_interrupted_runs()
    run = db.session.get(ImportRun, run_id) or abort(404)
    return render_template("curate/import_run.html", run=run, rows=run_rows(run),
                           outcome_labels=OUTCOME_LABELS, interrupted=was_interrupted(run))


def run_rows(run: ImportRun) -> list[FileRow]:
    """The run's stored documents (new, updated, skipped) and failed files, by name.

    Unchanged files are not stored again, so the run keeps only their count.
    """
    documents = list(db.session.scalars(
        select(SourceDocument).where(SourceDocument.import_run_id == run.id)
        .order_by(SourceDocument.id)))
    created = _created_by(run, {document.project_id for document in documents})
    rows = []
    for document in documents:
        if document.project is None:
            rows.append(FileRow(document.location, "skipped", gettext("not a project description")))
            continue
        # Recorded at import; for documents stored before that, a project's first revision
        # names the document that created it.
        outcome = document.outcome or (
            "new" if created.get(document.project.id) == document.location else "updated")
        rows.append(FileRow(document.location, outcome, project=document.project))
    rows += [FileRow(error.get("source", ""), "failed", problem_text(error))
             for error in run.errors or [] if error.get("reason") != INTERRUPTED]
    return sorted(rows, key=lambda row: row.name.casefold())


def _created_by(run: ImportRun, project_ids: set[int | None]) -> dict[int, str]:
    """Project id -> the document (its note) whose import created it, for this run's projects."""
    first = (select(func.min(Revision.id)).where(Revision.project_id.in_(project_ids - {None}))
             .group_by(Revision.project_id))
    revisions = db.session.scalars(select(Revision).where(Revision.id.in_(first)))
    return {revision.project_id: revision.note for revision in revisions
            if revision.import_run_id == run.id}


def problem_text(error: dict) -> str:
    """An error of ImportRun.errors in the user's language when it is one of the upload's own."""
    template = REJECTIONS.get(error.get("reason", ""))
    if template is None:
        return str(error.get("problem", ""))
    return gettext(template) % (error.get("params") or {})
