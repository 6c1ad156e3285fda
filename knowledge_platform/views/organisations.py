"""The directory of organisations: find who did projects by name, type and region."""
from __future__ import annotations

from math import ceil

from flask import render_template, request
from sqlalchemy import select

from knowledge_platform import directory
from knowledge_platform.db import db
from knowledge_platform.labels import ORGANISATION_TYPE_LABELS
from knowledge_platform.models import Organisation, Region
from knowledge_platform.views.public import bp

PER_PAGE = 50


@bp.get("/organisations")
def organisations():
    """Organisations with published projects; values the form does not offer are ignored."""
    text = request.args.get("q", "")[:200]
    kind = request.args.get("type", "")
    kind = kind if kind in ORGANISATION_TYPE_LABELS else ""
    regions = list(db.session.scalars(select(Region).order_by(Region.position)))
    chosen = [code for code in request.args.getlist("region")
              if code in {region.code for region in regions}]
    sort = request.args.get("sort", "name")
    sort = sort if sort in directory.SORTS else "name"
    entries = directory.found(sort, text, kind, chosen)
    pages = max(1, ceil(len(entries) / PER_PAGE))
    page = min(max(1, request.args.get("page", 1, type=int)), pages)
    shown = entries[(page - 1) * PER_PAGE:page * PER_PAGE]
    loaded = {organisation.id: organisation for organisation in db.session.scalars(
        select(Organisation).where(Organisation.id.in_([i for i, _ in shown])))}
    return render_template(
        "public/organisations.html", rows=[(loaded[i], n) for i, n in shown],
        total=len(entries), page=page, pages=pages, text=text, kind=kind, chosen=chosen,
        sort=sort, regions=regions, type_labels=ORGANISATION_TYPE_LABELS)
