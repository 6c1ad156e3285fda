"""The reviewer's pages: the review list, a record's review page (the extracted fields beside
the source text, evidence marked), and the evaluation form."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from flask import abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup
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
    CRITERION_LABELS,
    CRITERION_QUESTIONS,
    RATIONALE_MAX,
    SCORE_LABELS,
    EvaluationForm,
    curated_project,
)
from knowledge_platform.curate.review.evidence import EvidenceText, highlight
from knowledge_platform.curate.values import shown
from knowledge_platform.db import db
from knowledge_platform.formatting import money, partial_date
from knowledge_platform.history import LIST_FIELDS, snapshot
from knowledge_platform.labels import FIELD_LABELS
from knowledge_platform.models import (
    VOCABULARIES,
    Evaluation,
    Project,
    ProjectRelation,
    RelationKind,
    Role,
    SourceDocument,
)
from knowledge_platform.models.evaluations import CRITERIA, average_score, checked_criteria
from knowledge_platform.models.projects import utcnow
from knowledge_platform.roles import ALL_ROLES, EDITORS, role_required

# Key field -> the record field extraction filled it from, where the names differ.
RECORD_KEYS = {"start_date": "start", "end_date": "end", "budget": "budget_amount"}


# Extracted values with less confidence than this are marked (in words, not only colour).
UNCERTAIN_BELOW = 0.6


@dataclass(frozen=True)
class FieldRow:
    """One key field: the record's value, the selected source's value and its evidence."""

    name: str
    label: str
    current: str
    extracted: str
    confidence: float | None
    evidence: str
    found: bool

    @property
    def uncertain(self) -> bool:
        """An extracted value the extractor was unsure of: the curator checks it first."""
        return bool(self.extracted) and self.confidence is not None and \
            self.confidence < UNCERTAIN_BELOW


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
    text, rows = _source_view(project, source)
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


def _source_view(project: Project, source: SourceDocument | None) -> tuple[Markup, list[FieldRow]]:
    """The source text with evidence marked, and a row per key field."""
    record = (source.extraction if source else None) or {}
    evidence = record.get("evidence") or {}
    confidence = record.get("confidence") or {}
    searchable = EvidenceText(source.text if source else "")
    labels = field_labels()
    spans, rows = {}, []
    for name in FIELDS:
        key = _record_key(name, record)
        snippet = str(evidence.get(key) or "")
        span = searchable.locate(snippet)
        if span:
            spans[name] = span
        rows.append(FieldRow(
            name=name, label=labels[name], current=_current_value(project, name, source),
            extracted=_extracted_value(name, record), confidence=confidence.get(key),
            evidence=snippet, found=span is not None,
        ))
    return highlight(searchable.text, spans, FIELDS), rows


def _record_key(name: str, record: dict[str, Any]) -> str:
    if name == "budget" and record.get("budget_amount") is None:
        return "budget_czk"
    return RECORD_KEYS.get(name, name)


def _labels(vocabulary: str, codes: list[str]) -> str:
    model = VOCABULARIES[vocabulary]
    terms = {term.code: term for term in db.session.scalars(
        select(model).where(model.code.in_(codes)))} if codes else {}
    return ", ".join(terms[code].label(g.lang) if code in terms else code for code in codes)


def _current_value(project: Project, name: str, source: SourceDocument | None) -> str:
    """The record's present value of key field ``name``, as text."""
    if name in ("title", "summary"):
        return " / ".join(value for value in (getattr(project, f"{name}_cs"),
                                              getattr(project, f"{name}_en")) if value)
    if name in ("implementer", "partners"):
        role = Role.IMPLEMENTER if name == "implementer" else Role.PARTNER
        return ", ".join(organisation.name for organisation in project.organisations_in(role))
    if name in LIST_FIELDS:
        return ", ".join(term.label(g.lang) for term in getattr(project, name))
    if name in ("start_date", "end_date"):
        side = name.removesuffix("_date")
        return partial_date(getattr(project, name), getattr(project, f"{side}_precision"))
    if name == "budget":
        return money(project.budget_total, project.currency, project.budget_approximate)
    if name == "source_url":
        return ", ".join(item.url for item in project.sources if item.url)
    return getattr(project, name) or ""


def _extracted_value(name: str, record: dict[str, Any]) -> str:
    """What extraction found for key field ``name`` in one source, as text."""
    value = record.get(_record_key(name, record))
    if value in (None, "", []):
        return ""
    if name in LIST_FIELDS:
        return _labels(LIST_FIELDS[name], list(value))
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if name in ("start_date", "end_date"):
        side = RECORD_KEYS[name]
        try:
            return partial_date(date.fromisoformat(value), record.get(f"{side}_precision"))
        except (TypeError, ValueError):
            return str(value)
    if name == "budget":
        try:
            return money(Decimal(str(value)), record.get("currency") or "CZK",
                         bool(record.get("budget_approximate")))
        except (ArithmeticError, ValueError):
            return str(value)
    return str(value)


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
    return render_template(
        "curate/evaluate.html", project=project, form=form, own=own,
        evaluations=evaluations, average=average_score(evaluations), criteria=CRITERIA,
        criterion_labels=CRITERION_LABELS, criterion_questions=CRITERION_QUESTIONS,
        score_labels=SCORE_LABELS, rationale_max=RATIONALE_MAX,
    ), 422 if form.errors else 200
