"""Project and organisation pages."""
from __future__ import annotations

from flask import abort, current_app, redirect, render_template, request, url_for
from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from knowledge_platform import sheets
from knowledge_platform.db import db, merged_survivor
from knowledge_platform.labels import (
    CRITERION_LABELS,
    CRITERION_QUESTIONS,
    LINK_KIND_LABELS,
    ORGANISATION_FIELD_LABELS,
    ORGANISATION_TYPE_LABELS,
    SCORE_LABELS,
)
from knowledge_platform.models import (
    Organisation,
    Project,
    ProjectOrganisation,
    ProjectRelation,
    Status,
)
from knowledge_platform.models.evaluations import CRITERIA, average_score
from knowledge_platform.search import bitmap_cache
from knowledge_platform.search.similar import similar_ids
from knowledge_platform.views.public import bp

SIMILAR = 5


def _published(project_id: int) -> Project:
    project = db.session.get(Project, project_id)
    if project is None or project.status != Status.PUBLISHED:
        abort(404)
    return project


@bp.get("/projects/<int:project_id>-<slug>")
@bp.get("/projects/<int:project_id>", defaults={"slug": None})
def project(project_id: int, slug: str | None):
    """Everything recorded about one published project."""
    # The projects picked for comparison (compare=12,34) follow a redirect (None: not added).
    picked = request.args.get("compare")
    survivor = merged_survivor(Project, db.session.get(Project, project_id))
    if survivor is not None:
        return redirect(url_for("public.project", project_id=survivor.id, slug=survivor.slug,
                                compare=picked), 301)
    found = _published(project_id)
    if slug != found.slug:
        return redirect(url_for("public.project", project_id=found.id, slug=found.slug,
                                compare=picked), 301)
    return render_template(
        "public/project.html", project=found, related=_related(found), similar=_similar(found),
        criteria=CRITERIA, evaluation_average=average_score(found.evaluations),
        criterion_labels=CRITERION_LABELS, criterion_questions=CRITERION_QUESTIONS,
        score_labels=SCORE_LABELS, threshold=current_app.config["GOOD_PRACTICE_THRESHOLD"],
        contact_labels=ORGANISATION_FIELD_LABELS, has_sheet=sheets.has_sheet(found),
        sheet_parts=sheets.PARTS, link_kind_labels=LINK_KIND_LABELS,
    )


@bp.get("/organisations/<int:organisation_id>-<slug>")
@bp.get("/organisations/<int:organisation_id>", defaults={"slug": None})
def organisation(organisation_id: int, slug: str | None):
    """An organisation, its names, and its published projects on a timeline."""
    found = db.session.get(Organisation, organisation_id)
    if found is None:
        abort(404)
    survivor = merged_survivor(Organisation, found)
    if survivor is not None:
        return redirect(url_for("public.organisation", organisation_id=survivor.id,
                                slug=survivor.slug), 301)
    if slug != found.slug:
        return redirect(url_for("public.organisation", organisation_id=found.id,
                                slug=found.slug), 301)
    links = db.session.scalars(
        select(ProjectOrganisation)
        .join(Project)
        .where(ProjectOrganisation.organisation_id == found.id,
               Project.status == Status.PUBLISHED)
        .order_by(Project.start_date.desc().nulls_last(), Project.id.desc())
        .options(selectinload(ProjectOrganisation.project).selectinload(Project.link("region")))
    ).all()
    return render_template("public/organisation.html", organisation=found, links=links,
                           type_labels=ORGANISATION_TYPE_LABELS,
                           contact_labels=ORGANISATION_FIELD_LABELS)


def _related(project: Project) -> list[tuple[ProjectRelation, Project]]:
    """(relation, the other project) for every published project linked to this one."""
    relations = db.session.scalars(
        select(ProjectRelation).where(
            or_(ProjectRelation.from_project_id == project.id,
                ProjectRelation.to_project_id == project.id)
        )
    ).all()
    pairs = []
    for relation in relations:
        other = relation.to_project if relation.from_project_id == project.id \
            else relation.from_project
        if other.status == Status.PUBLISHED:
            pairs.append((relation, other))
    return pairs


def _similar(project: Project) -> list[Project]:
    """Published projects sharing the most activity types and target groups with this one."""
    ids = similar_ids(bitmap_cache.current(db.session.connection()), project, SIMILAR)
    found = {p.id: p for p in db.session.scalars(select(Project).where(Project.id.in_(ids)))}
    return [found[pid] for pid in ids if pid in found]
