"""An organisation in the workspace: its projects, its names, likely twins, and editing it.

Organisations an import created wait unchecked, in a list of their own, until a curator has
looked at them: kept as they are, renamed, or merged into the record they duplicate.
"""
from __future__ import annotations

import re

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import or_, select

from knowledge_platform.curate.blueprint import bp
from knowledge_platform.curate.inputs import typed
from knowledge_platform.curate.merge.organisation_merging import changed, details
from knowledge_platform.db import db
from knowledge_platform.history.revisions import actor_of
from knowledge_platform.ingest.organisations import add_aliases
from knowledge_platform.labels import (
    ORGANISATION_CHANGE_LABELS,
    ORGANISATION_FIELD_LABELS,
    ORGANISATION_TYPE_LABELS,
)
from knowledge_platform.models import (
    Organisation,
    OrganisationAlias,
    OrganisationChange,
    OrganisationChangeKind,
    OrganisationType,
)
from knowledge_platform.models.organisations import CONTACTS
from knowledge_platform.roles import EDITORS, role_required
from knowledge_platform.text import match_key, slugify

SUGGESTIONS = 8
# Words too common in organisation names to make two of them alike.
COMMON_WORDS = frozenset({"z", "s", "o", "p", "u", "spolek", "mesto", "obec", "pro", "a", "v",
                          "na", "the", "of", "for", "and", "centrum", "centre", "center"})


def likely_twins(organisation: Organisation) -> list[Organisation]:
    """Other organisations with the same identification number, or one of whose names shares
    every distinctive word of one of this one's names (folded: case and diacritics aside)."""
    keys = {match_key(organisation.name)} | {alias.key for alias in organisation.aliases}
    words = {frozenset(key.split()) - COMMON_WORDS for key in keys if key}
    found: dict[int, Organisation] = {}
    # Candidates share the longest word of a name; the whole rule is checked below.
    conditions = [OrganisationAlias.key.contains(max(group, key=len), autoescape=True)
                  for group in words if group]
    if organisation.ico:
        conditions.append(Organisation.ico == organisation.ico)
    if not conditions:
        return []
    candidates = db.session.scalars(
        select(Organisation).join(OrganisationAlias).where(
            or_(*conditions), Organisation.id != organisation.id,
            Organisation.merged_into_id.is_(None)).distinct().limit(200))
    for candidate in candidates:
        theirs = {match_key(candidate.name)} | {alias.key for alias in candidate.aliases}
        their_words = [frozenset(key.split()) - COMMON_WORDS for key in theirs if key]
        same_number = bool(organisation.ico) and candidate.ico == organisation.ico
        if same_number or any(group and other and (group <= other or other <= group)
                              for group in words for other in their_words):
            found[candidate.id] = candidate
    return sorted(found.values(), key=lambda candidate: candidate.name)[:SUGGESTIONS]


def rename(organisation: Organisation, name: str) -> None:
    """Give ``organisation`` a new name; the old one stays as an alias, so matching goes on."""
    old = organisation.name
    organisation.name = name
    organisation.slug = slugify(name)
    add_aliases(organisation, [old, name])


def contact_problem(contacts: dict[str, str | None]) -> str | None:
    """What is wrong with the contacts a curator typed, in words, or None."""
    website, email, phone = contacts["website"], contacts["email"], contacts["phone"]
    if website and not re.match(r"https?://[^\s/]+\.[^\s]+$", website):
        return _("A website address starts with http:// or https:// and names a domain.")
    if email and not re.match(r"[^@\s]+@[^@\s]+\.[^@\s]+$", email):
        return _("An e-mail address looks like name@example.cz.")
    if phone and not re.match(r"\+?[0-9 ()/-]{6,}$", phone):
        return _("A phone number has digits, spaces and perhaps a leading +.")
    return None


@bp.route("/organisations/<int:organisation_id>", methods=["GET", "POST"])
@role_required(*EDITORS)
def organisation_detail(organisation_id: int):
    """The organisation's projects, names and likely twins; posting saves its edited details
    (a new name keeps the old one as an alias) and marks it checked."""
    organisation = db.session.get(Organisation, organisation_id) or abort(404)
    if organisation.merged_into_id:
        return redirect(url_for(".organisation_detail",
                                organisation_id=organisation.merged_into_id), 301)
    error = None
    if request.method == "POST":
        name = typed(request.form, "name", Organisation.name.type.length)
        ico = typed(request.form, "ico", 8) or None
        kind = request.form.get("type", "")
        taken = ico and db.session.scalar(select(Organisation.id).where(
            Organisation.ico == ico, Organisation.id != organisation.id))
        if not name:
            error = _("An organisation needs a name.")
        elif ico and not (ico.isdigit() and len(ico) == 8):
            error = _("A company ID (IČO) has eight digits.")
        elif taken:
            error = _("Organisation %(number)d already has this identification number.",
                      number=taken)
        elif kind not in OrganisationType.__members__.values():
            abort(400)
        elif (problem := contact_problem(contacts := {
                field: typed(request.form, field, size) or None
                for field, size in CONTACTS.items()})):
            error = problem
        else:
            before = details(organisation)
            if name != organisation.name:
                rename(organisation, name)
            organisation.ico = ico
            organisation.type = OrganisationType(kind)
            for field, value in contacts.items():
                setattr(organisation, field, value)
            organisation.checked = True
            changes = changed(before, details(organisation))
            if changes:
                db.session.add(OrganisationChange(
                    organisation=organisation, user=current_user, kind=OrganisationChangeKind.EDIT,
                    actor=actor_of(current_user), changes=changes, moved={}))
            db.session.commit()
            flash(_("Saved."), "success")
            return redirect(url_for(".organisation_detail", organisation_id=organisation.id), 303)
    projects = sorted({link.project for link in organisation.roles},
                      key=lambda project: project.id)
    roles = {(link.project_id, link.role) for link in organisation.roles}
    return render_template(
        "curate/organisation.html", organisation=organisation, projects=projects,
        roles=roles, twins=likely_twins(organisation), type_labels=ORGANISATION_TYPE_LABELS,
        changes=organisation.changes, change_labels=ORGANISATION_CHANGE_LABELS,
        detail_labels=ORGANISATION_FIELD_LABELS, contacts=CONTACTS,
        error=error), 422 if error else 200
