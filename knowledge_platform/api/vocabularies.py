"""A list of terms per catalogue facet (/regions, /funders, ...), as the API shows them."""
from __future__ import annotations

from typing import Any

from flask import request
from sqlalchemy import Table, func, select

from knowledge_platform.api.arguments import NoQuery, validated
from knowledge_platform.api.blueprint import bp
from knowledge_platform.api.http import json_response
from knowledge_platform.api.schemas import TermListSchema
from knowledge_platform.catalogue import FACETS
from knowledge_platform.db import db
from knowledge_platform.models import LINKS, VOCABULARIES, Project, Status
from knowledge_platform.models.vocabulary import VocabularyTerm

# URL name -> facet name, as on the site's browse pages.
ENDPOINTS = {facet.slug: facet.name for facet in FACETS}


def term(value: VocabularyTerm) -> dict[str, str]:
    """One term as {code, label_cs, label_en}."""
    return {"code": value.code, "label_cs": value.label_cs, "label_en": value.label_en}


def all_terms() -> dict[str, dict[str, dict[str, str]]]:
    """Every term of every vocabulary, {facet: {code: term}} (a few hundred rows at most)."""
    return {
        facet: {value.code: term(value) for value in db.session.scalars(select(model))}
        for facet, model in VOCABULARIES.items()
    }


def term_counts(facet: str) -> list[dict[str, Any]]:
    """Every term of ``facet`` in its order, with its number of published projects (maybe 0)."""
    model, link = VOCABULARIES[facet], LINKS[facet]
    counts = _published_counts(link)
    return [
        {**term(value), "project_count": counts.get(value.code, 0)}
        for value in db.session.scalars(select(model).order_by(model.position, model.code))
    ]


def _published_counts(link: Table) -> dict[str, int]:
    published = select(Project.id).where(Project.status == Status.PUBLISHED)
    return dict(db.session.execute(
        select(link.c.code, func.count(link.c.project_id))
        .where(link.c.project_id.in_(published))
        .group_by(link.c.code)
    ).all())


def _vocabulary(kind: str):
    validated(NoQuery(), request.args)
    return json_response(TermListSchema().dump({"items": term_counts(ENDPOINTS[kind])}))


def _view(kind: str):
    def view():
        return _vocabulary(kind)

    view.__name__ = kind.replace("-", "_")
    view.__doc__ = f"Every {ENDPOINTS[kind].replace('_', ' ')} with its published projects."
    return view


for _kind in ENDPOINTS:
    bp.add_url_rule(f"/{_kind}", view_func=_view(_kind), methods=["GET"])
