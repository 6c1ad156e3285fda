"""Project and organisation pages."""
from __future__ import annotations

from flask import abort, redirect, render_template, url_for
from sqlalchemy import func, literal, or_, select
from sqlalchemy.orm import selectinload

from knowledge_platform.db import db
from knowledge_platform.models import (
    Organisation,
    Project,
    ProjectOrganisation,
    ProjectRelation,
    Status,
)
from knowledge_platform.models.evaluations import CRITERIA, average_score
from knowledge_platform.models.vocabulary import project_activity_type, project_target_group
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
    found = _published(project_id)
    if slug != found.slug:
        return redirect(url_for("public.project", project_id=found.id, slug=found.slug), 301)
    return render_template(
        "public/project.html", project=found, related=_related(found), similar=_similar(found),
        criteria=CRITERIA, evaluation_average=average_score(found.evaluations),
    )


@bp.get("/organisations/<int:organisation_id>-<slug>")
@bp.get("/organisations/<int:organisation_id>", defaults={"slug": None})
def organisation(organisation_id: int, slug: str | None):
    """An organisation, its names, and its published projects on a timeline."""
    found = db.session.get(Organisation, organisation_id)
    if found is None:
        abort(404)
    if slug != found.slug:
        return redirect(url_for("public.organisation", organisation_id=found.id,
                                slug=found.slug), 301)
    links = db.session.scalars(
        select(ProjectOrganisation)
        .join(Project)
        .where(ProjectOrganisation.organisation_id == found.id,
               Project.status == Status.PUBLISHED)
        .order_by(Project.start_date.desc().nulls_last(), Project.id.desc())
        .options(selectinload(ProjectOrganisation.project).selectinload(Project.regions))
    ).all()
    return render_template("public/organisation.html", organisation=found, links=links)


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
    """Published projects sharing the most activity types and target groups with this one.

    What a project does weighs twice what it is for: a shared activity counts 2, a
    shared target group 1.
    """
    shared = []
    for link, codes, weight in (
        (project_activity_type, [term.code for term in project.activities], 2),
        (project_target_group, [term.code for term in project.target_groups], 1),
    ):
        if codes:
            shared.append(select(link.c.project_id.label("id"), literal(weight).label("weight"))
                          .where(link.c.code.in_(codes)))
    if not shared:
        return []
    matches = shared[0].union_all(*shared[1:]).subquery()
    score = func.sum(matches.c.weight).label("score")
    same_region = {term.code for term in project.regions}
    ranked = db.session.execute(
        select(matches.c.id, score)
        .join(Project, Project.id == matches.c.id)
        .where(matches.c.id != project.id, Project.status == Status.PUBLISHED)
        .group_by(matches.c.id)
        .order_by(score.desc(), matches.c.id.desc())
        .limit(SIMILAR * 4)
    ).all()
    candidates = {p.id: p for p in db.session.scalars(
        select(Project).where(Project.id.in_([row.id for row in ranked]))
        .options(selectinload(Project.regions)))}
    # Among equally similar projects, those in the same region come first.
    ordered = sorted(
        ranked,
        key=lambda row: (-row.score,
                         not ({t.code for t in candidates[row.id].regions} & same_region)),
    )
    return [candidates[row.id] for row in ordered[:SIMILAR]]
