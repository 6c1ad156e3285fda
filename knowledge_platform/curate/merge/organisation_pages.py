"""Curator pages for organisations: a searchable list with project counts, merging with a
preview of the projects that move, and undoing a merge."""
from __future__ import annotations

from dataclasses import dataclass

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import selectinload

from knowledge_platform.curate.blueprint import bp
from knowledge_platform.curate.history.diffs import KIND_LABELS
from knowledge_platform.curate.inputs import identifier, typed
from knowledge_platform.curate.merge import merging, organisation_merging
from knowledge_platform.curate.merge.conflicts import SettleError
from knowledge_platform.curate.merge.organisation_detail import likely_twins
from knowledge_platform.curate.merge.pages import error_text
from knowledge_platform.db import db
from knowledge_platform.labels import FIELD_LABELS
from knowledge_platform.models import (
    Organisation,
    OrganisationAlias,
    OrganisationChange,
    ProjectOrganisation,
)
from knowledge_platform.roles import EDITORS, role_required
from knowledge_platform.text import match_key

CANDIDATES = 20
MAX_QUERY = 200


@dataclass(frozen=True)
class Listing:
    rows: list[tuple[Organisation, int]]
    total: int
    page: int
    pages: int


def _matching(query: str) -> Select:
    """Organisations not merged away whose name or an alias contains ``query``, with the
    number of projects each takes part in."""
    counts = (select(ProjectOrganisation.organisation_id,
                     func.count(func.distinct(ProjectOrganisation.project_id)).label("projects"))
              .group_by(ProjectOrganisation.organisation_id).subquery())
    statement = (select(Organisation, func.coalesce(counts.c.projects, 0))
                 .outerjoin(counts, counts.c.organisation_id == Organisation.id)
                 .where(Organisation.merged_into_id.is_(None)))
    if query:
        # Alias keys are folded, so "Charita Opava" also finds "CHARITA OPAVA" and "charita".
        wanted = [Organisation.name.icontains(query, autoescape=True)]
        if match_key(query):
            wanted.append(select(OrganisationAlias.id).where(
                OrganisationAlias.organisation_id == Organisation.id,
                OrganisationAlias.key.contains(match_key(query), autoescape=True)).exists())
        statement = statement.where(or_(*wanted))
    return statement


def listing(query: str, page: int, per_page: int, exclude: int | None = None,
            unchecked: bool = False) -> Listing:
    """One page of the organisations matching ``query`` (only those no curator has checked
    yet when ``unchecked``), by name."""
    statement = _matching(query)
    if unchecked:
        statement = statement.where(Organisation.checked.is_(False))
    if exclude is not None:
        statement = statement.where(Organisation.id != exclude)
    total = db.session.scalar(select(func.count()).select_from(statement.subquery())) or 0
    pages = max(1, -(-total // per_page))
    page = min(max(page, 1), pages)
    rows = db.session.execute(
        statement.options(selectinload(Organisation.aliases))
        .order_by(Organisation.name, Organisation.id)
        .limit(per_page).offset((page - 1) * per_page)
    ).all()
    return Listing([(row[0], row[1]) for row in rows], total, page, pages)


def project_count(organisation: Organisation) -> int:
    """How many projects ``organisation`` takes part in, in any role."""
    return len({link.project_id for link in organisation.roles})


def _query() -> str:
    return typed(request.args, "q", MAX_QUERY)


@bp.get("/organisations")
@role_required(*EDITORS)
def organisations():
    """Every organisation (not merged away) with its names and project count."""
    query = _query()
    unchecked = request.args.get("new") == "1"
    found = listing(query, request.args.get("page", 1, type=int),
                    current_app.config["PROJECTS_PER_PAGE"], unchecked=unchecked)
    waiting = db.session.scalar(select(func.count(Organisation.id)).where(
        Organisation.checked.is_(False), Organisation.merged_into_id.is_(None))) or 0
    # New organisations come with the ones they may duplicate, to merge at a glance.
    twins = {organisation.id: likely_twins(organisation)
             for organisation, _count in found.rows} if unchecked else {}
    return render_template("curate/organisations.html", listing=found, query=query,
                           unchecked=unchecked, waiting=waiting, twins=twins)


@bp.route("/organisations/<int:organisation_id>/merge", methods=["GET", "POST"])
@role_required(*EDITORS)
def merge_organisation(organisation_id: int):
    """Find the organisation to merge into this one, compare the two, and merge."""
    survivor = db.session.get(Organisation, organisation_id) or abort(404)
    if request.method == "POST":
        other = db.session.get(Organisation, identifier(request.form, "other") or abort(400))
        if other is None:
            abort(404)
        try:
            organisation_merging.merge_organisations(survivor, other, current_user)
            db.session.commit()
        except SettleError as refused:
            db.session.rollback()
            return _page(survivor, other, error_text(refused), 422)
        return redirect(url_for(".merge_organisation", organisation_id=survivor.id,
                                merged=other.id), 303)
    other_id = identifier(request.args, "other")
    other = (db.session.get(Organisation, other_id) or abort(404)) if other_id else None
    return _page(survivor, other)


def _page(survivor: Organisation, other: Organisation | None, error: str | None = None,
          status: int = 200):
    query = _query()
    comparable = other is not None
    if comparable:
        try:
            merging.check_pair(survivor, other)
        except SettleError as refused:
            comparable, error, status = False, error_text(refused), 422
    merged_id = identifier(request.args, "merged")
    return render_template(
        "curate/merge_organisation.html", survivor=survivor, other=other, error=error,
        comparable=comparable, query=query, project_count=project_count,
        moving=organisation_merging.moving_projects(other, survivor)
        if other is not None and comparable else [],
        candidates=listing(query, 1, CANDIDATES, exclude=survivor.id) if query else None,
        merged=db.session.get(Organisation, merged_id) if merged_id else None,
    ), status


@bp.post("/organisations/changes/<int:change_id>/undo")
@role_required(*EDITORS)
def undo_organisation_merge(change_id: int):
    """Undo a merge of organisations; when projects' organisations were edited since, ask
    first, listing those edits."""
    change = db.session.get(OrganisationChange, change_id) or abort(404)
    survivor_id = change.organisation_id
    try:
        organisation_merging.check_undo(change)
        later = organisation_merging.later_edits(change)
        if later and request.form.get("confirmed") != "1":
            return render_template("curate/unmerge_confirm.html", change=change, later=later,
                                   field_labels=FIELD_LABELS, kind_labels=KIND_LABELS)
        restored = organisation_merging.undo_merge(change, current_user)
        db.session.commit()
    except SettleError as refused:
        db.session.rollback()
        flash(error_text(refused), "error")
    else:
        flash(_("The merge is undone: %(name)s stands on its own again.",
                name=restored.name), "success")
    return redirect(url_for(".organisation_detail", organisation_id=survivor_id), 303)
