"""/organisations: organisations with published projects, and one organisation's record."""
from __future__ import annotations

from typing import Any

from flask import request, url_for
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from knowledge_platform import directory
from knowledge_platform.api.arguments import NoQuery, OrganisationsQuery, validated
from knowledge_platform.api.blueprint import bp
from knowledge_platform.api.http import fail, json_response
from knowledge_platform.api.projects import project_url, web_pages
from knowledge_platform.api.schemas import OrganisationPageSchema, OrganisationSchema
from knowledge_platform.db import db
from knowledge_platform.models import (
    Organisation,
    Project,
    ProjectOrganisation,
    Status,
)
from knowledge_platform.models.organisations import CONTACTS


@bp.get("/organisations")
def organisations():
    """Organisations that have published projects, with their counts, one page at a time."""
    data = validated(OrganisationsQuery(), request.args)
    listed = directory.found(data["sort"], data["q"])
    total = len(listed)
    page, per_page = data["page"], data["per_page"]
    shown = listed[(page - 1) * per_page:page * per_page]
    found = {organisation.id: organisation for organisation in db.session.scalars(
        select(Organisation).where(Organisation.id.in_([i for i, _ in shown])))}
    rows = [(found[i], n) for i, n in shown]
    pages = max(1, -(-total // per_page))

    def link(number: int) -> str:
        args = {name: data[name] for name in ("q", "sort") if data[name] != _DEFAULTS[name]}
        if per_page != 20:
            args["per_page"] = per_page
        if number != 1:
            args["page"] = number
        return url_for("api.organisations", _external=True, **args)

    return json_response(OrganisationPageSchema().dump({
        "total": total, "page": page, "per_page": per_page, "pages": pages,
        "links": {
            "self": link(page),
            "next": link(page + 1) if page < pages else None,
            "previous": link(min(page - 1, pages)) if page > 1 else None,
        },
        "items": [_item(organisation, count) for organisation, count in rows],
    }))


_DEFAULTS = {"q": "", "sort": "name"}


def _item(organisation: Organisation, count: int) -> dict[str, Any]:
    return {
        **{column: getattr(organisation, column) for column in (
            "id", "name", "slug", "ico", "type", *CONTACTS)},
        "project_count": count,
        "url": url_for("api.organisation", organisation_id=organisation.id, _external=True),
    }


@bp.get("/organisations/<int:organisation_id>")
def organisation(organisation_id: int):
    """An organisation with published projects, its other names and those projects."""
    validated(NoQuery(), request.args)
    found = db.session.get(Organisation, organisation_id, options=[
        selectinload(Organisation.aliases)])
    links = db.session.scalars(
        select(ProjectOrganisation)
        .join(Project)
        .where(ProjectOrganisation.organisation_id == organisation_id,
               Project.status == Status.PUBLISHED)
        .order_by(Project.start_date.desc().nulls_last(), Project.id.desc(),
                  ProjectOrganisation.role)
        .options(selectinload(ProjectOrganisation.project))
    ).all() if found else []
    # Organisations known only from unpublished records stay private.
    if found is None or not links:
        fail(404, {"organisation_id": f"no organisation {organisation_id} with published "
                                      "projects"})
    projects: dict[int, dict[str, Any]] = {}
    for link in links:
        project = link.project
        entry = projects.setdefault(project.id, {
            **{column: getattr(project, column) for column in (
                "id", "slug", "title_cs", "title_en", "start_date", "start_precision",
                "end_date", "end_precision")},
            "url": project_url(project.id),
            "roles": [],
        })
        entry["roles"].append(link.role)
    return json_response(OrganisationSchema().dump({
        **_item(found, len(projects)),
        "web_pages": web_pages("public.organisation", organisation_id=found.id,
                               slug=found.slug),
        "aliases": [alias.name for alias in found.aliases if alias.name != found.name],
        "projects": list(projects.values()),
    }))
