"""Public pages, each under a language prefix (/cs/..., /en/...)."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, g, redirect, render_template, request, url_for
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from knowledge_platform.config import LANGUAGES
from knowledge_platform.db import db
from knowledge_platform.i18n import preferred_language
from knowledge_platform.models import Project, ProjectOrganisation, Status

bp = Blueprint("public", __name__, url_prefix="/<lang>")


@bp.url_value_preprocessor
def pull_language(_endpoint, values):
    language = values.pop("lang")
    if language not in LANGUAGES:
        abort(404)
    g.lang = language


@bp.url_defaults
def add_language(_endpoint, values):
    values.setdefault("lang", g.get("lang") or preferred_language())


def root():
    """Send a visitor to their language's home page."""
    return redirect(url_for("public.home", lang=preferred_language()))


@bp.get("/")
def home():
    """The home page: published projects, newest first, with region and funders."""
    page = request.args.get("page", 1, type=int) or 1
    per_page = current_app.config["PROJECTS_PER_PAGE"]
    published = select(Project).where(Project.status == Status.PUBLISHED)
    total = db.session.scalar(select(func.count()).select_from(published.subquery()))
    projects = db.session.scalars(
        published.options(
            selectinload(Project.regions),
            selectinload(Project.funders),
            selectinload(Project.organisations).selectinload(ProjectOrganisation.organisation),
        )
        .order_by(Project.start_date.desc().nulls_last(), Project.id.desc())
        .limit(per_page)
        .offset((max(page, 1) - 1) * per_page)
    ).all()
    return render_template("public/home.html", projects=projects, total=total)
