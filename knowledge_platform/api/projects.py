"""/projects: the search as JSON, and the full record of one published project."""
from __future__ import annotations

from dataclasses import replace
from typing import Any
from urllib.parse import urlencode

from flask import Response, abort, request, url_for
from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from knowledge_platform import catalogue
from knowledge_platform.api.arguments import (
    NoQuery,
    ProjectsQuery,
    search_params,
    validated,
)
from knowledge_platform.api.blueprint import bp
from knowledge_platform.api.http import JSON, fail, json_bytes, json_response
from knowledge_platform.api.schemas import ProjectPageSchema, ProjectSchema
from knowledge_platform.api.vocabularies import all_terms, term
from knowledge_platform.catalogue import FACETS
from knowledge_platform.db import db, merged_survivor
from knowledge_platform.models import (
    Project,
    ProjectOrganisation,
    ProjectRelation,
    SourceDocument,
    Status,
)
from knowledge_platform.models.evaluations import average_score
from knowledge_platform.personal import contact_person
from knowledge_platform.search.params import SearchParams
from knowledge_platform.search.service import SearchResult, search


@bp.get("/projects")
def projects():
    """Search published projects with the search page's parameters, one page at a time."""
    data = validated(ProjectsQuery(), request.args)
    params = search_params(data)
    result = search(params, language=data["locale"], with_facets=data["facets"])
    return json_response(ProjectPageSchema().dump(_page(result, data)))


def _page(result: SearchResult, data: dict[str, Any]) -> dict[str, Any]:
    params = result.params
    extra = ([("facets", "1")] if data["facets"] else []) + (
        [("locale", data["locale"])] if data["locale"] != "cs" else [])
    page = {
        "total": result.total,
        "page": params.page,
        "per_page": params.per_page,
        "pages": result.pages,
        "links": {
            "self": _search_url(params.query_string(), extra),
            "next": _page_url(params, params.page + 1, extra)
            if params.page < result.pages else None,
            # Past the end, "previous" leads back to the last page that has items.
            "previous": _page_url(params, min(params.page - 1, result.pages), extra)
            if params.page > 1 else None,
        },
        "items": project_items(result.hits),
        "fallback": result.fallback,
        "suggestion": result.suggestion,
        "also_searched": result.also_searched,
    }
    if data["facets"]:
        page["facets"] = [
            {"name": facet["name"], "values": [
                {**value, "code": str(value["code"]),
                 "toggle": _search_url(value["toggle"], extra)}
                for value in facet["values"]]}
            for facet in result.facets
        ]
    return page


def _page_url(params: SearchParams, page: int, extra: list[tuple[str, str]]) -> str:
    return _search_url(replace(params, page=page).query_string(), extra)


def _search_url(query_string: str, extra: list[tuple[str, str]]) -> str:
    """The absolute API URL of a search query string, with the API's own parameters."""
    parts = [part for part in (query_string.lstrip("?"), urlencode(extra)) if part]
    return url_for("api.projects", _external=True) + ("?" + "&".join(parts) if parts else "")


def project_items(hits: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Hits with both titles and both labels of their terms added."""
    titles = dict(
        (row.id, row) for row in db.session.execute(
            select(Project.id, Project.title_cs, Project.title_en)
            .where(Project.id.in_([hit["id"] for hit in hits])))
    ) if hits else {}
    terms = all_terms()
    return [{
        **hit,
        "url": project_url(hit["id"]),
        "title_cs": titles[hit["id"]].title_cs,
        "title_en": titles[hit["id"]].title_en,
        **{facet.field: [terms[facet.name][value["code"]] for value in hit[facet.field]]
           for facet in FACETS if facet.in_hits},
    } for hit in hits]


def project_url(project_id: int) -> str:
    """The absolute API URL of a project."""
    return url_for("api.project", project_id=project_id, _external=True)


def web_pages(endpoint: str, **values) -> dict[str, str]:
    """The site's page of a record in each language."""
    return {lang: url_for(endpoint, lang=lang, _external=True, **values) for lang in ("cs", "en")}


@bp.get("/projects/<int:project_id>")
def project(project_id: int):
    """The full record of a published project; any other id is a 404."""
    validated(NoQuery(), request.args)
    found = db.session.scalar(
        select(Project)
        .where(Project.id == project_id, Project.status == Status.PUBLISHED)
        .options(
            *(selectinload(Project.link(facet.name)) for facet in FACETS),
            selectinload(Project.organisations).selectinload(ProjectOrganisation.organisation),
            # The API names its sources; their full text stays in the database.
            selectinload(Project.public_sources).load_only(
                SourceDocument.location, SourceDocument.url, SourceDocument.media_type,
                SourceDocument.language, SourceDocument.captured_at),
        )
    )
    if found is None:
        merged_into(project_id)
        fail(404, {"project_id": f"no published project {project_id}"})
    return json_response(ProjectSchema().dump(_record(found)))


def merged_into(project_id: int) -> None:
    """Answer 301 to the project that ``project_id`` was merged into, if it was merged."""
    survivor = merged_survivor(Project, db.session.get(Project, project_id))
    if survivor is not None:
        url = project_url(survivor.id)
        abort(Response(json_bytes({"merged_into": {"id": survivor.id, "url": url}}), 301,
                       mimetype=JSON, headers={"Location": url}))


def _record(project: Project) -> dict[str, Any]:
    return {
        **{column: getattr(project, column) for column in (
            "id", "slug", "language", "title_cs", "title_en", "summary_cs", "summary_en",
            "description_cs", "description_en", "registration_number", "start_date",
            "start_precision", "end_date", "end_precision", "budget_total", "subsidy",
            "currency", "budget_approximate", "scope", "good_practice",
            "good_practice_reason_cs", "good_practice_reason_en",
            "good_practice_override_cs", "good_practice_override_en",
            "created_at", "updated_at")},
        **{scalar.name: getattr(project, scalar.name)
           for scalar in catalogue.part_fields(catalogue.SHEET)},
        "cost_per_participant": project.cost_per_participant,
        "url": project_url(project.id),
        "web_pages": web_pages("public.project", project_id=project.id, slug=project.slug),
        **{facet.field: [term(value) for value in project.terms(facet.name)]
           for facet in FACETS},
        "organisations": [{
            "id": link.organisation.id, "name": link.organisation.name,
            "ico": link.organisation.ico, "type": link.organisation.type, "role": link.role,
            "url": url_for("api.organisation", organisation_id=link.organisation.id,
                           _external=True),
        } for link in project.organisations],
        "contact_person": contact_person(project),
        "sources": project.public_sources,
        "relations": _relations(project.id),
        "evaluations": project.evaluations,
        "evaluation_average": average_score(project.evaluations),
    }


def _relations(project_id: int) -> list[dict[str, Any]]:
    """Every relation to another published project, with its direction."""
    relations = db.session.scalars(
        select(ProjectRelation)
        .where(or_(ProjectRelation.from_project_id == project_id,
                   ProjectRelation.to_project_id == project_id))
        .options(selectinload(ProjectRelation.from_project),
                 selectinload(ProjectRelation.to_project))
        .order_by(ProjectRelation.id)
    )
    found = []
    for relation in relations:
        outgoing = relation.from_project_id == project_id
        other = relation.to_project if outgoing else relation.from_project
        if other.status != Status.PUBLISHED:
            continue
        found.append({
            "kind": relation.kind,
            "direction": "outgoing" if outgoing else "incoming",
            "project": {"id": other.id, "slug": other.slug, "title_cs": other.title_cs,
                        "title_en": other.title_en, "url": project_url(other.id)},
        })
    return found
